/**
 * The words printed when a process cannot start. Driver errors often carry
 * their meaning in fields rather than in the message (PostgreSQL's SQLSTATE,
 * a socket's errno), and an AggregateError (every address refused) has an
 * empty message; both are spelled out here.
 */
export function describeBootError(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const parts: string[] = [];
  if (error instanceof AggregateError && error.errors.length) {
    parts.push(...new Set(error.errors.map((e: unknown) => (e instanceof Error ? e.message : String(e)))));
  } else if (error.message) {
    parts.push(error.message);
  }
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string' && !parts.some((p) => p.includes(code))) parts.push(`(${code})`);
  const cause = (error as { cause?: unknown }).cause;
  if (cause instanceof Error && cause.message && !parts.includes(cause.message))
    parts.push(`caused by: ${cause.message}`);
  return parts.join(' ') || error.name;
}
