import { Queue } from 'bullmq';
import { GroupCommitQueue } from '@indaga/event-store';
import type { Redis } from 'ioredis';
import {
  CATCH_UP_ATTEMPTS,
  CATCH_UP_BACKOFF_MS,
  catchUpJobId,
  ProjectionScheduler,
  rebuildJobId,
} from './scheduler.port';
import { pushCatchUpRequests } from './catch-up-requests';

export const PROJECTION_QUEUE = 'indaga-projections';
const READY_WAIT_MS = 1_000;

/** The job names the worker must handle (checked at boot), with their payloads. */
export interface ProjectionJobs {
  'catch-up': { networkId: string };
  rebuild: { projection: string; generation: number };
}
export const PROJECTION_JOB_NAMES = ['catch-up', 'rebuild'] as const satisfies readonly (keyof ProjectionJobs)[];

export interface BullMqOptions {
  /** Redis key prefix (INDAGA_QUEUE_PREFIX). */
  prefix?: string;
  attempts?: number;
  backoffMs?: number;
}

/**
 * Catch-ups through Redis: `notify` leaves a request in a list, the workers'
 * pump turns requests into catch-up jobs with a deterministic job id, so a
 * burst of writes to a network while its job waits becomes one job.
 * Completed jobs are removed so the id is free for the next burst.
 */
export class BullMqScheduler implements ProjectionScheduler {
  readonly queue: Queue;

  constructor(
    private readonly connection: Redis,
    private readonly options: BullMqOptions = {},
  ) {
    this.queue = new Queue(PROJECTION_QUEUE, { connection, prefix: this.prefix });
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

  /**
   * Leaves a catch-up request for the workers (catch-up-requests.ts). The
   * networks notified while no push is on its way go together in the next
   * one (a group commit: one push in flight, started on the next turn), so
   * a busy API sends one Redis command per round trip, not per write; the
   * promise settles when Redis has the request.
   */
  notify(networkId: string): Promise<void> {
    return this.requests.push(networkId);
  }

  private readonly requests = new GroupCommitQueue<string, void>(async (batch) => {
    await this.connected();
    await pushCatchUpRequests(this.connection, this.prefix, [...new Set(batch.map((p) => p.item))]);
    for (const p of batch) p.resolve();
  });

  /** Adds the catch-up jobs (one per network, deduplicated by job id): what the workers' pump does with requests. */
  async enqueueCatchUps(networkIds: readonly string[]): Promise<void> {
    await this.connected();
    await this.queue.addBulk(
      networkIds.map((networkId) => ({
        name: 'catch-up',
        data: { networkId } satisfies ProjectionJobs['catch-up'],
        opts: {
          jobId: catchUpJobId(networkId),
          attempts: this.options.attempts ?? CATCH_UP_ATTEMPTS,
          backoff: { type: 'exponential', delay: this.options.backoffMs ?? CATCH_UP_BACKOFF_MS },
          removeOnComplete: true,
          removeOnFail: true,
        },
      })),
    );
  }

  private get prefix(): string {
    return this.options.prefix ?? 'indaga';
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
    await this.requests.close(); // the requests already made are pushed first
    await this.queue.close();
  }
}
