/**
 * A deliberately small relational port for the service's own tables (tokens,
 * read models, checkpoints), with one SQL text for both dialects: write
 * PostgreSQL-style `$1` placeholders and portable SQL (the SQLite adapter
 * rewrites the placeholders). The event store has its own adapters and does
 * not use this.
 */
export const SQL_CLIENT = Symbol('SQL_CLIENT');

export type SqlDialect = 'sqlite' | 'postgres';

export interface SqlExecutor {
  readonly dialect: SqlDialect;
  query<T = Record<string, unknown>>(sql: string, params?: readonly unknown[]): Promise<T[]>;
  /** Runs a statement; answers the number of rows it changed. */
  run(sql: string, params?: readonly unknown[]): Promise<number>;
}

export interface SqlClient extends SqlExecutor {
  /**
   * Runs `fn` in one transaction, committed when it resolves and rolled back
   * when it throws. Inside, await only `tx`'s own calls: on SQLite the write
   * lock is held until `fn` returns, and other I/O awaited there would hold
   * it across event-loop turns.
   */
  transaction<T>(fn: (tx: SqlExecutor) => Promise<T>): Promise<T>;
  /** Applies the named, versioned migration set once (safe from two processes at once). */
  migrate(name: string, migrations: readonly Migration[]): Promise<void>;
  close(): Promise<void>;
}

export interface Migration {
  version: number;
  /** Statements per dialect (the dialects differ on types and upserts). */
  sqlite: string;
  postgres: string;
}
