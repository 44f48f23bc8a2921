import type { Database } from 'better-sqlite3';
import type {
  AppendOptions,
  AppendResult,
  EventStore,
  NewEvent,
  ReadAllOptions,
  ReadStreamOptions,
  RecordedEvent,
  RecordedEventText,
  StreamHead,
} from '../event-store.port';
import { encodeAppend, type EncodedAppend } from '../internal/encoded-append';
import { type GroupCommitOptions, GroupCommitQueue, type Pending } from '../group-commit-queue';
import { appendQueueOptions } from '../internal/append-queue-options';
import type { StoreTestHooks } from '../internal/hooks';
import { allTextEvents, streamTextEvents } from '../internal/text-rows';
import { allRange, streamRange } from '../internal/read-options';
import { EVENT_STORE_MIGRATIONS, runMigrations } from './migrations';
import { settleBatch, writeSqliteBatch } from './sqlite-append-batch';
import { DEFAULT_BUSY_TIMEOUT_MS, openSqliteConnection, toStoreError } from './sqlite-connection';
import { SqliteWriterThread } from './sqlite-writer-thread';
import { type LoneAppendStats, SqliteLoneAppends } from './sqlite-lone-appends';
import { prepareReads, prepareWrites, type ReadStatements } from './sqlite-statements';

export interface SqliteEventStoreOptions {
  /** Database file; its directory is created if needed. `:memory:` gives a private, single-connection store. */
  path: string;
  /** How long a connection waits for another process's lock before failing. Default 5,000 ms. */
  busyTimeoutMs?: number;
  /** Most appends written in one transaction. Default 1,000. */
  maxBatch?: number;
  /**
   * Commit on a dedicated writer thread (default for a file), so that the
   * durable commit's fsync does not block the event loop. False commits on
   * the calling thread; `:memory:` and test hooks always do.
   */
  writerThread?: boolean;
  /**
   * With the writer thread, commit a lone append (nothing else waiting) on the
   * calling thread while its commits are fast (sqlite-lone-appends.ts). Default true.
   */
  loneAppendsInline?: boolean;
  /** Lone appends step aside while commits on the calling thread average more than this. Default 1 ms. */
  loneCommitMaxMs?: number;
  /** TEST-ONLY, see StoreTestHooks. */
  hooks?: StoreTestHooks;
}

/** Where batches are committed: on this thread, or handed to the writer thread. */
type BatchWriter = (batch: Array<Pending<EncodedAppend, AppendResult>>) => Promise<void>;

/**
 * Event store on one SQLite file. Writes go through a writer connection (on
 * its own thread by default) and group commit; reads use a second
 * connection, which sees only committed transactions (WAL snapshot), never
 * the writer's open batch.
 */
export class SqliteEventStore implements EventStore {
  private readonly queue: GroupCommitQueue<EncodedAppend, AppendResult>;
  private readonly reads: ReadStatements;

  private constructor(
    writeBatch: BatchWriter,
    private readonly reader: Database,
    private readonly writer: {
      purgeExpired(now: string, limit: number): Promise<number>;
      close(): Promise<void>;
      /** Settles what the writer thread has already answered (SqliteWriterThread.poll). */
      poll?(): void;
    },
    maxBatch = 1000,
    start?: GroupCommitOptions['start'],
  ) {
    this.reads = prepareReads(reader);
    this.queue = new GroupCommitQueue(writeBatch, appendQueueOptions(maxBatch, start));
  }

  /** Commits on the calling thread, through `writer` (which may also be the reader, for `:memory:`). */
  static onThisThread(
    writer: Database,
    reader: Database,
    hooks: StoreTestHooks = {},
    maxBatch?: number,
  ): SqliteEventStore {
    const writes = prepareWrites(writer);
    const control = {
      purgeExpired: async (now: string, limit: number) => writes.purgeExpired.run(now, limit).changes,
      close: async () => {
        if (writer.open) writer.close();
      },
    };
    return new SqliteEventStore((batch) => writeSqliteBatch(writer, writes, batch, hooks), reader, control, maxBatch);
  }

  /** Commits on `thread`, and lone appends on this thread through `lone` when given. */
  static withWriterThread(
    thread: SqliteWriterThread,
    reader: Database,
    maxBatch?: number,
    lone?: SqliteLoneAppends,
  ): SqliteEventStore {
    const writeBatch: BatchWriter = async (batch) => {
      lone?.sawBatch(batch.length);
      const outcome = lone && batch.length === 1 && thread.usable ? lone.tryCommit(batch[0].item) : undefined;
      settleBatch(batch, outcome ? [outcome] : await thread.write(batch.map((p) => p.item)));
    };
    const control = !lone
      ? thread
      : {
          purgeExpired: (now: string, limit: number) => thread.purgeExpired(now, limit),
          poll: () => thread.poll(),
          close: async () => {
            await thread.close();
            lone.close();
          },
        };
    // A lone append blocks this thread for its commit: requests read in the same turn join it first.
    const store = new SqliteEventStore(writeBatch, reader, control, maxBatch, lone ? 'next-turn' : undefined);
    store.loneAppends = lone?.stats;
    return store;
  }

  /** How many lone appends were committed on this thread and how many handed over (undefined without the path). */
  loneAppends: LoneAppendStats | undefined;

  appendToStream(streamId: string, events: NewEvent[], options: AppendOptions): Promise<AppendResult> {
    try {
      this.writer.poll?.(); // a batch already committed is settled now, so this append can go in the next one
      return this.queue.push(encodeAppend(streamId, events, options));
    } catch (error) {
      return Promise.reject(error);
    }
  }

  async readStream(streamId: string, options?: ReadStreamOptions): Promise<RecordedEvent[]> {
    const { fromVersion, toVersion, limit } = streamRange(options, Number.MAX_SAFE_INTEGER);
    const rows = this.read(() => this.reads.readStream.all(streamId, fromVersion, toVersion, limit));
    const events: RecordedEvent[] = new Array(rows.length);
    for (let i = 0; i < rows.length; i++) {
      const [position, version, type, data, metadata] = rows[i];
      events[i] = { streamId, version, position, type, data: JSON.parse(data), metadata: JSON.parse(metadata) };
    }
    return events;
  }

  async readAll(options?: ReadAllOptions): Promise<RecordedEvent[]> {
    const { after, limit } = allRange(options);
    const rows = this.read(() => this.reads.readAll.all(after, limit));
    const events: RecordedEvent[] = new Array(rows.length);
    for (let i = 0; i < rows.length; i++) {
      const [position, streamId, version, type, data, metadata] = rows[i];
      events[i] = { streamId, version, position, type, data: JSON.parse(data), metadata: JSON.parse(metadata) };
    }
    return events;
  }

  /** The text reads carry each event's data key (see RecordedEventText.dataKey). */
  readonly keysWithText = true;

  async readStreamText(streamId: string, options?: ReadStreamOptions): Promise<RecordedEventText[]> {
    const { fromVersion, toVersion, limit } = streamRange(options, Number.MAX_SAFE_INTEGER);
    const rows = this.read(() => this.reads.readStreamText.all(streamId, fromVersion, toVersion, limit));
    return streamTextEvents(streamId, rows);
  }

  async readAllText(options?: ReadAllOptions): Promise<RecordedEventText[]> {
    const { after, limit } = allRange(options);
    const rows = this.read(() => this.reads.readAllText.all(after, limit));
    return allTextEvents(rows);
  }

  async streamVersion(streamId: string): Promise<number> {
    return this.read(() => this.reads.streamVersion.get(streamId) ?? 0);
  }

  async streamVersions(streamIds: readonly string[]): Promise<Map<string, number>> {
    return this.read(() => new Map(streamIds.map((id) => [id, this.reads.streamVersion.get(id) ?? 0])));
  }

  async streamHeads(): Promise<StreamHead[]> {
    return this.read(() =>
      this.reader
        .prepare<[], StreamHead>(
          'SELECT stream_id AS streamId, max(version) AS version FROM events GROUP BY stream_id ORDER BY stream_id',
        )
        .all(),
    );
  }

  async headPosition(): Promise<number> {
    return this.read(() => this.reads.headPosition.get() ?? 0);
  }

  async readIdempotencyRecord(scope: string, key: string): Promise<string | undefined> {
    return this.read(() => this.reads.readSideEffect.get('idempotency', scope, key, new Date().toISOString()));
  }

  async readDataKeys(keyIds: readonly string[]): Promise<Map<string, string>> {
    if (keyIds.length === 0) return new Map();
    return this.read(() => new Map(this.reads.readDataKeys.all(JSON.stringify(keyIds))));
  }

  async purgeExpiredIdempotencyRecords(limit: number): Promise<number> {
    try {
      return await this.writer.purgeExpired(new Date().toISOString(), limit);
    } catch (error) {
      throw toStoreError(error);
    }
  }

  async ping(): Promise<void> {
    this.read(() => this.reads.ping.get());
  }

  async close(): Promise<void> {
    await this.queue.close();
    await this.writer.close();
    if (this.reader.open) this.reader.close();
  }

  private read<T>(query: () => T): T {
    try {
      return query();
    } catch (error) {
      throw toStoreError(error);
    }
  }
}

/** Opens (creating if needed) the store file and applies the event store's migrations. */
export async function openSqliteEventStore(options: SqliteEventStoreOptions): Promise<SqliteEventStore> {
  const { path, busyTimeoutMs = DEFAULT_BUSY_TIMEOUT_MS, hooks, maxBatch } = options;
  const writer = openSqliteConnection(path, busyTimeoutMs);
  if (path === ':memory:') {
    try {
      runMigrations(writer, 'event-store', EVENT_STORE_MIGRATIONS);
      return SqliteEventStore.onThisThread(writer, writer, hooks, maxBatch);
    } catch (error) {
      writer.close();
      throw toStoreError(error);
    }
  }
  const threaded = (options.writerThread ?? true) && !hooks;
  let reader: Database | undefined;
  try {
    runMigrations(writer, 'event-store', EVENT_STORE_MIGRATIONS);
    reader = openSqliteConnection(path, busyTimeoutMs);
    reader.pragma('query_only = ON');
    if (!threaded) return SqliteEventStore.onThisThread(writer, reader, hooks, maxBatch);
    writer.close();
    const thread = await SqliteWriterThread.start({ path, busyTimeoutMs });
    try {
      const lone =
        (options.loneAppendsInline ?? true) ? SqliteLoneAppends.open(path, options.loneCommitMaxMs) : undefined;
      return SqliteEventStore.withWriterThread(thread, reader, maxBatch, lone);
    } catch (error) {
      await thread.close();
      throw error;
    }
  } catch (error) {
    if (reader?.open) reader.close();
    if (writer.open) writer.close();
    throw toStoreError(error);
  }
}
