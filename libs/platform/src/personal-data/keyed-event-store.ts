import type { AppendOptions, AppendResult, EventStore, NewEvent } from '@indaga/event-store';
import type { Migration, SqlClient } from '../database/sql-client.port';

/*
 * KurrentDB has no tables, so its data keys live in the SQL database the
 * service already keeps beside it (the SqlClient: tokens, read models). One
 * transaction cannot span both, so the order carries the guarantees instead:
 *   - new keys are written BEFORE the append: an event is never readable
 *     without its key; an append that then fails deletes them again, and a
 *     crash in between leaves an orphan key that no event names (harmless,
 *     and erased with its stream's "all");
 *   - destroyed keys are deleted AFTER the TextRedacted event is appended,
 *     so a crash in between leaves a TextRedacted whose keys still exist
 *     until the redaction is sent again (with a new Idempotency-Key: same
 *     versions, nothing else changes). This is weaker than the SQL stores'
 *     single transaction, and said so in README "Datos personales".
 */
export const DATA_KEY_SQL_MIGRATIONS: Migration[] = [
  {
    version: 1,
    sqlite: `CREATE TABLE data_keys (key_id TEXT PRIMARY KEY, stream_id TEXT NOT NULL, version INTEGER NOT NULL,
               wrapped TEXT NOT NULL) STRICT;
             CREATE INDEX data_keys_stream ON data_keys (stream_id, version);`,
    postgres: `CREATE TABLE data_keys (key_id text PRIMARY KEY, stream_id text NOT NULL, version integer NOT NULL,
                 wrapped text NOT NULL);
               CREATE INDEX data_keys_stream ON data_keys (stream_id, version);`,
  },
];

/** The KurrentDB store with data keys kept through the SqlClient (see above). */
export async function withSqlDataKeys(store: EventStore, sql: SqlClient): Promise<EventStore> {
  await sql.migrate('kurrentdb-data-keys', DATA_KEY_SQL_MIGRATIONS);
  // The embedded file's one connection zeroes what it deletes: an erased key leaves no free page behind.
  if (sql.dialect === 'sqlite') await sql.query('PRAGMA secure_delete = ON');
  const keyed: EventStore = {
    appendToStream: (streamId, events, options) => appendWithKeys(streamId, events, options),
    readStream: (streamId, options) => store.readStream(streamId, options),
    readAll: (options) => store.readAll(options),
    streamVersion: (streamId) => store.streamVersion(streamId),
    headPosition: () => store.headPosition(),
    readIdempotencyRecord: (scope, key) => store.readIdempotencyRecord(scope, key),
    ping: () => store.ping(),
    close: () => store.close(),
    ...(store.streamHeads ? { streamHeads: () => store.streamHeads!() } : {}),
    ...(store.purgeExpiredIdempotencyRecords
      ? { purgeExpiredIdempotencyRecords: (limit: number) => store.purgeExpiredIdempotencyRecords!(limit) }
      : {}),
    readDataKeys: (keyIds) => readKeys(keyIds),
  };
  const appendWithKeys = async (
    streamId: string,
    events: NewEvent[],
    options: AppendOptions,
  ): Promise<AppendResult> => {
    const { dataKeys, ...rest } = options;
    for (const k of dataKeys?.put ?? []) {
      await sql.run('INSERT INTO data_keys (key_id, stream_id, version, wrapped) VALUES ($1, $2, $3, $4)', [
        k.keyId,
        k.streamId,
        k.version,
        k.wrapped,
      ]);
    }
    let result: AppendResult;
    try {
      result = await store.appendToStream(streamId, events, rest);
    } catch (error) {
      // Nothing was appended (a conflict, a replayed key): its keys go too, as a rollback would take them.
      for (const k of dataKeys?.put ?? [])
        await sql.run('DELETE FROM data_keys WHERE key_id = $1', [k.keyId]).catch(() => undefined);
      throw error;
    }
    const destroy = dataKeys?.destroy;
    // `all`: the keys the stream had before this append (its own versions come after them), not a redaction's reason.
    if (destroy?.versions === 'all') {
      await sql.run('DELETE FROM data_keys WHERE stream_id = $1 AND version < $2', [
        destroy.streamId,
        result.events[0]?.version ?? Number.MAX_SAFE_INTEGER,
      ]);
    } else if (destroy) {
      for (const version of destroy.versions)
        await sql.run('DELETE FROM data_keys WHERE stream_id = $1 AND version = $2', [destroy.streamId, version]);
    }
    return result;
  };
  const readKeys = async (keyIds: readonly string[]) => {
    const map = new Map<string, string>();
    if (keyIds.length === 0) return map;
    const placeholders = keyIds.map((_, i) => `$${i + 1}`).join(', ');
    const rows = await sql.query<{ key_id: string; wrapped: string }>(
      `SELECT key_id, wrapped FROM data_keys WHERE key_id IN (${placeholders})`,
      keyIds,
    );
    for (const row of rows) map.set(row.key_id, row.wrapped);
    return map;
  };
  return keyed;
}
