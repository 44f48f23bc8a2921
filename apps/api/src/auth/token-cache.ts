import type { TokenRecord } from './token-store';

/** How long a token row read from the database is trusted without reading it again. */
export const TOKEN_CACHE_TTL_MS = 5_000;
const MAX_ENTRIES = 10_000;

interface Entry {
  record: TokenRecord;
  until: number;
}

/**
 * Token rows recently read, by id, so that a busy client is not one database
 * query per request. Only rows of live tokens are kept (never misses, so
 * unknown ids cannot fill it), at most TOKEN_CACHE_TTL_MS: a token revoked
 * on this instance stops working at once (`forget`), and on other instances
 * sharing the database within that time. The secret is still checked against
 * the row's hash on every request.
 */
export class TokenCache {
  private readonly entries = new Map<string, Entry>();
  /** Ids revoked here, until no read begun before the revocation can still be remembered. */
  private readonly revoked = new Map<string, number>();

  constructor(private readonly now: () => number = Date.now) {}

  get(id: string): TokenRecord | undefined {
    const entry = this.entries.get(id);
    if (!entry) return undefined;
    if (entry.until > this.now()) return entry.record;
    this.entries.delete(id);
    return undefined;
  }

  remember(record: TokenRecord): void {
    if (record.revokedAt) return;
    const revokedUntil = this.revoked.get(record.id);
    if (revokedUntil !== undefined) {
      if (revokedUntil > this.now()) return; // a row read before its revocation committed
      this.revoked.delete(record.id);
    }
    this.entries.delete(record.id);
    if (this.entries.size >= MAX_ENTRIES) this.entries.delete(this.entries.keys().next().value as string);
    this.entries.set(record.id, { record, until: this.now() + TOKEN_CACHE_TTL_MS });
  }

  /** The token was revoked: never answer it from memory again. */
  forget(id: string): void {
    this.entries.delete(id);
    this.revoked.set(id, this.now() + TOKEN_CACHE_TTL_MS);
  }
}
