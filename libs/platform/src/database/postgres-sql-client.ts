import { createHash } from 'node:crypto';
import { Pool, PoolClient } from 'pg';
import { guardPoolClients, asStoreUnavailable } from '@indaga/event-store';
import type { Migration, SqlClient, SqlExecutor } from './sql-client.port';

/** Statement names by SQL text, bounded: the texts come from code, but a caller could build them. */
const statementNames = new Map<string, string>();
const MAX_NAMED_STATEMENTS = 500;

function statementName(sql: string): string | undefined {
  let name = statementNames.get(sql);
  if (name === undefined && statementNames.size < MAX_NAMED_STATEMENTS) {
    name = `sql_${createHash('sha1').update(sql).digest('hex').slice(0, 20)}`;
    statementNames.set(sql, name);
  }
  return name;
}

/**
 * Parameterised statements are prepared once per connection (named), so
 * PostgreSQL does not parse and plan the same text on every request.
 * Statements without parameters go through the simple protocol, which also
 * allows several statements in one text.
 */
function send(client: Pool | PoolClient, sql: string, params?: readonly unknown[]) {
  if (!params || params.length === 0) return client.query(sql);
  return client.query({ name: statementName(sql), text: sql, values: params as unknown[] });
}

function executor(client: Pool | PoolClient): SqlExecutor {
  return {
    dialect: 'postgres',
    query: async <T>(sql: string, params?: readonly unknown[]) => (await send(client, sql, params)).rows as T[],
    run: async (sql: string, params?: readonly unknown[]) => (await send(client, sql, params)).rowCount ?? 0,
  };
}

/** Key of the advisory lock that serialises migrations across processes. */
const MIGRATION_LOCK_KEY = 7_310_042;

export class PostgresSqlClient implements SqlClient {
  readonly dialect = 'postgres' as const;
  private readonly direct: SqlExecutor;

  constructor(private readonly pool: Pool) {
    this.direct = executor(pool);
    // A connection dropped by the server (restart, failover) must not crash the process, idle or checked out.
    guardPoolClients(pool);
  }

  /** `durable: false` (synchronous_commit=off) is for derived data only (read models), as in SqliteSqlClient. */
  static open(
    connectionString: string,
    options: { schema?: string; max?: number; durable?: boolean } = {},
  ): PostgresSqlClient {
    const settings = [
      ...(options.schema ? [`-c search_path=${options.schema}`] : []),
      ...(options.durable === false ? ['-c synchronous_commit=off'] : []),
    ];
    const pool = new Pool({
      connectionString,
      max: options.max ?? 10,
      // While the server is unreachable a request fails within this bound (503) instead of waiting.
      connectionTimeoutMillis: 5000,
      ...(settings.length ? { options: settings.join(' ') } : {}),
    });
    return new PostgresSqlClient(pool);
  }

  query<T>(sql: string, params?: readonly unknown[]): Promise<T[]> {
    return this.direct.query<T>(sql, params);
  }

  run(sql: string, params?: readonly unknown[]): Promise<number> {
    return this.direct.run(sql, params);
  }

  async transaction<T>(fn: (tx: SqlExecutor) => Promise<T>): Promise<T> {
    const client = await this.pool.connect();
    let broken = false;
    try {
      await client.query('BEGIN');
      const value = await fn(executor(client));
      await client.query('COMMIT');
      return value;
    } catch (err) {
      // A client whose connection failed goes back destroyed, not to the pool for the next caller to trip on.
      broken = asStoreUnavailable(err) !== undefined;
      if (!broken) await client.query('ROLLBACK').catch(() => (broken = true));
      throw err;
    } finally {
      client.release(broken);
    }
  }

  async migrate(name: string, migrations: readonly Migration[]): Promise<void> {
    const client = await this.pool.connect();
    try {
      await client.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]);
      await client.query(
        'CREATE TABLE IF NOT EXISTS app_migrations (name text NOT NULL, version integer NOT NULL, applied_at timestamptz NOT NULL DEFAULT now(), PRIMARY KEY (name, version))',
      );
      const { rows } = await client.query<{ version: number }>('SELECT version FROM app_migrations WHERE name = $1', [
        name,
      ]);
      const applied = new Set(rows.map((r) => r.version));
      for (const m of [...migrations].sort((a, b) => a.version - b.version)) {
        if (applied.has(m.version)) continue;
        await client.query('BEGIN');
        try {
          await client.query(m.postgres);
          await client.query('INSERT INTO app_migrations (name, version) VALUES ($1, $2)', [name, m.version]);
          await client.query('COMMIT');
        } catch (err) {
          await client.query('ROLLBACK');
          throw err;
        }
      }
    } finally {
      await client.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY]).catch(() => undefined);
      client.release();
    }
  }

  async close(): Promise<void> {
    await this.pool.end();
  }
}
