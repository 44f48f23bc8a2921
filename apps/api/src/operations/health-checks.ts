/** One dependency's state as /health and /health/ready report it. */
export interface CheckResult {
  status: 'up' | 'down';
  /** Why it is down, in words (the driver's message, or the timeout). */
  error?: string;
  durationMs: number;
}

/** Longest a single dependency may take to answer a health probe; a hung dependency is "down", never a hung probe. */
export const HEALTH_CHECK_TIMEOUT_MS = 2_000;

/** Runs one probe, bounded by `timeoutMs`: a probe that throws or does not answer in time is "down". */
export async function runCheck(
  probe: () => Promise<unknown>,
  timeoutMs = HEALTH_CHECK_TIMEOUT_MS,
): Promise<CheckResult> {
  const started = Date.now();
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs);
  });
  try {
    await Promise.race([probe(), timeout]);
    return { status: 'up', durationMs: Date.now() - started };
  } catch (err) {
    return { status: 'down', error: (err as Error)?.message || String(err), durationMs: Date.now() - started };
  } finally {
    clearTimeout(timer);
  }
}

/** Runs every probe at once, so the answer takes at most one timeout, whatever hangs. */
export async function runChecks(
  probes: Record<string, () => Promise<unknown>>,
  timeoutMs = HEALTH_CHECK_TIMEOUT_MS,
): Promise<{ ok: boolean; checks: Record<string, CheckResult> }> {
  const names = Object.keys(probes);
  const results = await Promise.all(names.map((name) => runCheck(probes[name], timeoutMs)));
  const checks = Object.fromEntries(names.map((name, i) => [name, results[i]]));
  return { ok: results.every((r) => r.status === 'up'), checks };
}
