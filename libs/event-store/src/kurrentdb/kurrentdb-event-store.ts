import type { KurrentDBClient } from '@kurrent/kurrentdb-client';
import type {
  AppendOptions,
  AppendResult,
  EventStore,
  NewEvent,
  ReadAllOptions,
  ReadStreamOptions,
  RecordedEvent,
} from '../event-store.port';
import { StoreUnavailableError } from '../errors';
import { type EncodedAppend, encodeAppend, versionConflict } from '../internal/encoded-append';
import { type AppendContext, appendWithRecords } from './kurrentdb-append';
import { connectKurrentDb, storeError } from './kurrentdb-connection';
import { StreamNames } from './kurrentdb-names';
import { KurrentDbReader } from './kurrentdb-reader';

export { DEFAULT_STREAM_PREFIXES } from './kurrentdb-names';

export interface KurrentDbEventStoreOptions {
  /** A KurrentDB connection string, e.g. kurrentdb://127.0.0.1:2113?tls=false. */
  url: string;
  /** Prefixes of indaga's streams: what readAll, headPosition and streamHeads cover (filtered on the server). */
  streamPrefixes?: string[];
  /** Prepended to every stream name on the server (tests and shared servers keep runs apart with it). */
  namespace?: string;
  /** Where idempotency record streams live; must not start with any of streamPrefixes. */
  recordStreamPrefix?: string;
  /** Told when a record stream's $maxAge could not be set (default: a process warning). */
  onWarning?: (message: string, error: unknown) => void;
}

/** Connects, refuses a server older than 25.1, and returns the store. */
export async function openKurrentDbEventStore(options: KurrentDbEventStoreOptions): Promise<KurrentDbEventStore> {
  const names = new StreamNames(options.namespace, options.streamPrefixes, options.recordStreamPrefix);
  return new KurrentDbEventStore(await connectKurrentDb(options.url), names, options.onWarning);
}

const closedError = () => new StoreUnavailableError('event store is closed');

/**
 * The EventStore port on KurrentDB through the official client. Appends are
 * KurrentDB 25.1 multi-stream appends (events and idempotency records in one
 * transaction, kurrentdb-append.ts); reads go through the client's native
 * reader (kurrentdb-reader.ts). This class holds the lifecycle and the order
 * of writes: appends to one stream from this process are sent one at a time
 * in call order, so that appends issued together (each expecting the version
 * the previous one leaves) succeed in order, as on the SQL stores.
 */
export class KurrentDbEventStore implements EventStore {
  private readonly reader: KurrentDbReader;
  private readonly appendContext: AppendContext;
  private readonly streamTails = new Map<string, Promise<unknown>>();
  private readonly inFlight = new Set<Promise<unknown>>();
  private closed = false;

  constructor(
    private readonly client: KurrentDBClient,
    names: StreamNames,
    onWarning: (message: string, error: unknown) => void = (message) => process.emitWarning(message),
  ) {
    this.reader = new KurrentDbReader(client, names);
    this.appendContext = {
      client,
      wireName: (id) => names.wire(id),
      recordName: (r) => names.record(r.scope, r.key),
      // Reads of an append under way: they run even once close() has started.
      readRecord: (r) => this.reader.readRecord(r.scope, r.key),
      readBack: (id, fromVersion, count) => this.reader.readStream(id, { fromVersion, limit: count }),
      onMetadataFailure: (stream, error) => onWarning(`KurrentDB: could not set $maxAge on ${stream}`, error),
    };
  }

  appendToStream(streamId: string, events: NewEvent[], options: AppendOptions): Promise<AppendResult> {
    if (this.closed) return Promise.reject(closedError());
    let append: EncodedAppend;
    try {
      append = encodeAppend(streamId, events, options);
    } catch (error) {
      return Promise.reject(error);
    }
    const previous = this.streamTails.get(streamId) ?? Promise.resolve();
    const run = previous.then(() => this.guard(() => this.appendNow(append)));
    const tail = run.catch(() => undefined);
    this.streamTails.set(streamId, tail);
    void tail.then(() => {
      if (this.streamTails.get(streamId) === tail) this.streamTails.delete(streamId);
    });
    this.inFlight.add(run);
    void tail.then(() => this.inFlight.delete(run));
    return run;
  }

  private async appendNow(append: EncodedAppend): Promise<AppendResult> {
    if (append.events.length > 0) return appendWithRecords(this.appendContext, append);
    // Nothing to write to the stream: its version is checked by reading it (a multi-stream append needs events).
    const actual = await this.reader.streamVersion(append.streamId);
    const conflict = versionConflict(append, actual);
    if (conflict) throw conflict;
    if (append.sideEffects.length === 0) return { nextExpectedVersion: actual, lastPosition: 0, events: [] };
    return appendWithRecords(this.appendContext, append, actual);
  }

  readStream(streamId: string, options?: ReadStreamOptions): Promise<RecordedEvent[]> {
    return this.read(() => this.reader.readStream(streamId, options));
  }

  readAll(options?: ReadAllOptions): Promise<RecordedEvent[]> {
    return this.read(() => this.reader.readAll(options));
  }

  streamVersion(streamId: string): Promise<number> {
    return this.read(() => this.reader.streamVersion(streamId));
  }

  headPosition(): Promise<number> {
    return this.read(() => this.reader.headPosition());
  }

  // No streamHeads: KurrentDB has no index of streams to ask, only a scan of $all, which callers
  // must not pay per request (lag, metrics); they do without it (EventStore's optional capabilities).
  // No purgeExpiredIdempotencyRecords: record streams carry a $maxAge of a day and the server
  // removes them (at scavenge); expired records are already ignored by reads and replaced by appends.

  readIdempotencyRecord(scope: string, key: string): Promise<string | undefined> {
    return this.read(() => this.reader.readRecord(scope, key));
  }

  ping(): Promise<void> {
    return this.read(() => this.reader.ping());
  }

  /** Refuses new calls, lets the appends under way finish, then closes the connection. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await Promise.allSettled([...this.inFlight]);
    await this.client.dispose();
  }

  private read<T>(work: () => Promise<T>): Promise<T> {
    if (this.closed) return Promise.reject(closedError());
    return this.guard(work);
  }

  /** Connection-level failures become StoreUnavailableError; anything else (conflicts, bad input) passes as is. */
  private async guard<T>(work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (error) {
      throw storeError(error);
    }
  }
}
