export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** Median of `runs` results of `run` (runs are sequential, never overlapping). */
export async function medianOf(runs: number, run: () => Promise<number>): Promise<number> {
  const results: number[] = [];
  for (let i = 0; i < runs; i++) results.push(await run());
  return median(results);
}

/** Runs `work`, which handles `count` items, and returns items per second. */
export async function ratePerSecond(count: number, work: () => Promise<unknown> | unknown): Promise<number> {
  const start = process.hrtime.bigint();
  await work();
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  return count / seconds;
}

/**
 * Tracks peak RSS by explicit samples: a loop over an in-process store (SQLite)
 * may never yield to timers, so an interval sampler would miss the peak.
 */
export function rssPeak(): { sample(): void; peak(): number } {
  let peak = process.memoryUsage.rss();
  return {
    sample: () => void (peak = Math.max(peak, process.memoryUsage.rss())),
    peak: () => Math.max(peak, process.memoryUsage.rss()),
  };
}

export const mib = (bytes: number): number => Math.round(bytes / 1024 / 1024);

/** The p-th percentile of an ascending array (nearest rank). */
export function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}
