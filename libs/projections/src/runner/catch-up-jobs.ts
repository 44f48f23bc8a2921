import type { JobsOptions } from 'bullmq';
import { CATCH_UP_ATTEMPTS, CATCH_UP_BACKOFF_MS, catchUpJobId } from './scheduler.port';

/*
 * Relative imports only: the catch-up notifier's thread loads this file
 * without the parent's path aliases (see spawnThread).
 */

export const PROJECTION_QUEUE = 'indaga-projections';

/** A notification waits at most this long for the Redis connection, then fails (the sweeper sends it again). */
export const READY_WAIT_MS = 1_000;

export interface CatchUpJobOptions {
  attempts?: number;
  backoffMs?: number;
}

/**
 * One catch-up job per network for `Queue.addBulk`, with a deterministic job
 * id, so a burst of writes to a network while its job waits becomes one job.
 * Completed jobs are removed so the id is free for the next burst.
 */
export function catchUpJobs(
  networkIds: readonly string[],
  options: CatchUpJobOptions = {},
): Array<{ name: 'catch-up'; data: { networkId: string }; opts: JobsOptions }> {
  return networkIds.map((networkId) => ({
    name: 'catch-up',
    data: { networkId },
    opts: {
      jobId: catchUpJobId(networkId),
      attempts: options.attempts ?? CATCH_UP_ATTEMPTS,
      backoff: { type: 'exponential', delay: options.backoffMs ?? CATCH_UP_BACKOFF_MS },
      removeOnComplete: true,
      removeOnFail: true,
    },
  }));
}

/** Resolves once `connection` is ready, waiting at most READY_WAIT_MS (commands would otherwise wait for ever). */
export async function whenReady(connection: {
  status: string;
  once(event: 'ready', listener: () => void): unknown;
  off(event: 'ready', listener: () => void): unknown;
}): Promise<void> {
  if (connection.status === 'ready') return;
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => {
      connection.off('ready', onReady);
      reject(new Error(`redis is not connected (${connection.status})`));
    }, READY_WAIT_MS);
    const onReady = () => {
      clearTimeout(timer);
      resolve();
    };
    connection.once('ready', onReady);
  });
}
