import { escapeLiteral } from 'pg';
/**
 * Advisory-lock class taken by every append transaction (two-key form; the
 * second key is the schema's hash, so stores in different schemas, such as
 * parallel test runs, do not wait on each other).
 */
export const APPEND_LOCK_CLASS = 0x1d6a0001;

/** One round trip for both; a simple-protocol query, so the integers are inlined (never user input). */
export const beginAndLock = (schemaKey: number): string =>
  `BEGIN; SELECT pg_advisory_xact_lock(${APPEND_LOCK_CLASS}, ${schemaKey})`;

/**
 * One backward probe of the (stream_id, version) index per stream (LATERAL …
 * LIMIT 1); `max(version) … GROUP BY stream_id` reads every row of every stream
 * in the batch and was 8× slower for 32 streams of 300 events.
 */
export const STREAM_VERSIONS = {
  name: 'es_stream_versions',
  text: `SELECT s.stream_id, e.version FROM unnest($1::text[]) AS s (stream_id)
         LEFT JOIN LATERAL (
           SELECT version FROM events WHERE stream_id = s.stream_id ORDER BY version DESC LIMIT 1
         ) e ON true`,
};

/**
 * What a batch must know before it inserts, in one round trip: each stream's
 * version (as STREAM_VERSIONS) and which of its side-effect keys are held by
 * live records. Rows are tagged: ('v', stream_id, version, null) or
 * ('k', kind, scope, key).
 */
const batchState = (streams: string, kinds: string, scopes: string, keys: string): string =>
  `SELECT 'v' AS tag, s.stream_id AS a, e.version::text AS b, NULL::text AS c FROM unnest(${streams}) AS s (stream_id)
         LEFT JOIN LATERAL (
           SELECT version FROM events WHERE stream_id = s.stream_id ORDER BY version DESC LIMIT 1
         ) e ON true
         UNION ALL
         SELECT 'k', kind, scope, key FROM side_effects
         JOIN unnest(${kinds}, ${scopes}, ${keys}) AS wanted (kind, scope, key) USING (kind, scope, key)
         WHERE expires_at > now()`;

export const BATCH_STATE = {
  name: 'es_batch_state',
  text: batchState('$1::text[]', '$2::text[]', '$3::text[]', '$4::text[]'),
};

/**
 * BEGIN, the append lock and BATCH_STATE in ONE round trip: a simple-protocol
 * query of three statements, the state's arrays inlined as escaped literals
 * (a simple query takes no parameters). Under READ COMMITTED each statement
 * takes its own snapshot when it starts, so the state is read after the lock
 * is held, as when they were separate round trips (gap safety:
 * postgres-append-batch.ts).
 */
export function beginLockAndBatchState(
  schemaKey: number,
  streamIds: readonly string[],
  effects: ReadonlyArray<{ kind: string; scope: string; key: string }>,
): string {
  const state = batchState(
    textArray(streamIds),
    textArray(effects.map((e) => e.kind)),
    textArray(effects.map((e) => e.scope)),
    textArray(effects.map((e) => e.key)),
  );
  return `${beginAndLock(schemaKey)}; ${state}`;
}

const textArray = (values: readonly string[]): string =>
  `ARRAY[${values.map((v) => escapeLiteral(v)).join(',')}]::text[]`;

/*
 * Every event, side effect and new data key (SPEC 6.1) of a batch goes in
 * ONE statement with bulk parameters (never one per value: the protocol
 * allows 65,535 per statement); a data-modifying CTE runs whether or not the
 * main query reads it.
 * An expired side-effect record is replaced; a live one is left alone and
 * shows as a short count, which the caller treats as a race. The extra row with
 * position -1 carries that count, even when no event is inserted.
 *
 * Events travel in one of two encodings, decoded into the same insert:
 * - EVENTS_AS_JSON: one JSON array, decoded by json_to_recordset. data and
 *   metadata are already JSON text and are spliced in as they are (json fields
 *   keep their text verbatim, key order included). Used whenever it can be:
 *   with text[] parameters pg escapes every quote of every payload, which was
 *   the largest CPU cost of a batch.
 * - EVENTS_AS_ARRAYS: unnest of parallel arrays. Used when a payload holds a
 *   \u escape (NUL, a lone surrogate): json_to_recordset de-escapes strings
 *   and rejects those, where json[] input keeps them as written.
 */
const insertBatch = (events: string, from: number): string => `WITH ev AS (
      INSERT INTO events (stream_id, version, type, data, metadata, recorded_at)
      ${events}
      RETURNING position, stream_id, version
    ), se AS (
      INSERT INTO side_effects (kind, scope, key, value, expires_at)
      SELECT * FROM unnest($${from}::text[], $${from + 1}::text[], $${from + 2}::text[], $${from + 3}::text[], $${from + 4}::timestamptz[])
      ON CONFLICT (kind, scope, key) DO UPDATE SET value = excluded.value, expires_at = excluded.expires_at
        WHERE side_effects.expires_at <= now()
      RETURNING 1
    ), dk AS (
      INSERT INTO data_keys (key_id, stream_id, version, wrapped)
      SELECT * FROM unnest($${from + 5}::text[], $${from + 6}::text[], $${from + 7}::int[], $${from + 8}::text[])
    )
    SELECT position, stream_id, version FROM ev
    UNION ALL SELECT -1, NULL, (SELECT count(*) FROM se)::int`;

export const INSERT_EVENTS_AS_JSON = {
  name: 'es_insert_json',
  text: insertBatch(
    'SELECT s, v, t, d, m, a FROM json_to_recordset($1::json) AS e (s text, v int, t text, d json, m json, a timestamptz)',
    2,
  ),
};

export const INSERT_EVENTS_AS_ARRAYS = {
  name: 'es_insert_arrays',
  text: insertBatch(
    'SELECT * FROM unnest($1::text[], $2::int[], $3::text[], $4::json[], $5::json[], $6::timestamptz[])',
    7,
  ),
};

export const READ_STREAM = {
  name: 'es_read_stream',
  text: `SELECT position, version, type, data, metadata FROM events
         WHERE stream_id = $1 AND version >= $2 AND version <= $3 ORDER BY version LIMIT $4`,
};

export const READ_ALL = {
  name: 'es_read_all',
  text: 'SELECT position, stream_id, version, type, data, metadata FROM events WHERE position > $1 ORDER BY position LIMIT $2',
};

/**
 * The same reads with the json columns as their stored text (`json`, not
 * `jsonb`: the text is kept as written), and each event's data key beside
 * it (`data_keys_stream` index).
 */
export const READ_STREAM_TEXT = {
  name: 'es_read_stream_text',
  text: `SELECT e.position, e.version, e.type, e.data::text, e.metadata::text, k.key_id, k.wrapped FROM events e
         LEFT JOIN data_keys k ON k.stream_id = e.stream_id AND k.version = e.version
         WHERE e.stream_id = $1 AND e.version >= $2 AND e.version <= $3 ORDER BY e.version LIMIT $4`,
};

export const READ_ALL_TEXT = {
  name: 'es_read_all_text',
  text: `SELECT e.position, e.stream_id, e.version, e.type, e.data::text, e.metadata::text, k.key_id, k.wrapped FROM events e
         LEFT JOIN data_keys k ON k.stream_id = e.stream_id AND k.version = e.version
         WHERE e.position > $1 ORDER BY e.position LIMIT $2`,
};

export const STREAM_VERSION = {
  name: 'es_stream_version',
  text: 'SELECT coalesce(max(version), 0) FROM events WHERE stream_id = $1',
};

export const HEAD_POSITION = { name: 'es_head_position', text: 'SELECT coalesce(max(position), 0) FROM events' };

export const PURGE_EXPIRED_SIDE_EFFECTS = {
  name: 'es_purge_expired_side_effects',
  text: `DELETE FROM side_effects WHERE ctid = ANY (ARRAY(
           SELECT ctid FROM side_effects WHERE expires_at <= now() ORDER BY expires_at LIMIT $1))`,
};

export const READ_SIDE_EFFECT = {
  name: 'es_read_side_effect',
  text: 'SELECT value FROM side_effects WHERE kind = $1 AND scope = $2 AND key = $3 AND expires_at > now()',
};
