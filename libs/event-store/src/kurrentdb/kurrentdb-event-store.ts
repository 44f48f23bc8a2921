import {
  BACKWARDS,
  END,
  FORWARDS,
  type KurrentDBClient,
  type ReadAllOptions as KurrentReadAllOptions,
  type ResolvedEvent,
  START,
  StreamNotFoundError,
  streamNameFilter,
} from '@kurrent/kurrentdb-client';
import type {
  AppendOptions,
  AppendResult,
  EventStore,
  NewEvent,
  ReadAllOptions,
  ReadStreamOptions,
  RecordedEvent,
  SideEffect,
  StreamHead,
} from '../event-store.port';
import { StoreUnavailableError } from '../errors';
import { encodeAppend, versionConflict } from '../internal/encoded-append';
import { allRange, streamRange } from '../internal/read-options';
import { type AppendContext, appendWithRecords } from './kurrentdb-append';
import { connectKurrentDb, storeError } from './kurrentdb-connection';
import { safePosition, toRecorded } from './kurrentdb-events';
import { liveValue, recordStream } from './kurrentdb-records';

export interface KurrentDbEventStoreOptions {
  /** A KurrentDB connection string, e.g. kurrentdb://127.0.0.1:2113?tls=false. */
  url: string;
  /** Prefixes of indaga's streams: what readAll, headPosition and streamHeads cover (filtered on the server). */
  streamPrefixes?: string[];
  /** Prepended to every stream name on the server (tests and shared servers keep runs apart with it). */
  namespace?: string;
  /** Where idempotency record streams live; must not start with any of streamPrefixes. */
  recordStreamPrefix?: string;
  /** Told when a record stream's $maxAge could not be set (default: a warning on stderr). */
  onWarning?: (message: string, error: unknown) => void;
}

export const DEFAULT_STREAM_PREFIXES = ['network-'];
export const DEFAULT_RECORD_STREAM_PREFIX = 'indaga-idempotency/';

/** Connects, refuses a server older than 25.1, and returns the store. */
export async function openKurrentDbEventStore(options: KurrentDbEventStoreOptions): Promise<KurrentDbEventStore> {
  return new KurrentDbEventStore(await connectKurrentDb(options.url), options);
}

/**
 * The EventStore port on KurrentDB through the official client. Appends are
 * KurrentDB 25.1 multi-stream appends (events and idempotency records in one
 * transaction); reads go through the client's native reader. Appends to one
 * stream from this process are sent one at a time in call order, so that
 * appends issued together (each expecting the version the previous one leaves)
 * succeed in order as on the SQL stores.
 */
export class KurrentDbEventStore implements EventStore {
  private readonly namespace: string;
  private readonly recordPrefix: string;
  private readonly filter: KurrentReadAllOptions['filter'];
  private readonly streamTails = new Map<string, Promise<unknown>>();
  private readonly inFlight = new Set<Promise<unknown>>();
  private closed = false;
  private readonly appendContext: AppendContext;

  constructor(
    private readonly client: KurrentDBClient,
    options: KurrentDbEventStoreOptions,
  ) {
    this.namespace = options.namespace ?? '';
    this.recordPrefix = options.recordStreamPrefix ?? DEFAULT_RECORD_STREAM_PREFIX;
    const prefixes = (options.streamPrefixes ?? DEFAULT_STREAM_PREFIXES).map((p) => this.namespace + p);
    // An empty prefix would match every stream, system streams and record streams included.
    if (prefixes.some((p) => p.length === 0 || this.recordPrefix.startsWith(p) || p.startsWith('$')))
      throw new RangeError('streamPrefixes must be non-empty, outside the record streams and not system streams');
    this.filter = streamNameFilter({ prefixes });
    const warn = options.onWarning ?? ((message: string) => process.emitWarning(message));
    this.appendContext = {
      client,
      wireName: (id) => this.wireName(id),
      recordName: (r) => this.recordName(r.scope, r.key),
      // Internal reads of an append under way: they run even once close() has started.
      readRecord: (r) => this.readRecord(r.scope, r.key),
      readBack: (id, fromVersion, count) => this.readStreamNow(id, { fromVersion, limit: count }),
      onMetadataFailure: (stream, error) => warn(`KurrentDB: could not set $maxAge on ${stream}`, error),
    };
  }

  appendToStream(streamId: string, events: NewEvent[], options: AppendOptions): Promise<AppendResult> {
    if (this.closed) return Promise.reject(new StoreUnavailableError('event store is closed'));
    let append: ReturnType<typeof encodeAppend>;
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
    return this.track(run);
  }

  private async appendNow(append: ReturnType<typeof encodeAppend>): Promise<AppendResult> {
    if (append.events.length > 0) return appendWithRecords(this.appendContext, append);
    // Nothing to write to the stream: check its version by reading it (the multi-stream append needs events).
    const [last] = await this.readStreamBackwards(append.streamId);
    const actual = last ? Number(last.event!.revision) + 1 : 0;
    const conflict = versionConflict(append, actual);
    if (conflict) throw conflict;
    if (append.sideEffects.length === 0) return { nextExpectedVersion: actual, lastPosition: 0, events: [] };
    return appendWithRecords(this.appendContext, append, actual);
  }

  readStream(streamId: string, options?: ReadStreamOptions): Promise<RecordedEvent[]> {
    if (this.closed) return Promise.reject(closedError());
    return this.readStreamNow(streamId, options);
  }

  private readStreamNow(streamId: string, options?: ReadStreamOptions): Promise<RecordedEvent[]> {
    let range: ReturnType<typeof streamRange>;
    try {
      range = streamRange(options, Number.MAX_SAFE_INTEGER);
    } catch (error) {
      return Promise.reject(error);
    }
    const { fromVersion, toVersion, limit } = range;
    const count = Math.min(limit, toVersion - fromVersion + 1);
    if (count <= 0) return Promise.resolve([]);
    return this.guard(async () => {
      const read = this.client.readStream(this.wireName(streamId), {
        fromRevision: BigInt(Math.max(fromVersion, 1) - 1),
        maxCount: count,
        direction: FORWARDS,
      });
      return collect(read, (e) => toRecorded(e, streamId));
    });
  }

  readAll(options?: ReadAllOptions): Promise<RecordedEvent[]> {
    if (this.closed) return Promise.reject(closedError());
    return this.guard(async () => {
      const { after, limit } = allRange(options);
      // Reading from a position includes the event at it, so ask for one more and drop what is not after `after`.
      const read = this.client.readAll({
        fromPosition: after === 0 ? START : { commit: BigInt(after), prepare: BigInt(after) },
        maxCount: limit + 1,
        direction: FORWARDS,
        filter: this.filter,
      });
      const events: RecordedEvent[] = [];
      for await (const resolved of read) {
        const event = toRecorded(resolved, this.streamIdOf(resolved));
        if (event.position <= after) continue;
        events.push(event);
        if (events.length === limit) break;
      }
      return events;
    });
  }

  /** The stream's last event, read backwards: one event whatever the stream's length. */
  streamVersion(streamId: string): Promise<number> {
    if (this.closed) return Promise.reject(closedError());
    return this.guard(async () => {
      const [last] = await this.readStreamBackwards(streamId);
      return last ? Number(last.event!.revision) + 1 : 0;
    });
  }

  private readStreamBackwards(streamId: string): Promise<ResolvedEvent[]> {
    const read = this.client.readStream(this.wireName(streamId), {
      direction: BACKWARDS,
      fromRevision: END,
      maxCount: 1,
    });
    return collect(read, (e) => e);
  }

  /** The last indaga event in $all, read backwards through the same server-side filter as readAll. */
  headPosition(): Promise<number> {
    if (this.closed) return Promise.reject(closedError());
    return this.guard(async () => {
      const read = this.client.readAll({ direction: BACKWARDS, fromPosition: END, maxCount: 1, filter: this.filter });
      const [last] = await collect(read, (e) => e);
      return last ? safePosition(last.event!.position!.commit) : 0;
    });
  }

  /**
   * KurrentDB keeps no index of streams that a client can read without the
   * system projections ($streams), so this walks $all once, through the
   * filter, holding one entry per stream. Callers use it for admin totals and
   * to start a rebuild (which reads the whole log anyway), never per request.
   */
  streamHeads(): Promise<StreamHead[]> {
    if (this.closed) return Promise.reject(closedError());
    return this.guard(async () => {
      const heads = new Map<string, number>();
      const read = this.client.readAll({ fromPosition: START, direction: FORWARDS, filter: this.filter });
      for await (const resolved of read) heads.set(this.streamIdOf(resolved), Number(resolved.event!.revision) + 1);
      return [...heads].map(([streamId, version]) => ({ streamId, version }));
    });
  }

  readSideEffect(kind: SideEffect['kind'], scope: string, key: string): Promise<string | undefined> {
    if (this.closed) return Promise.reject(closedError());
    if (kind !== 'idempotency') return Promise.resolve(undefined);
    return this.readRecord(scope, key);
  }

  private readRecord(scope: string, key: string): Promise<string | undefined> {
    return this.guard(async () => {
      const read = this.client.readStream(this.recordName(scope, key), {
        direction: BACKWARDS,
        fromRevision: END,
        maxCount: 1,
      });
      const [last] = await collect(read, (e) => e);
      return liveValue(last, Date.now());
    });
  }

  /**
   * Nothing to do: record streams carry a $maxAge of a day and the server
   * removes them (at scavenge). Expired records are already ignored by reads
   * and replaced by appends, so answering 0 hides nothing from callers.
   */
  purgeExpiredSideEffects(limit: number): Promise<number> {
    if (!Number.isSafeInteger(limit) || limit < 1)
      return Promise.reject(new RangeError('limit must be an integer >= 1'));
    return Promise.resolve(0);
  }

  /** The cheapest read there is: one event of $all, backwards, unfiltered. */
  ping(): Promise<void> {
    if (this.closed) return Promise.reject(closedError());
    return this.guard(async () => {
      await collect(this.client.readAll({ direction: BACKWARDS, fromPosition: END, maxCount: 1 }), (e) => e);
    });
  }

  /** Refuses new calls, lets the ones under way finish, then closes the connection. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await Promise.allSettled([...this.inFlight]);
    await this.client.dispose();
  }

  private wireName(streamId: string): string {
    return this.namespace + streamId;
  }

  private streamIdOf(resolved: ResolvedEvent): string {
    return resolved.event!.streamId.slice(this.namespace.length);
  }

  private recordName(scope: string, key: string): string {
    return recordStream(this.recordPrefix, this.namespace, scope, key);
  }

  private async guard<T>(work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (error) {
      throw storeError(error);
    }
  }

  private track<T>(promise: Promise<T>): Promise<T> {
    this.inFlight.add(promise);
    void promise.catch(() => undefined).then(() => this.inFlight.delete(promise));
    return promise;
  }
}

const closedError = () => new StoreUnavailableError('event store is closed');

/** Drains a client read, mapping each event; a stream that does not exist reads as empty. */
async function collect<T>(read: AsyncIterable<ResolvedEvent>, map: (e: ResolvedEvent) => T): Promise<T[]> {
  const out: T[] = [];
  try {
    for await (const resolved of read) out.push(map(resolved));
  } catch (error) {
    if (error instanceof StreamNotFoundError) return out;
    throw error;
  }
  return out;
}
