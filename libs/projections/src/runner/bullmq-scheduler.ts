import { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import {
  CATCH_UP_ATTEMPTS,
  CATCH_UP_BACKOFF_MS,
  catchUpJobId,
  ProjectionScheduler,
  rebuildJobId,
} from './scheduler.port';

export const PROJECTION_QUEUE = 'indaga-projections';
const READY_WAIT_MS = 1_000;

/** The job names the worker must handle (checked at boot), with their payloads. */
export interface ProjectionJobs {
  'catch-up': { networkId: string };
  rebuild: { projection: string; generation: number };
}
export const PROJECTION_JOB_NAMES = ['catch-up', 'rebuild'] as const satisfies readonly (keyof ProjectionJobs)[];

/**
 * Enqueues catch-ups with a deterministic job id, so a burst of writes to a
 * network while its job waits becomes one job. Completed jobs are removed so
 * the id is free for the next burst.
 */
export interface BullMqOptions {
  /** Redis key prefix (INDAGA_QUEUE_PREFIX). */
  prefix?: string;
  attempts?: number;
  backoffMs?: number;
}

export class BullMqScheduler implements ProjectionScheduler {
  readonly queue: Queue;

  constructor(
    private readonly connection: Redis,
    private readonly options: BullMqOptions = {},
  ) {
    this.queue = new Queue(PROJECTION_QUEUE, { connection, prefix: options.prefix ?? 'indaga' });
    // The Queue re-emits its connection's errors; those are reported where the connection is made.
    this.queue.on('error', () => undefined);
  }

  /**
   * With `maxRetriesPerRequest: null` (BullMQ's requirement) a command sent
   * while Redis is unreachable waits for the reconnection, for ever; one per
   * write would pile up. So a notification waits at most READY_WAIT_MS for the
   * connection and is otherwise refused: the sweeper sends it again later.
   */
  private async connected(): Promise<void> {
    if (this.connection.status === 'ready') return;
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.connection.off('ready', onReady);
        reject(new Error(`redis is not connected (${this.connection.status})`));
      }, READY_WAIT_MS);
      const onReady = () => {
        clearTimeout(timer);
        resolve();
      };
      this.connection.once('ready', onReady);
    });
  }

  async notify(networkId: string): Promise<void> {
    await this.connected();
    await this.queue.add('catch-up', { networkId } satisfies ProjectionJobs['catch-up'], {
      jobId: catchUpJobId(networkId),
      attempts: this.options.attempts ?? CATCH_UP_ATTEMPTS,
      backoff: { type: 'exponential', delay: this.options.backoffMs ?? CATCH_UP_BACKOFF_MS },
      removeOnComplete: true,
      removeOnFail: true,
    });
  }

  async rebuild(projection: string, generation: number): Promise<string> {
    const jobId = rebuildJobId(projection, generation);
    await this.connected();
    await this.queue.add('rebuild', { projection, generation } satisfies ProjectionJobs['rebuild'], {
      jobId,
      attempts: 3,
      backoff: { type: 'exponential', delay: 1000 },
      removeOnComplete: { age: 24 * 3600 },
      removeOnFail: { age: 7 * 24 * 3600 },
    });
    return jobId;
  }

  async close(): Promise<void> {
    await this.queue.close();
  }
}
