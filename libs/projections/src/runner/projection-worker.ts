import { Job, Worker } from 'bullmq';
import type { Redis } from 'ioredis';
import { networkStreamId } from '@indaga/domain';
import type { EventStore } from '@indaga/event-store';
import { PROJECTION_JOB_NAMES, PROJECTION_QUEUE, ProjectionJobs } from './bullmq-scheduler';
import type { CatchUpService } from './catch-up.service';
import type { Rebuilder } from './rebuild';

type Handlers = { [K in keyof ProjectionJobs]: (job: Job<ProjectionJobs[K]>) => Promise<unknown> };

/**
 * Catch-ups one worker runs at once. A catch-up spends most of its time
 * waiting for its read-model batch to commit (every 10 ms), so many at once
 * keep one core busy and make the batches larger; with 8, networks queued
 * behind each other under the lag benchmark's load.
 */
export const WORKER_CONCURRENCY = 32;

/**
 * A job's lock lives this long unless its worker renews it (every half of it).
 * BullMQ's 30 s default, with its 30 s stalled check, left a killed worker's
 * networks unprojected for about a minute, and a notification meanwhile was
 * dropped as a duplicate of the dead worker's job id. With 4 s and a check
 * every 2 s, a live worker takes the job over within about 6 s. A worker whose
 * event loop stalls longer than this loses the job to another one: harmless,
 * since catch-ups are compare-and-set and rebuilds resume.
 */
export const LOCK_DURATION_MS = 4_000;
export const STALLED_INTERVAL_MS = 2_000;
/** A job taken over this many times is failed; the sweeper asks for it again. */
const MAX_STALLED_COUNT = 5;

/**
 * The BullMQ side: one handler per declared job name, refused at boot if any
 * is missing. Catch-ups are idempotent (compare-and-set checkpoints), so a
 * redelivered or stalled job changes nothing twice.
 */
export function createProjectionWorker(
  connection: Redis,
  { store, catchUp, rebuilder }: { store: EventStore; catchUp: CatchUpService; rebuilder: Rebuilder },
  options: { prefix?: string; concurrency?: number; stalledIntervalMs?: number; lockDurationMs?: number } = {},
): Worker {
  const shutdown = { aborted: false };
  const handlers: Handlers = {
    'catch-up': async (job) => {
      const { networkId } = job.data;
      const last = job.attemptsMade + 1 >= (job.opts.attempts ?? 1);
      // Loops while the stream moved during a round: a notification dropped as a duplicate of this running
      // job is not lost. It stops when caught up, when a round made no progress (every projection parked:
      // the sweeper and the next write take over) or when the worker shuts down (the sweeper takes over).
      for (let before = -1; !shutdown.aborted;) {
        const reached =
          (await catchUp.catchUpNetwork(networkId, { park: last })) ?? (await catchUp.reflectedVersion(networkId));
        const head = await store.streamVersion(networkStreamId(networkId));
        if (reached >= head || reached <= before) return;
        before = reached;
      }
    },
    rebuild: async (job) => {
      const { projection, generation } = job.data;
      const outcome = await rebuilder.run(projection, generation, {
        onProgress: ({ processed, total }) =>
          job.updateProgress({ processed, total, progress: total === 0 ? 1 : processed / total }),
        signal: shutdown,
      });
      if (outcome === 'interrupted') throw new Error('worker shutting down; the rebuild resumes on redelivery');
      return { outcome };
    },
  };
  for (const name of PROJECTION_JOB_NAMES) {
    if (typeof handlers[name] !== 'function') throw new Error(`no handler for job ${name}`);
  }
  const worker = new Worker(
    PROJECTION_QUEUE,
    async (job: Job) => {
      const handler = handlers[job.name as keyof ProjectionJobs] as ((job: Job) => Promise<unknown>) | undefined;
      if (!handler) throw new Error(`unknown job ${job.name}`);
      return handler(job);
    },
    {
      connection,
      prefix: options.prefix ?? 'indaga',
      concurrency: options.concurrency ?? WORKER_CONCURRENCY,
      stalledInterval: options.stalledIntervalMs ?? STALLED_INTERVAL_MS,
      lockDuration: options.lockDurationMs ?? LOCK_DURATION_MS,
      maxStalledCount: MAX_STALLED_COUNT,
    },
  );
  const close = worker.close.bind(worker);
  worker.close = async (force?: boolean) => {
    shutdown.aborted = true;
    return close(force);
  };
  return worker;
}
