import type { PoolClient } from 'pg';
import type { EncodedAppend } from '../internal/encoded-append';
import type { PgMigration } from './migrations';

/*
 * SPEC 6.1/6.2 on PostgreSQL: the wrapped data keys live in `data_keys` beside
 * the events, written and deleted inside the append's own transaction (the
 * batch path), so an event is never committed without its key and a
 * TextRedacted event never without the destruction of the keys it names.
 * A migration set of its own, so it never competes for the numbers of the
 * store's main set.
 */
export const DATA_KEY_MIGRATIONS: PgMigration[] = [
  {
    version: 1,
    description: 'data keys (SPEC 6.1)',
    up: `
      CREATE TABLE data_keys (
        key_id text PRIMARY KEY,
        stream_id text NOT NULL,
        version integer NOT NULL,
        wrapped text NOT NULL
      );
      CREATE INDEX data_keys_stream ON data_keys (stream_id, version);
    `,
  },
];

export const READ_DATA_KEYS = {
  name: 'es_read_data_keys',
  text: 'SELECT key_id, wrapped FROM data_keys WHERE key_id = ANY($1::text[])',
};

const INSERT_DATA_KEYS = {
  name: 'es_insert_data_keys',
  text: `INSERT INTO data_keys (key_id, stream_id, version, wrapped)
         SELECT * FROM unnest($1::text[], $2::text[], $3::int[], $4::text[])`,
};
const DESTROY_DATA_KEYS = {
  name: 'es_destroy_data_keys',
  text: 'DELETE FROM data_keys WHERE stream_id = $1 AND ($2::int[] IS NULL OR version = ANY($2::int[]))',
};

/** Whether any append of a batch stores or destroys data keys (those take the batch path). */
export const hasDataKeys = (append: EncodedAppend): boolean => append.dataKeys !== undefined;

/** Stores and destroys the data keys of the accepted appends, inside the caller's transaction. */
export async function writeDataKeys(client: PoolClient, accepted: readonly EncodedAppend[]): Promise<void> {
  const put = accepted.flatMap((a) => a.dataKeys?.put ?? []);
  if (put.length > 0) {
    await client.query({
      ...INSERT_DATA_KEYS,
      values: [
        put.map((k) => k.keyId),
        put.map((k) => k.streamId),
        put.map((k) => k.version),
        put.map((k) => k.wrapped),
      ],
    });
  }
  for (const append of accepted) {
    const destroy = append.dataKeys?.destroy;
    if (!destroy) continue;
    await client.query({
      ...DESTROY_DATA_KEYS,
      values: [destroy.streamId, destroy.versions === 'all' ? null : destroy.versions],
    });
  }
}
