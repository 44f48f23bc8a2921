/**
 * The catch-up notifier's thread (catch-up-notifier.ts): adds the catch-up
 * jobs the API's event loop hands it, on a Redis connection of its own.
 * Relative imports only (see spawnThread).
 */
import { parentPort, workerData } from 'node:worker_threads';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { catchUpJobs, PROJECTION_QUEUE, whenReady } from './catch-up-jobs';
import type { FromNotifier, NotifierData, ToNotifier } from './catch-up-notifier-wire';

const { redisUrl, prefix, attempts, backoffMs } = workerData as NotifierData;
const port = parentPort!;
const connection = new Redis(redisUrl, { maxRetriesPerRequest: null });
connection.on('error', () => undefined); // the API's own connection reports the same outage
const queue = new Queue(PROJECTION_QUEUE, { connection, prefix });
queue.on('error', () => undefined);
const answer = (message: FromNotifier) => port.postMessage(message);

port.on('message', (message: ToNotifier) => {
  if (message.type === 'close') {
    void queue
      .close()
      .catch(() => undefined)
      .then(() => connection.disconnect())
      .finally(() => port.close());
    return;
  }
  whenReady(connection)
    .then(() => queue.addBulk(catchUpJobs(message.networkIds, { attempts, backoffMs })))
    .then(
      () => answer({ id: message.id, ok: true }),
      (error: Error) => answer({ id: message.id, ok: false, message: error.message }),
    );
});
