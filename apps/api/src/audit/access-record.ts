import type { Role } from '../auth/principal';

/**
 * One row of the access log (SPEC 6.3): who read what, when, under which
 * correlation id. Identifiers only, never free text: the log must not become
 * a second copy of what it protects.
 */
export interface AccessRecord {
  at: string;
  tokenId: string;
  role: Role;
  /** The network read or exported; null for a cross-network read (the global log, an export of every network). */
  networkId: string | null;
  /** Method and route pattern, e.g. `GET /v1/networks/:networkId/events`, never the concrete URL. */
  endpoint: string;
  correlationId: string;
}

/** A stored record: its id orders the log and is the paging cursor. */
export interface StoredAccessRecord extends AccessRecord {
  id: number;
}

export interface AccessLogFilter {
  networkId?: string;
  tokenId?: string;
  /** Inclusive lower bound on `at` (ISO-8601, normalised to UTC). */
  from?: string;
  /** Exclusive upper bound on `at`. */
  to?: string;
  /** Only records with a smaller id (the `next` of the previous page). */
  before?: number;
  limit: number;
}

export interface AccessLogPage {
  records: StoredAccessRecord[];
  /** The `before` of the next (older) page, or null when this page is the last one. */
  next: number | null;
}

/** The page of `limit` out of `rows` fetched with `limit + 1` (newest first). */
export function accessLogPage(rows: StoredAccessRecord[], limit: number): AccessLogPage {
  const records = rows.slice(0, limit);
  return { records, next: rows.length > limit ? records[records.length - 1].id : null };
}

/** The instant before which records are deleted: `days` whole days before `now`. */
export function retentionCutoff(now: Date, days: number): string {
  return new Date(now.getTime() - days * 24 * 60 * 60 * 1000).toISOString();
}

/** The logged endpoint: the HTTP method and the route pattern it matched. */
export function endpointOf(method: string, routePattern: string): string {
  return `${method.toUpperCase()} ${routePattern}`;
}

/**
 * An ISO-8601 date or timestamp in the stored form (toISOString), so text
 * comparison is time comparison; undefined when it names no real instant. A
 * date is its UTC midnight; a timestamp without an offset is UTC too (not the
 * server's local time).
 */
export function storedInstant(value: string): string | undefined {
  const time = new Date(/T[\d:.]+$/.test(value) ? `${value}Z` : value);
  return Number.isNaN(time.getTime()) ? undefined : time.toISOString();
}
