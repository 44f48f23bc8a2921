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
export * from './personal-data/sealed-text';
export * from './personal-data/master-key';
export * from './personal-data/text-sealer';
export * from './personal-data/text-opener';
export * from './personal-data/keyed-event-store';
export * from './personal-data/personal-data.module';
