/**
 * The event store port. Every adapter (SQLite, PostgreSQL, KurrentDB)
 * implements the required methods; what only some stores can do cheaply is an
 * optional method that callers check for (`store.streamHeads?.()`).
 *   appendToStream(streamId, events, { expectedVersion, idempotency })
 *   readStream(streamId, { fromVersion, toVersion, limit })
 *   readAll({ after, limit })
 * Versions start at 1 within a stream (KurrentDB's revisions start at 0: its
 * adapter adds one); positions are global, strictly increasing numbers, and a
 * reader that has seen position p has seen every committed event below p (no
 * gaps become visible later).
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
   * The stored result of an idempotent request, committed if and only if the
   * events are (SQL stores: a row in the same transaction; KurrentDB: a
   * multi-stream append with the record on a stream of its own).
   * Several records (distinct keys) when one append carries the events of
   * several requests: all are committed with the events or none is, and a held
   * key fails the whole append with IdempotencyKeyHeldError naming that key.
   */
  idempotency?: IdempotencyRecord | readonly IdempotencyRecord[];
  /**
   * SPEC 6.1/6.2: data keys (wrapped by the master key) to store, and the data
   * keys of a stream's events to destroy (rows deleted), committed if and only
   * if the events are. SQL stores: rows of `data_keys` in the same
   * transaction. KurrentDB has no tables: see libs/platform's keyed store.
   */
  dataKeys?: DataKeyChanges;
}

/** A data key of one event, wrapped by the master key; `keyId` is what sealed text names. */
export interface WrappedDataKey {
  keyId: string;
  streamId: string;
  version: number;
  wrapped: string;
}

export interface DataKeyChanges {
  put?: WrappedDataKey[];
  /** Every key of these versions of the stream (`all`: of every version so far). */
  destroy?: { streamId: string; versions: number[] | 'all' };
}

/** An Idempotency-Key's record: held until `expiresAt`, then free to be used again. */
export interface IdempotencyRecord {
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

/** A recorded event with its data and metadata as the JSON text the store holds (not parsed). */
export interface RecordedEventText {
  streamId: string;
  version: number;
  position: number;
  type: string;
  /** JSON text of `data`: `JSON.parse` gives what `readAll`/`readStream` answer. */
  data: string;
  /** JSON text of `metadata` (`recordedAt` included). */
  metadata: string;
  /**
   * The event's own data key as wrapped (SPEC 6.1), read with the event
   * (one index lookup per row, where a separate key query per page cost
   * more than the read): absent when the event has no key or it was
   * destroyed. Stores that keep keys elsewhere leave it absent and set no
   * `keysWithText`.
   */
  dataKey?: { keyId: string; wrapped: string };
}

export interface StreamHead {
  streamId: string;
  version: number;
}

export interface EventStore {
  /**
   * Appends atomically; throws WrongExpectedVersionError when the stream's version differs,
   * IdempotencyKeyHeldError when the idempotency record's key is held by a live record
   * (nothing is written then). An empty `events` only checks the version (and writes the record).
   */
  appendToStream(streamId: string, events: NewEvent[], options: AppendOptions): Promise<AppendResult>;
  readStream(streamId: string, options?: ReadStreamOptions): Promise<RecordedEvent[]>;
  readAll(options?: ReadAllOptions): Promise<RecordedEvent[]>;
  /** Current version of a stream, 0 when it does not exist. */
  streamVersion(streamId: string): Promise<number>;
  /** Highest committed global position, 0 when the store is empty. */
  headPosition(): Promise<number>;
  /** The value of a live idempotency record written by an append (undefined when absent or expired). */
  readIdempotencyRecord(scope: string, key: string): Promise<string | undefined>;
  /** Cheap liveness check used by /health. */
  ping(): Promise<void>;
  close(): Promise<void>;

  // Optional capabilities: callers check for them and do without.

  /**
   * Every stream with its current version, from an index (SQL stores). Used
   * for lag and rebuild totals; absent where only a scan of the log could answer.
   */
  streamHeads?(): Promise<StreamHead[]>;
  /**
   * The current version of each given stream (0 for one that does not exist),
   * one index lookup each: cheap for hundreds of streams whatever the log's
   * size, where streamHeads reads the whole index (SQL stores).
   */
  streamVersions?(streamIds: readonly string[]): Promise<Map<string, number>>;
  /**
   * Housekeeping where expired idempotency records are rows to delete (SQL
   * stores): deletes up to `limit` and answers how many. Expired records are
   * already ignored by reads and replaced by appends; this keeps the table
   * small. Absent where the store expires them itself (KurrentDB's `$maxAge`).
   */
  purgeExpiredIdempotencyRecords?(limit: number): Promise<number>;
  /**
   * `readAll` / `readStream` handing over the stored JSON text instead of
   * parsed values (SQL stores keep it as text). For readers that only copy
   * events out (the NDJSON export): parsing and serialising again would be
   * most of their work. Absent where the client hands over parsed values.
   */
  readAllText?(options?: ReadAllOptions): Promise<RecordedEventText[]>;
  readStreamText?(streamId: string, options?: ReadStreamOptions): Promise<RecordedEventText[]>;
  /** True when the text reads carry each event's data key (`RecordedEventText.dataKey`): no key beside an event then means none exists. */
  readonly keysWithText?: boolean;
  /**
   * The wrapped data keys of these ids that still exist (a destroyed key is
   * simply absent). SQL stores keep them beside the events; where absent
   * (KurrentDB) the platform keeps them in its own SQL database.
   */
  readDataKeys?(keyIds: readonly string[]): Promise<Map<string, string>>;
}
