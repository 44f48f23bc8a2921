import { randomBytes } from 'node:crypto';
import type { Worker } from 'node:worker_threads';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { BullMqScheduler, PROJECTION_QUEUE } from '../src/runner/bullmq-scheduler';
import { CatchUpNotifier } from '../src/runner/catch-up-notifier';
import { CATCH_UP_ATTEMPTS, catchUpJobId } from '../src/runner/scheduler.port';

const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';

/** Real Redis: the API's catch-up jobs, added on the notifier's thread. */
describe('catch-up notifier thread (redis)', () => {
  let redis: Redis;
  let prefix: string;
  let queue: Queue;
  const closing: Array<() => Promise<unknown>> = [];

  beforeAll(() => {
    redis = new Redis(REDIS_URL, { maxRetriesPerRequest: null });
  });
  beforeEach(() => {
    prefix = `it-${randomBytes(4).toString('hex')}`;
    queue = new Queue(PROJECTION_QUEUE, { connection: redis, prefix });
  });
  afterEach(async () => {
    for (const close of closing.splice(0).reverse()) await close();
    await queue.close();
    const keys = await redis.keys(`${prefix}:*`);
    if (keys.length) await redis.del(...keys);
  });
  afterAll(async () => {
    await redis.quit();
  });

  const scheduler = (redisUrl = REDIS_URL) => {
    const connection = redis.duplicate();
    const notifier = CatchUpNotifier.start({ redisUrl, prefix });
    const s = new BullMqScheduler(connection, { prefix, notifier });
    closing.push(async () => {
      await s.close();
      await connection.quit();
    });
    return { s, notifier };
  };
  const waitingIds = async () => (await queue.getJobs(['waiting'])).map((j) => j.id).sort();

  it('adds one job per network notified, with the catch-up options, from its thread', async () => {
    const { s } = scheduler();
    await Promise.all(['red-1', 'red-2', 'red-1'].map((id) => s.notify(id)));
    await s.notify('red-3');
    expect(await waitingIds()).toEqual(['red-1', 'red-2', 'red-3'].map(catchUpJobId));
    const job = await queue.getJob(catchUpJobId('red-1'));
    expect(job?.data).toEqual({ networkId: 'red-1' });
    expect(job?.opts.attempts).toBe(CATCH_UP_ATTEMPTS);
  });

  it('adds the jobs itself once the thread is gone', async () => {
    const { s, notifier } = scheduler();
    await s.notify('red-antes');
    await (notifier as unknown as { worker: Worker }).worker.terminate();
    await s.notify('red-despues');
    expect(await waitingIds()).toEqual(['red-antes', 'red-despues'].map(catchUpJobId));
  });

  it('refuses a notification within seconds when its Redis is unreachable, and still closes', async () => {
    const { s } = scheduler('redis://127.0.0.1:1');
    const started = Date.now();
    await expect(s.notify('red-sin-redis')).rejects.toThrow(/redis is not connected/);
    expect(Date.now() - started).toBeLessThan(3_000);
    expect(await waitingIds()).toEqual([]);
  });
});
