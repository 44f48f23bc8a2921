import {
  BeforeApplicationShutdown,
  Inject,
  Injectable,
  Logger,
  OnApplicationBootstrap,
  OnApplicationShutdown,
  Optional,
} from '@nestjs/common';
import type { Worker } from 'bullmq';
import type { Redis } from 'ioredis';
import { EVENT_STORE, EventStore } from '@indaga/event-store';
import { INDAGA_CONFIG, IndagaConfig, SqlClient } from '@indaga/platform';
import type { ReadModelStore } from '../read-models/read-model-store';
import { PROJECTIONS } from '../registry';
import { CatchUpService } from '../runner/catch-up.service';
import { createProjectionWorker } from '../runner/projection-worker';
import { Rebuilder } from '../runner/rebuild';
import { PROJECTION_SCHEDULER, ProjectionScheduler } from '../runner/scheduler.port';
import { Sweeper } from '../runner/sweeper';
import { projectionTelemetry } from '../telemetry';
import { closeRedis, REDIS_CLOSE_TIMEOUT_MS, reportRedisErrors, within } from './redis-connection';
import { READ_MODEL_SQL, READ_MODEL_STORE, REDIS } from './tokens';

const SWEEP_WARN_INTERVAL_MS = 30_000;

/** Longest wait for the sweeper's pass and for the worker's jobs in flight at shutdown. */
const SHUTDOWN_STEP_MS = 5_000;

const isConnectionFailure = (err: Error) =>
  /ECONNREFUSED|ECONNRESET|Connection is closed|connect ETIMEDOUT|getaddrinfo/i.test(err.message);

/** How often the sweeper looks for events the read models do not reflect. */
export const SWEEP_INTERVAL_MS = 500;

/**
 * Starts what this process runs (SPEC 4, INDAGA_ROLE): with REDIS_URL, the
 * BullMQ worker and the sweeper in `worker` and `all`; without it, the
 * in-process runner and the sweeper here. Stops them before the stores close.
 */
@Injectable()
export class ProjectionLifecycle implements OnApplicationBootstrap, BeforeApplicationShutdown, OnApplicationShutdown {
  private readonly logger = new Logger('projections');
  private worker?: Worker;
  private workerConnection?: Redis;
  private sweepTimer?: NodeJS.Timeout;
  private sweeping?: Promise<unknown>;

  constructor(
    @Inject(INDAGA_CONFIG) private readonly config: IndagaConfig,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(READ_MODEL_STORE) private readonly readModels: ReadModelStore,
    private readonly catchUp: CatchUpService,
    private readonly rebuilder: Rebuilder,
    @Inject(PROJECTION_SCHEDULER) private readonly scheduler: ProjectionScheduler,
    @Inject(READ_MODEL_SQL) private readonly readModelSql: SqlClient,
    @Optional() @Inject(REDIS) private readonly redis?: Redis,
  ) {}

  get runsWorker(): boolean {
    return this.config.role !== 'api' || !this.redis;
  }

  async onApplicationBootstrap(): Promise<void> {
    if (!this.redis && this.config.role === 'api') {
      this.logger.warn('REDIS_URL is unset: projections are built in this process');
    }
    if (!this.runsWorker) return;
    if (this.redis) {
      // BullMQ does not close a connection it was given: keep it to quit at shutdown.
      this.workerConnection = reportRedisErrors(this.redis.duplicate({ maxRetriesPerRequest: null }), 'worker');
      this.worker = createProjectionWorker(
        this.workerConnection,
        { store: this.store, catchUp: this.catchUp, rebuilder: this.rebuilder },
        { prefix: this.config.queuePrefix },
      );
      this.worker.on('failed', (job, err) => {
        projectionTelemetry.jobFailed(job?.name ?? 'unknown');
        if (job?.name === 'rebuild' && job.attemptsMade >= (job.opts.attempts ?? 1)) {
          void this.readModels.rebuilds.endRebuild(job.data.projection, job.data.generation, 'failed', err.message);
        }
      });
      // Connection errors are reported (once per interval) by reportRedisErrors; the rest here.
      this.worker.on('error', (err) => {
        if (!isConnectionFailure(err)) this.logger.error({ msg: 'worker error', err });
      });
    } else {
      await this.resumeRebuilds();
    }
    this.startSweeper();
  }

  private startSweeper(): void {
    const sweeper = new Sweeper(this.store, this.readModels.cursors, this.catchUp, this.scheduler);
    // While a store or Redis is down every pass fails the same way: say so once per interval, not twice a second.
    let lastWarned = { message: '', at: 0 };
    const warn = (err: Error) => {
      const now = Date.now();
      if (err?.message === lastWarned.message && now - lastWarned.at < SWEEP_WARN_INTERVAL_MS) return;
      lastWarned = { message: err?.message, at: now };
      this.logger.warn({ msg: 'sweep failed', err });
    };
    const tick = () => {
      this.sweeping = sweeper
        .tick()
        .catch(warn)
        .finally(() => {
          this.sweeping = undefined;
          if (this.sweepTimer) this.sweepTimer = setTimeout(tick, SWEEP_INTERVAL_MS);
        });
    };
    this.sweepTimer = setTimeout(tick, 0);
  }

  /** In-process only: a rebuild interrupted by a restart goes on (BullMQ redelivers its own). */
  private async resumeRebuilds(): Promise<void> {
    for (const projection of PROJECTIONS) {
      const status = await this.readModels.rebuilds.status(projection.name);
      if (status.rebuildState === 'running' && status.rebuildGeneration !== null) {
        this.logger.log({ msg: 'resuming rebuild', projection: projection.name, generation: status.rebuildGeneration });
        await this.scheduler.rebuild(projection.name, status.rebuildGeneration);
      }
    }
  }

  /**
   * Every step that may wait for Redis is bounded: with Redis unreachable, a
   * close would wait for the reconnection for ever and SIGTERM would not end
   * the process. A job cut short this way is redelivered (its lock expires).
   */
  async beforeApplicationShutdown(): Promise<void> {
    const timer = this.sweepTimer;
    this.sweepTimer = undefined;
    if (timer) clearTimeout(timer);
    await within(SHUTDOWN_STEP_MS, Promise.resolve(this.sweeping));
    if (this.worker) {
      const closed = await within(
        SHUTDOWN_STEP_MS,
        this.worker.close().then(() => true),
      );
      if (!closed) void this.worker.close(true).catch(() => undefined);
    }
    await closeRedis(this.workerConnection);
    // The in-process scheduler finishes its work in flight before the stores close; only BullMQ's waits on Redis.
    if (this.redis) await within(REDIS_CLOSE_TIMEOUT_MS, this.scheduler.close());
    else await this.scheduler.close();
    await closeRedis(this.redis);
  }

  /** After the HTTP server has finished its in-flight requests (which may read read models). */
  async onApplicationShutdown(): Promise<void> {
    await this.readModelSql.close();
  }
}
