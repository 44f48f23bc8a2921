/**
 * The event store port. Shaped after KurrentDB's client so that a KurrentDB
 * adapter can implement it without changing callers:
 *   appendToStream(streamId, events, { expectedVersion })
 *   readStream(streamId, { fromVersion, toVersion, limit })
 *   readAll({ after, limit })
 * Versions start at 1 within a stream; positions are global, strictly
 * increasing, and a reader that has seen position p has seen every committed
 * event below p (no gaps become visible later).
 */
export const EVENT_STORE = Symbol('EVENT_STORE');

/** A number (the stream's current version), `no_stream` (the stream must not exist), or `any`. */
export type ExpectedVersion = number | 'no_stream' | 'any';

export interface NewEvent<Type extends string = string, Data = unknown> {
  type: Type;
  data: Data;
  /** Caller metadata (actor, correlationId, idempotencyKey…). `recordedAt` is added by the store. */
  metadata?: Record<string, unknown>;
}

export interface EventMetadata extends Record<string, unknown> {
  /** ISO-8601 timestamp set by the store when the event was appended. */
  recordedAt: string;
}

export interface RecordedEvent<Type extends string = string, Data = unknown> {
  streamId: string;
  version: number;
  position: number;
  type: Type;
  data: Data;
  metadata: EventMetadata;
}

export interface AppendOptions {
  expectedVersion: ExpectedVersion;
  /**
   * Extra rows written in the same transaction as the events (e.g. the stored
   * answer of an idempotent request). Each adapter decides how to persist them;
   * they are committed if and only if the events are.
   */
  sideEffects?: SideEffect[];
}

/** A key/value record committed atomically with an append (see AppendOptions.sideEffects). */
export interface SideEffect {
  kind: 'idempotency';
  scope: string;
  key: string;
  value: string;
  expiresAt: string;
}

export interface AppendResult {
  /** The stream's version after the append (the last appended event's version). */
  nextExpectedVersion: number;
  /** Global position of the last appended event. */
  lastPosition: number;
  events: RecordedEvent[];
}

export interface ReadStreamOptions {
  /** First version to return (inclusive). Default 1. */
  fromVersion?: number;
  /** Last version to return (inclusive). Default: no bound. */
  toVersion?: number;
  /** At most this many events. Default 1,000. */
  limit?: number;
}

export interface ReadAllOptions {
  /** Return events with position strictly greater than this. Default 0 (from the start). */
  after?: number;
  /** At most this many events. Default 1,000. */
  limit?: number;
}

export interface StreamHead {
  streamId: string;
  version: number;
}

export interface EventStore {
  /**
   * Appends atomically; throws WrongExpectedVersionError when the stream's version differs,
   * SideEffectConflictError when a side effect's key is held by a live record (nothing is
   * written then). An empty `events` only checks the version (and writes the side effects).
   */
  appendToStream(streamId: string, events: NewEvent[], options: AppendOptions): Promise<AppendResult>;
  readStream(streamId: string, options?: ReadStreamOptions): Promise<RecordedEvent[]>;
  readAll(options?: ReadAllOptions): Promise<RecordedEvent[]>;
  /** Current version of a stream, 0 when it does not exist. */
  streamVersion(streamId: string): Promise<number>;
  /** Every stream with its current version (rebuilds walk streams one by one; lag sums versions). */
  streamHeads(): Promise<StreamHead[]>;
  /** Highest committed global position, 0 when the store is empty. */
  headPosition(): Promise<number>;
  /** Reads a side-effect record written by an append (undefined when absent or expired). */
  readSideEffect(kind: SideEffect['kind'], scope: string, key: string): Promise<string | undefined>;
  /**
   * Housekeeping: deletes up to `limit` expired side-effect records and
   * answers how many it deleted. Expired records are already ignored by
   * reads and replaced by appends; this only keeps the table from growing.
   */
  purgeExpiredSideEffects(limit: number): Promise<number>;
  /** Cheap liveness check used by /health. */
  ping(): Promise<void>;
  close(): Promise<void>;
}
