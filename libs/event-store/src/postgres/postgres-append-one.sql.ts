/*
 * A lone append in ONE statement (one round trip, its own implicit
 * transaction), instead of BEGIN and lock, read versions and keys, insert,
 * COMMIT (four). Group commit sends a batch of one append here when the
 * store is not busy: that is every append of a single caller, whose latency
 * a coordinator filling a form feels.
 *
 * It makes the same decision as planBatch for one append: a live record with
 * the idempotency key fails it (`key`), then the expected version is
 * compared (`version`, with the actual version); else the events and the
 * record are inserted (an expired record is replaced).
 *
 * Gap safety holds for the same reason as for batches (postgres-append-batch.ts):
 * the function takes pg_advisory_xact_lock(APPEND_LOCK_CLASS, schema) before its
 * insert takes positions, and a transaction-scoped lock is released only after
 * the implicit transaction's commit is visible. The function is VOLATILE, so
 * in READ COMMITTED each statement in it takes a fresh snapshot: the version it
 * reads after the lock includes every append committed before it got the lock.
 * `SET search_path FROM CURRENT` pins the schema the migration ran in.
 */
export const APPEND_ONE_FUNCTION = `
  CREATE OR REPLACE FUNCTION es_append_one(
    lock_class integer, lock_key integer,
    p_stream text, p_expect text, p_expected integer,
    p_events json, p_recorded_at timestamptz,
    p_scope text, p_key text, p_value text, p_expires_at timestamptz
  ) RETURNS TABLE (outcome text, actual integer, positions bigint[])
  LANGUAGE plpgsql VOLATILE
  SET search_path FROM CURRENT
  AS $fn$
  DECLARE
    v integer;
  BEGIN
    PERFORM pg_advisory_xact_lock(lock_class, lock_key);
    SELECT e.version INTO v FROM events e WHERE e.stream_id = p_stream ORDER BY e.version DESC LIMIT 1;
    v := coalesce(v, 0);
    IF p_key IS NOT NULL AND EXISTS (
      SELECT 1 FROM side_effects s
      WHERE s.kind = 'idempotency' AND s.scope = p_scope AND s.key = p_key AND s.expires_at > now()
    ) THEN
      RETURN QUERY SELECT 'key'::text, v, NULL::bigint[];
      RETURN;
    END IF;
    IF (p_expect = 'no_stream' AND v <> 0) OR (p_expect = 'exact' AND v <> p_expected) THEN
      RETURN QUERY SELECT 'version'::text, v, NULL::bigint[];
      RETURN;
    END IF;
    IF p_key IS NOT NULL THEN
      INSERT INTO side_effects (kind, scope, key, value, expires_at)
      VALUES ('idempotency', p_scope, p_key, p_value, p_expires_at)
      ON CONFLICT (kind, scope, key) DO UPDATE SET value = excluded.value, expires_at = excluded.expires_at;
    END IF;
    RETURN QUERY
      WITH ins AS (
        INSERT INTO events (stream_id, version, type, data, metadata, recorded_at)
        SELECT p_stream, v + e.n::integer, e.t, e.d, e.m, p_recorded_at
        FROM ROWS FROM (json_to_recordset(p_events) AS (t text, d json, m json)) WITH ORDINALITY AS e (t, d, m, n)
        ORDER BY e.n
        RETURNING position, version
      )
      SELECT 'ok'::text, v, coalesce(array_agg(ins.position ORDER BY ins.version), '{}'::bigint[]) FROM ins;
  END
  $fn$;
`;

export const APPEND_ONE = {
  name: 'es_append_one',
  text: 'SELECT outcome, actual, positions FROM es_append_one($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)',
};
