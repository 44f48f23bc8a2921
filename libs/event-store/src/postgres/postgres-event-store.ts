import type { Pool, QueryConfig } from 'pg';
import type {
  AppendOptions,
  AppendResult,
  EventMetadata,
  EventStore,
  NewEvent,
  ReadAllOptions,
  ReadStreamOptions,
  RecordedEvent,
  RecordedEventText,
  StreamHead,
} from '../event-store.port';
import { encodeAppend, type EncodedAppend } from '../internal/encoded-append';
import { GroupCommitQueue, type Pending } from '../group-commit-queue';
import { appendQueueOptions } from '../internal/append-queue-options';
import { IdempotencyKeyHeldError, StoreUnavailableError, WrongExpectedVersionError } from '../errors';
import type { StoreTestHooks } from '../internal/hooks';
import { allTextEvents, streamTextEvents, type AllTextRow, type StreamTextRow } from '../internal/text-rows';
import { allRange, streamRange } from '../internal/read-options';
import { EVENT_STORE_MIGRATIONS, runMigrations } from './migrations';
import { writePostgresBatch, type PostgresBatchContext } from './postgres-append-batch';
import { fitsAppendOne, writePostgresAppendOne } from './postgres-append-one';
import { DATA_KEY_MIGRATIONS, READ_DATA_KEYS } from './postgres-data-keys';
import { createPool, schemaLockKey, toStoreError } from './postgres-connection';
import {
  HEAD_POSITION,
  PURGE_EXPIRED_SIDE_EFFECTS,
  READ_ALL,
  READ_ALL_TEXT,
  READ_SIDE_EFFECT,
  READ_STREAM,
  READ_STREAM_TEXT,
  STREAM_VERSION,
} from './postgres-sql';

export interface PostgresEventStoreOptions {
  connectionString: string;
  /** Schema holding the store's tables (created if needed). Default `public`. */
  schema?: string;
  /** Pool size. Default 10; appends use one connection at a time, reads the rest. */
  poolSize?: number;
  /** Most appends written in one transaction. Default 500. */
  maxBatch?: number;
  /** TEST-ONLY, see StoreTestHooks. */
  hooks?: StoreTestHooks;
}

const MAX_INT4 = 2_147_483_647;

type StreamRow = [position: number, version: number, type: string, data: unknown, metadata: EventMetadata];
type AllRow = [
  position: number,
  streamId: string,
  version: number,
  type: string,
  data: unknown,
  metadata: EventMetadata,
];

/**
 * Event store on PostgreSQL. One batch of appends is in flight per instance;
 * appends arriving meanwhile queue and go together in the next transaction.
 * `pg` parses the json columns with JSON.parse, so reads need no extra step.
 */
export class PostgresEventStore implements EventStore {
  private readonly queue: GroupCommitQueue<EncodedAppend, AppendResult>;

  constructor(
    /** Exposed so the app can reuse it (health checks, other modules' migrations in the same schema). */
    readonly pool: Pool,
    readonly schema: string,
    hooks: StoreTestHooks = {},
    maxBatch = 500,
  ) {
    const ctx = { pool, schemaKey: schemaLockKey(schema), hooks };
    // Test hooks pause inside the batch path's transaction, so a store with hooks always takes it.
    const oneStatement = !hooks.beforeCommit && !hooks.afterVersionCheck;
    this.queue = new GroupCommitQueue(
      (batch) =>
        oneStatement && batch.length === 1 && fitsAppendOne(batch[0].item)
          ? writeAlone(ctx, batch[0])
          : writePostgresBatch(ctx, batch),
      appendQueueOptions(maxBatch),
    );
  }

  appendToStream(streamId: string, events: NewEvent[], options: AppendOptions): Promise<AppendResult> {
    try {
      return this.queue.push(encodeAppend(streamId, events, options));
    } catch (error) {
      return Promise.reject(error);
    }
  }

  async readStream(streamId: string, options?: ReadStreamOptions): Promise<RecordedEvent[]> {
    const { fromVersion, toVersion, limit } = streamRange(options, MAX_INT4);
    // Past the int4 column no version exists; sent as a parameter it was "out of range for type integer".
    if (fromVersion > toVersion) return [];
    const rows = await this.rows<StreamRow>({ ...READ_STREAM, values: [streamId, fromVersion, toVersion, limit] });
    const events: RecordedEvent[] = new Array(rows.length);
    for (let i = 0; i < rows.length; i++) {
      const [position, version, type, data, metadata] = rows[i];
      events[i] = { streamId, version, position, type, data, metadata };
    }
    return events;
  }

  async readAll(options?: ReadAllOptions): Promise<RecordedEvent[]> {
    const { after, limit } = allRange(options);
    const rows = await this.rows<AllRow>({ ...READ_ALL, values: [after, limit] });
    const events: RecordedEvent[] = new Array(rows.length);
    for (let i = 0; i < rows.length; i++) {
      const [position, streamId, version, type, data, metadata] = rows[i];
      events[i] = { streamId, version, position, type, data, metadata };
    }
    return events;
  }

  /** The text reads carry each event's data key (see RecordedEventText.dataKey). */
  readonly keysWithText = true;

  async readStreamText(streamId: string, options?: ReadStreamOptions): Promise<RecordedEventText[]> {
    const { fromVersion, toVersion, limit } = streamRange(options, MAX_INT4);
    if (fromVersion > toVersion) return [];
    const rows = await this.rows<StreamTextRow>({
      ...READ_STREAM_TEXT,
      values: [streamId, fromVersion, toVersion, limit],
    });
    return streamTextEvents(streamId, rows);
  }

  async readAllText(options?: ReadAllOptions): Promise<RecordedEventText[]> {
    const { after, limit } = allRange(options);
    const rows = await this.rows<AllTextRow>({ ...READ_ALL_TEXT, values: [after, limit] });
    return allTextEvents(rows);
  }

  async streamVersion(streamId: string): Promise<number> {
    const rows = await this.rows<[number]>({ ...STREAM_VERSION, values: [streamId] });
    return rows[0][0];
  }

  async streamHeads(): Promise<StreamHead[]> {
    const rows = await this.rows<[string, number]>({
      text: 'SELECT stream_id, max(version)::int FROM events GROUP BY stream_id ORDER BY stream_id',
    });
    return rows.map(([streamId, version]) => ({ streamId, version }));
  }

  async streamVersions(streamIds: readonly string[]): Promise<Map<string, number>> {
    const rows = await this.rows<[string, number]>({
      text: `SELECT s.id, coalesce((SELECT max(version) FROM events e WHERE e.stream_id = s.id), 0)::int
             FROM unnest($1::text[]) AS s(id)`,
      values: [streamIds],
    });
    return new Map(rows);
  }

  async headPosition(): Promise<number> {
    const rows = await this.rows<[number]>(HEAD_POSITION);
    return rows[0][0];
  }

  async readIdempotencyRecord(scope: string, key: string): Promise<string | undefined> {
    const rows = await this.rows<[string]>({ ...READ_SIDE_EFFECT, values: ['idempotency', scope, key] });
    return rows[0]?.[0];
  }

  async readDataKeys(keyIds: readonly string[]): Promise<Map<string, string>> {
    if (keyIds.length === 0) return new Map();
    return new Map(await this.rows<[string, string]>({ ...READ_DATA_KEYS, values: [keyIds] }));
  }

  async purgeExpiredIdempotencyRecords(limit: number): Promise<number> {
    try {
      return (await this.pool.query({ ...PURGE_EXPIRED_SIDE_EFFECTS, values: [limit] })).rowCount ?? 0;
    } catch (error) {
      throw toStoreError(error);
    }
  }

  async ping(): Promise<void> {
    await this.rows({ text: 'SELECT 1' });
  }

  async close(): Promise<void> {
    await this.queue.close();
    if (!this.pool.ended) await this.pool.end();
  }

  private async rows<R extends unknown[]>(query: QueryConfig): Promise<R[]> {
    try {
      const result = await this.pool.query<R>({ ...query, rowMode: 'array' });
      return result.rows;
    } catch (error) {
      throw toStoreError(error);
    }
  }
}

/** Creates the pool, applies the event store's migrations in `schema`, and returns the store. */
export async function openPostgresEventStore(options: PostgresEventStoreOptions): Promise<PostgresEventStore> {
  const schema = options.schema ?? 'public';
  const pool = createPool(options.connectionString, schema, options.poolSize ?? 10);
  try {
    await runMigrations(pool, 'event-store', EVENT_STORE_MIGRATIONS, { schema });
    await runMigrations(pool, 'event-store-data-keys', DATA_KEY_MIGRATIONS, { schema });
    return new PostgresEventStore(pool, schema, options.hooks, options.maxBatch);
  } catch (error) {
    await pool.end().catch(() => undefined);
    throw toStoreError(error);
  }
}

/**
 * A lone append in one statement; should that statement fail for any other
 * reason than a lost connection (a constraint a writer outside this store
 * broke, one bad value), the batch path redoes it and reports its own error.
 */
async function writeAlone(ctx: PostgresBatchContext, pending: Pending<EncodedAppend, AppendResult>): Promise<void> {
  try {
    pending.resolve(await writePostgresAppendOne(ctx.pool, ctx.schemaKey, pending.item));
  } catch (error) {
    if (error instanceof WrongExpectedVersionError || error instanceof IdempotencyKeyHeldError) pending.reject(error);
    else if (error instanceof StoreUnavailableError) throw error;
    else await writePostgresBatch(ctx, [pending]);
  }
}
