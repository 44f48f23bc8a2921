/** Conflicts the client did not cause (no If-Match) are retried this many times with fresh state. */
export const MAX_CONFLICT_RETRIES = 20;

const BASE_MS = 2;
const CAP_MS = 100;

/**
 * "Full jitter" exponential backoff (a random wait in [0, min(cap, base·2^attempt)]):
 * writers that conflicted together do not retry in lockstep and conflict again.
 * The first retry is immediate, since most conflicts are one stale cache.
 */
export function conflictBackoffMs(attempt: number, random: () => number = Math.random): number {
  if (attempt <= 1) return 0;
  return Math.floor(random() * Math.min(CAP_MS, BASE_MS * 2 ** attempt));
}
