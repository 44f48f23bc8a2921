import type { TokenRecord } from './token-store';

/** How long a cached token row is trusted without news from the revocation channel. */
export const TOKEN_CACHE_TTL_MS = 2_000;
const MAX_ENTRIES = 10_000;

interface Entry {
  record: TokenRecord;
  expiresAt: number;
}

/**
 * Token rows by id, kept for at most TOKEN_CACHE_TTL_MS, used only while this
 * instance hears revocations (its RevocationChannel is connected): while the
 * channel is down nothing is cached and every request reads the row.
 *
 * A read that began before an invalidation must not cache what it read (the
 * row may predate the revocation): `begin()` hands out the current epoch,
 * every invalidation bumps it, and `put` with an older epoch is dropped.
 */
export class TokenCache {
  private readonly entries = new Map<string, Entry>();
  private epoch = 0;
  private live = false;

  constructor(private readonly now: () => number = () => performance.now()) {}

  get(id: string): TokenRecord | undefined {
    if (!this.live) return undefined;
    const entry = this.entries.get(id);
    if (!entry) return undefined;
    if (entry.expiresAt <= this.now()) {
      this.entries.delete(id);
      return undefined;
    }
    return entry.record;
  }

  /** The epoch to pass to `put` for a row about to be read. */
  begin(): number {
    return this.epoch;
  }

  /** Only rows that exist are cached: an id not found yet may be issued by another instance. */
  put(id: string, record: TokenRecord, epoch: number): void {
    if (!this.live || epoch !== this.epoch) return;
    if (this.entries.size >= MAX_ENTRIES) this.entries.delete(this.entries.keys().next().value as string);
    this.entries.set(id, { record, expiresAt: this.now() + TOKEN_CACHE_TTL_MS });
  }

  /** A token was revoked. */
  invalidate(id: string): void {
    this.epoch++;
    this.entries.delete(id);
  }

  /** Whether the revocation channel is connected: the cache is used only while it is. */
  setLive(live: boolean): void {
    if (live === this.live) return;
    this.live = live;
    this.epoch++;
    this.entries.clear();
  }
}
