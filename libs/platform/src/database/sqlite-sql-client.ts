import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import type { Migration, SqlClient, SqlExecutor } from './sql-client.port';

type Statement = Database.Statement<unknown[] | Record<string, unknown>>;

/** `$1` → `$p1`, bound from an object, so one parameter may appear several times. */
function rewrite(sql: string): string {
  return sql.replace(/\$(\d+)/g, (_, n: string) => `$p${n}`);
}

function bind(params: readonly unknown[] | undefined): Record<string, unknown> {
  const bound: Record<string, unknown> = {};
  params?.forEach((value, i) => {
    bound[`p${i + 1}`] = typeof value === 'boolean' ? (value ? 1 : 0) : value === undefined ? null : value;
  });
  return bound;
}

export class SqliteSqlClient implements SqlClient {
  readonly dialect = 'sqlite' as const;
  private readonly statements = new Map<string, Statement>();
  /** Serialises transactions that await between statements (see SqlClient.transaction). */
  private lock: Promise<unknown> = Promise.resolve();

  constructor(private readonly db: Database.Database) {}

  /**
   * `durable: false` (synchronous=NORMAL) is for derived data only (read models):
   * a power cut may lose its last commits, never corrupt it, and the runner
   * rebuilds them from the event store's checkpoints.
   */
  static open(path: string, options: { durable?: boolean } = {}): SqliteSqlClient {
    if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
    const db = new Database(path);
    db.pragma('journal_mode = WAL');
    db.pragma(options.durable === false ? 'synchronous = NORMAL' : 'synchronous = FULL');
    db.pragma('busy_timeout = 5000');
    return new SqliteSqlClient(db);
  }

  private prepare(sql: string): Statement {
    let statement = this.statements.get(sql);
    if (!statement) {
      statement = this.db.prepare(rewrite(sql));
      this.statements.set(sql, statement);
    }
    return statement;
  }

  async query<T>(sql: string, params?: readonly unknown[]): Promise<T[]> {
    await this.lock;
    return this.queryNow<T>(sql, params);
  }

  async run(sql: string, params?: readonly unknown[]): Promise<number> {
    await this.lock;
    return this.runNow(sql, params);
  }

  private queryNow<T>(sql: string, params?: readonly unknown[]): T[] {
    return this.prepare(sql).all(bind(params)) as T[];
  }

  private runNow(sql: string, params?: readonly unknown[]): number {
    return this.prepare(sql).run(bind(params)).changes;
  }

  transaction<T>(fn: (tx: SqlExecutor) => Promise<T>): Promise<T> {
    const tx: SqlExecutor = {
      dialect: 'sqlite',
      query: async <R>(sql: string, params?: readonly unknown[]) => this.queryNow<R>(sql, params),
      run: async (sql: string, params?: readonly unknown[]) => this.runNow(sql, params),
    };
    const result = this.lock.then(async () => {
      this.db.exec('BEGIN IMMEDIATE');
      try {
        const value = await fn(tx);
        this.db.exec('COMMIT');
        return value;
      } catch (err) {
        if (this.db.inTransaction) this.db.exec('ROLLBACK');
        throw err;
      }
    });
    this.lock = result.catch(() => undefined);
    return result;
  }

  async migrate(name: string, migrations: readonly Migration[]): Promise<void> {
    await this.lock;
    this.db.exec(
      'CREATE TABLE IF NOT EXISTS app_migrations (name TEXT NOT NULL, version INTEGER NOT NULL, applied_at TEXT NOT NULL, PRIMARY KEY (name, version))',
    );
    const apply = this.db.transaction(() => {
      const applied = new Set(
        (this.db.prepare('SELECT version FROM app_migrations WHERE name = ?').all(name) as { version: number }[]).map(
          (r) => r.version,
        ),
      );
      for (const m of [...migrations].sort((a, b) => a.version - b.version)) {
        if (applied.has(m.version)) continue;
        this.db.exec(m.sqlite);
        this.db
          .prepare('INSERT INTO app_migrations (name, version, applied_at) VALUES (?, ?, ?)')
          .run(name, m.version, new Date().toISOString());
      }
    });
    apply.immediate();
  }

  async close(): Promise<void> {
    await this.lock;
    if (this.db.open) this.db.close();
  }
}
