import { Global, Logger, Module } from '@nestjs/common';
import type { Redis } from 'ioredis';
import { EVENT_STORE, EventStore } from '@indaga/event-store';
import { INDAGA_CONFIG, IndagaConfig, openConfiguredSqlClient, SqlClient } from '@indaga/platform';
import { ReadModelStore } from '../read-models/read-model-store';
import { PROJECTIONS } from '../registry';
import { BullMqScheduler } from '../runner/bullmq-scheduler';
import { CatchUpNotifier } from '../runner/catch-up-notifier';
import { CatchUpService } from '../runner/catch-up.service';
import { InProcessScheduler } from '../runner/in-process-scheduler';
import { ProjectionRunner } from '../runner/projection-runner';
import { Rebuilder } from '../runner/rebuild';
import { PROJECTION_SCHEDULER } from '../runner/scheduler.port';
import { ProjectionLifecycle } from './projection-lifecycle';
import { openRedis } from './redis-connection';
import { READ_MODEL_SQL, READ_MODEL_STORE, REDIS } from './tokens';

const logger = new Logger('projections');

/**
 * Read-model writes of a process go out at most once per this many ms, each
 * batch in one transaction (GroupCommitQueue). On SQLite, where the API's event
 * appends and the read models share one file and one write lock, a worker
 * committing after every catch-up took the lock hundreds of times a second
 * and halved the API's write rate under the lag benchmark; batching every
 * 10 ms costs at most 10 ms of projection lag.
 */
export const READ_MODEL_COMMIT_INTERVAL_MS = 10;

/** Read models, the catch-up runner and its scheduler, shared by apps/api and apps/worker. */
@Global()
@Module({
  providers: [
    {
      provide: READ_MODEL_SQL,
      inject: [INDAGA_CONFIG],
      // Read models are derived from the event store and rebuilt from it, so their commits need not wait for the disk flush.
      useFactory: (config: IndagaConfig) => openConfiguredSqlClient(config, { durable: false }),
    },
    {
      provide: READ_MODEL_STORE,
      inject: [READ_MODEL_SQL],
      useFactory: async (sql: SqlClient) => {
        const store = new ReadModelStore(sql, { commitIntervalMs: READ_MODEL_COMMIT_INTERVAL_MS });
        await store.init(PROJECTIONS.map((p) => p.name));
        return store;
      },
    },
    // Each service gets what it uses (see projectionServices, the same composition outside Nest).
    {
      provide: ProjectionRunner,
      inject: [EVENT_STORE, READ_MODEL_STORE],
      useFactory: (store: EventStore, readModels: ReadModelStore) =>
        new ProjectionRunner(store, readModels, PROJECTIONS),
    },
    {
      provide: CatchUpService,
      inject: [ProjectionRunner, READ_MODEL_STORE],
      useFactory: (runner: ProjectionRunner, readModels: ReadModelStore) =>
        new CatchUpService(runner, readModels, PROJECTIONS),
    },
    {
      provide: Rebuilder,
      inject: [EVENT_STORE, READ_MODEL_STORE, ProjectionRunner],
      useFactory: (store: EventStore, readModels: ReadModelStore, runner: ProjectionRunner) =>
        new Rebuilder(store, readModels, runner, PROJECTIONS),
    },
    {
      provide: REDIS,
      inject: [INDAGA_CONFIG],
      useFactory: (config: IndagaConfig) => (config.redisUrl ? openRedis(config.redisUrl) : undefined),
    },
    {
      provide: PROJECTION_SCHEDULER,
      inject: [CatchUpService, Rebuilder, READ_MODEL_STORE, INDAGA_CONFIG, REDIS],
      useFactory: (
        catchUp: CatchUpService,
        rebuilder: Rebuilder,
        readModels: ReadModelStore,
        config: IndagaConfig,
        redis?: Redis,
      ) =>
        redis
          ? new BullMqScheduler(redis, {
              prefix: config.queuePrefix,
              // The API's writes notify on every append: their jobs are added off its event loop.
              notifier:
                config.role === 'worker' || !config.redisUrl
                  ? undefined
                  : CatchUpNotifier.start({ redisUrl: config.redisUrl, prefix: config.queuePrefix }),
            })
          : new InProcessScheduler(catchUp, rebuilder, readModels.rebuilds, {
              warn: (m) => logger.warn(m),
              error: (m) => logger.error(m),
            }),
    },
    ProjectionLifecycle,
  ],
  exports: [READ_MODEL_STORE, READ_MODEL_SQL, CatchUpService, Rebuilder, PROJECTION_SCHEDULER, REDIS],
})
export class ProjectionsModule {}
