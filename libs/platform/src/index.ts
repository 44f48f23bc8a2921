/** Framework glue shared by apps/api and apps/worker: configuration and the event store wiring. */
export * from './config/config';
export * from './config/operations-config';
export * from './config/boot-error';
export * from './config/config.module';
export * from './event-store/event-store.module';
export * from './database/sql-client.port';
export * from './database/sql-client.module';
export * from './database/sqlite-sql-client';
export * from './database/postgres-sql-client';
export * from './logging/pino-logger';
