import type { EventStore, NewEvent, StoreTestHooks } from '../../src';

/** What an adapter's spec gives the contract: a fresh database and a way to open stores on it. */
export interface ContractHarness {
  adapter: 'sqlite' | 'postgres' | 'kurrentdb';
  /** Opens another store on this harness's database, as a separate process would (migrations run on open). */
  open(options?: { hooks?: StoreTestHooks }): Promise<EventStore>;
  /** PostgreSQL: resolves once some writer of this database waits for the append lock. */
  waitForBlockedWriter?(): Promise<void>;
  /** Closes what it opened and removes the database (file or schema). */
  destroy(): Promise<void>;
}

export type HarnessFactory = () => Promise<ContractHarness>;

/** What an adapter cannot do by design; the contract then checks what it does instead, or skips saying why. */
export interface ContractLimits {
  /** The server expires idempotency records itself (KurrentDB $maxAge): purge answers 0 and removes nothing. */
  serverExpiresRecords?: boolean;
  /** Why test hooks cannot hold a commit open on this harness (a real server); the gap test is skipped. */
  noCommitHooks?: string;
  /** A slower transport (gRPC to a server in this process) needs longer for the 100,000-event test. */
  scaleTimeoutMs?: number;
}

/** Per-suite state handed to every group of contract tests. */
export interface ContractContext {
  harness: ContractHarness;
  /** Opened once per suite; other stores are opened by the tests that need them. */
  store: EventStore;
  /** A stream id no other test (or parallel run) uses. */
  stream(label: string): string;
  limits: ContractLimits;
}

let counter = 0;
const runId = Math.random().toString(36).slice(2, 8);
export const uniqueStream = (label: string): string => `${label}-${runId}-${++counter}`;

export const ev = (type: string, data: unknown = {}, metadata?: Record<string, unknown>): NewEvent => ({
  type,
  data,
  metadata,
});

export const events = (n: number, type = 'Counted'): NewEvent[] => Array.from({ length: n }, (_, i) => ev(type, { i }));

export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** A promise plus its resolver, to hold a hook open until the test says so. */
export function gate(): { promise: Promise<void>; open(): void } {
  let open!: () => void;
  const promise = new Promise<void>((resolve) => (open = resolve));
  return { promise, open };
}

export function fulfilled<T>(results: PromiseSettledResult<T>[]): T[] {
  return results.filter((r): r is PromiseFulfilledResult<T> => r.status === 'fulfilled').map((r) => r.value);
}

export function rejected<T>(results: PromiseSettledResult<T>[]): unknown[] {
  return results.filter((r): r is PromiseRejectedResult => r.status === 'rejected').map((r) => r.reason);
}
