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

const DESTROY_DATA_KEYS = {
  name: 'es_destroy_data_keys',
  text: 'DELETE FROM data_keys WHERE stream_id = $1 AND ($2::int[] IS NULL OR version = ANY($2::int[]))',
};

/**
 * The lone-append statement (es_append_one) with the append's new keys
 * inserted by a data-modifying CTE of the SAME statement, so in the same
 * implicit transaction, and only when the function answered `ok`: still one
 * round trip. Appends that destroy keys (redactions, rare) take the batch path.
 */
export function appendOneWithKeys(
  query: { name: string; text: string },
  values: unknown[],
  append: EncodedAppend,
): { name: string; text: string; values: unknown[] } {
  const put = append.dataKeys?.put ?? [];
  if (put.length === 0) return { ...query, values };
  const n = values.length;
  return {
    name: `${query.name}_keys`,
    text: `WITH r AS MATERIALIZED (${query.text}),
      k AS (INSERT INTO data_keys (key_id, stream_id, version, wrapped)
            SELECT * FROM unnest($${n + 1}::text[], $${n + 2}::text[], $${n + 3}::int[], $${n + 4}::text[])
            WHERE (SELECT outcome FROM r) = 'ok')
      SELECT outcome, actual, positions FROM r`,
    values: [
      ...values,
      put.map((k) => k.keyId),
      put.map((k) => k.streamId),
      put.map((k) => k.version),
      put.map((k) => k.wrapped),
    ],
  };
}

/**
 * Destroys the data keys the accepted appends name (a TextRedacted), inside
 * the caller's transaction and before the batch's insert stores its new keys:
 * `all` means the keys the stream had, never those of the same append (a
 * redaction's own reason).
 */
export async function destroyDataKeys(client: PoolClient, accepted: readonly EncodedAppend[]): Promise<void> {
  for (const append of accepted) {
    const destroy = append.dataKeys?.destroy;
    if (!destroy) continue;
    await client.query({
      ...DESTROY_DATA_KEYS,
      values: [destroy.streamId, destroy.versions === 'all' ? null : destroy.versions],
    });
  }
}
