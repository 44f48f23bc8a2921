import { Queue } from 'bullmq';
import { GroupCommitQueue } from '@indaga/event-store';
import type { Redis } from 'ioredis';
import { catchUpJobs, PROJECTION_QUEUE, whenReady } from './catch-up-jobs';
import { type CatchUpNotifier, NotifierGone } from './catch-up-notifier';
import { ProjectionScheduler, rebuildJobId } from './scheduler.port';

export { PROJECTION_QUEUE } from './catch-up-jobs';

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
  /** Adds the catch-up jobs on a thread of its own (the API's); without it, or once it is gone, on this one. */
  notifier?: CatchUpNotifier;
}

/**
 * Catch-ups and rebuilds through BullMQ. `notify` adds a catch-up job with a
 * deterministic job id (catch-up-jobs.ts): the networks notified while no
 * add is on its way go together in the next `addBulk` (a group commit, one
 * in flight, started on the next turn), on the notifier's thread when there
 * is one.
 */
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
  private connected(): Promise<void> {
    return whenReady(this.connection);
  }

  /** Asks for a catch-up of the network; settles once its job is in Redis. */
  notify(networkId: string): Promise<void> {
    return this.requests.push(networkId);
  }

  private readonly requests = new GroupCommitQueue<string, void>(async (batch) => {
    await this.addCatchUps([...new Set(batch.map((p) => p.item))]);
    for (const p of batch) p.resolve();
  });

  private async addCatchUps(networkIds: string[]): Promise<void> {
    const notifier = this.options.notifier;
    if (notifier) {
      try {
        return await notifier.add(networkIds);
      } catch (error) {
        if (!(error instanceof NotifierGone)) throw error;
      }
    }
    await this.connected();
    await this.queue.addBulk(catchUpJobs(networkIds, this.options));
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
    await this.requests.close(); // the notifications already made are added first
    await this.options.notifier?.close();
    await this.queue.close();
  }
}
