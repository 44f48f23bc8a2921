/**
 * @indaga/event-store: the append-only log every network's history lives in.
 * The port (EventStore) and its errors, plus two adapters that group-commit
 * concurrent appends: SQLite (one embedded file) and PostgreSQL, and a third
 * on KurrentDB 25.1+ through its official client (kurrentdb/). Free of
 * NestJS on purpose: the apps bind an adapter to the EVENT_STORE token.
 * runSqliteMigrations / runPostgresMigrations (and openSqliteConnection,
 * createPostgresPool) let other modules (read models) keep their own
 * versioned tables in the same database.
 */
export * from './event-store.port';
export * from './errors';
export { asStoreUnavailable } from './unavailable';
export { spawnThread } from './threads/spawn-thread';
export { ThreadRequests } from './threads/thread-requests';
export type { StoreTestHooks } from './internal/hooks';
export { SqliteEventStore, openSqliteEventStore, type SqliteEventStoreOptions } from './sqlite/sqlite-event-store';
export { openSqliteConnection } from './sqlite/sqlite-connection';
export {
  runMigrations as runSqliteMigrations,
  EVENT_STORE_MIGRATIONS as SQLITE_EVENT_STORE_MIGRATIONS,
  type SqliteMigration,
} from './sqlite/migrations';
export {
  PostgresEventStore,
  openPostgresEventStore,
  type PostgresEventStoreOptions,
} from './postgres/postgres-event-store';
export {
  runMigrations as runPostgresMigrations,
  EVENT_STORE_MIGRATIONS as POSTGRES_EVENT_STORE_MIGRATIONS,
  type PgMigration,
} from './postgres/migrations';
export { createPool as createPostgresPool, guardPoolClients } from './postgres/postgres-connection';
export { storeTelemetry, type StoreTelemetryListener } from './telemetry';
export { GroupCommitQueue, type GroupCommitOptions, type Pending } from './group-commit-queue';
export {
  KurrentDbEventStore,
  openKurrentDbEventStore,
  type KurrentDbEventStoreOptions,
  DEFAULT_STREAM_PREFIXES as KURRENTDB_STREAM_PREFIXES,
} from './kurrentdb/kurrentdb-event-store';
