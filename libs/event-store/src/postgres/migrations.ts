import type { Pool, PoolClient } from 'pg';
import { assertSchemaName, schemaLockKey, toStoreError } from './postgres-connection';
import { APPEND_ONE_FUNCTION } from './postgres-append-one.sql';

/** One step of a named migration set. Versions are applied in ascending order, once. */
export interface PgMigration {
  version: number;
  description: string;
  /** Runs with search_path set to the target schema, so SQL can name tables unqualified. */
  up: string | ((client: PoolClient) => Promise<void>);
}

/** Advisory-lock class of migrations (two-key form; the second key is the schema's hash). */
export const MIGRATION_LOCK_CLASS = 0x1d6a0002;

/** The event store's own set. Append new versions; never edit an applied one. */
export const EVENT_STORE_MIGRATIONS: PgMigration[] = [
  {
    version: 1,
    description: 'events and side effects',
    // data and metadata are `json`, not `jsonb`: json keeps the text it was given
    // (key order, spacing, duplicate keys), so a read returns exactly the JSON that
    // was appended; jsonb would reorder object keys.
    up: `
      CREATE TABLE events (
        position bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        stream_id text NOT NULL,
        version integer NOT NULL,
        type text NOT NULL,
        data json NOT NULL,
        metadata json NOT NULL,
        recorded_at timestamptz NOT NULL,
        CONSTRAINT events_stream_version UNIQUE (stream_id, version)
      );
      CREATE TABLE side_effects (
        kind text NOT NULL,
        scope text NOT NULL,
        key text NOT NULL,
        value text NOT NULL,
        expires_at timestamptz NOT NULL,
        CONSTRAINT side_effects_pkey PRIMARY KEY (kind, scope, key)
      );
      CREATE INDEX side_effects_expires_at ON side_effects (expires_at);
    `,
  },
  {
    version: 2,
    description: 'es_append_one: a lone append in one statement',
    up: APPEND_ONE_FUNCTION,
  },
];

/**
 * Applies the missing migrations of set `name` in `schema` (created if needed)
 * and returns how many it applied. Other modules call it with their own set.
 * A session-level pg_advisory_lock per schema serialises concurrent runners
 * (two processes starting at once): the second waits, then finds the versions
 * recorded. Each migration commits on its own together with its record.
 */
export async function runMigrations(
  pool: Pool,
  name: string,
  migrations: PgMigration[],
  options: { schema?: string } = {},
): Promise<number> {
  const schema = options.schema ?? 'public';
  assertSchemaName(schema);
  const sorted = [...migrations].sort((a, b) => a.version - b.version);
  sorted.forEach((m, i) => {
    if (!Number.isSafeInteger(m.version) || m.version < 1 || (i > 0 && sorted[i - 1].version === m.version)) {
      throw new RangeError(`migration set ${name}: bad or duplicate version ${m.version}`);
    }
  });
  let client: PoolClient;
  try {
    client = await pool.connect();
  } catch (error) {
    throw toStoreError(error);
  }
  const lock = `${MIGRATION_LOCK_CLASS}, ${schemaLockKey(schema)}`;
  let destroy = false;
  try {
    await client.query(`SELECT pg_advisory_lock(${lock})`);
    try {
      return await applyMissing(client, schema, name, sorted);
    } finally {
      // If the unlock fails the connection is destroyed, which frees the session lock too.
      await client.query(`SELECT pg_advisory_unlock(${lock})`).catch(() => (destroy = true));
    }
  } catch (error) {
    destroy ||= toStoreError(error) !== error;
    throw toStoreError(error);
  } finally {
    client.release(destroy);
  }
}

async function applyMissing(client: PoolClient, schema: string, name: string, sorted: PgMigration[]): Promise<number> {
  await client.query(`CREATE SCHEMA IF NOT EXISTS ${schema}`);
  await client.query(`CREATE TABLE IF NOT EXISTS ${schema}.schema_migrations (
    name text NOT NULL,
    version integer NOT NULL,
    description text NOT NULL,
    applied_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (name, version)
  )`);
  const { rows } = await client.query<{ version: number }>(
    `SELECT version FROM ${schema}.schema_migrations WHERE name = $1`,
    [name],
  );
  const applied = new Set(rows.map((r) => r.version));
  let count = 0;
  for (const m of sorted) {
    if (applied.has(m.version)) continue;
    await applyOne(client, schema, name, m);
    count++;
  }
  return count;
}

async function applyOne(client: PoolClient, schema: string, name: string, m: PgMigration): Promise<void> {
  await client.query('BEGIN');
  try {
    await client.query(`SET LOCAL search_path TO ${schema}`);
    if (typeof m.up === 'string') await client.query(m.up);
    else await m.up(client);
    await client.query(`INSERT INTO ${schema}.schema_migrations (name, version, description) VALUES ($1, $2, $3)`, [
      name,
      m.version,
      m.description,
    ]);
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  }
}
