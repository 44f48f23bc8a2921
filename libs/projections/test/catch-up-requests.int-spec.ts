import { randomBytes } from 'node:crypto';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { BullMqScheduler, PROJECTION_QUEUE } from '../src/runner/bullmq-scheduler';
import { CatchUpPump, catchUpRequestsKey, pushCatchUpRequests } from '../src/runner/catch-up-requests';
import { catchUpJobId } from '../src/runner/scheduler.port';

const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';

/** Real Redis: the requests API instances leave and the workers' pump turns into jobs. */
describe('catch-up requests (redis)', () => {
  let redis: Redis;
  let prefix: string;
  const closing: Array<() => Promise<unknown>> = [];

  beforeAll(() => {
    redis = new Redis(REDIS_URL, { maxRetriesPerRequest: null });
  });
  beforeEach(() => {
    prefix = `it-${randomBytes(4).toString('hex')}`;
  });
  afterEach(async () => {
    for (const close of closing.splice(0).reverse()) await close();
    const keys = await redis.keys(`${prefix}:*`);
    if (keys.length) await redis.del(...keys);
  });
  afterAll(async () => {
    await redis.quit();
  });

  /** A connection of its own, quit after the test (BullMQ does not close a connection it was given). */
  const connection = () => {
    const c = redis.duplicate();
    closing.push(() => c.quit().catch(() => undefined));
    return c;
  };
  const scheduler = () => {
    const s = new BullMqScheduler(connection(), { prefix });
    closing.push(() => s.close());
    return s;
  };

  it("sends one event-loop turn's notifications as one request per network, on the next turn", async () => {
    const s = scheduler();
    const key = catchUpRequestsKey(prefix);
    const sent = [s.notify('red-a'), s.notify('red-b'), s.notify('red-a')];
    expect(await redis.llen(key)).toBe(0); // nothing yet: the turn is still gathering
    await Promise.all(sent);
    expect(await redis.lrange(key, 0, -1)).toEqual(['red-a', 'red-b']);
    await s.notify('red-a');
    expect(await redis.lrange(key, 0, -1)).toEqual(['red-a', 'red-b', 'red-a']);
  });

  it('sends the notifications made while a push is on its way together, in the next push', async () => {
    const c = connection();
    let pushes = 0;
    const rpush = c.rpush.bind(c) as (...args: unknown[]) => Promise<number>;
    // A slow Redis: each push takes 50 ms to go out.
    (c as unknown as { rpush: typeof rpush }).rpush = async (...args) => {
      pushes++;
      await new Promise((resolve) => setTimeout(resolve, 50));
      return rpush(...args);
    };
    const s = new BullMqScheduler(c, { prefix });
    closing.push(() => s.close());
    await c.ping();
    const tick = () => new Promise((resolve) => setImmediate(resolve));
    const sent = [s.notify('red-a')];
    await tick();
    expect(pushes).toBe(1);
    // Three more turns while red-a's push is on its way: one push for all of them.
    for (const id of ['red-b', 'red-c', 'red-b']) {
      sent.push(s.notify(id));
      await tick();
    }
    await Promise.all(sent);
    expect(pushes).toBe(2);
    expect(await redis.lrange(catchUpRequestsKey(prefix), 0, -1)).toEqual(['red-a', 'red-b', 'red-c']);
  });

  it('keeps only the newest requests while nobody pops them', async () => {
    const key = catchUpRequestsKey(prefix);
    await pushCatchUpRequests(redis, prefix, ['n1', 'n2', 'n3'], 4);
    await pushCatchUpRequests(redis, prefix, ['n4', 'n5'], 4);
    expect(await redis.lrange(key, 0, -1)).toEqual(['n2', 'n3', 'n4', 'n5']);
  });

  it('the pump turns waiting and later requests into one job per network, and stops at once when closed', async () => {
    const s = scheduler();
    await Promise.all(['red-1', 'red-2', 'red-1', 'red-3'].map((id) => s.notify(id)));
    const enqueued: string[][] = [];
    const pump = new CatchUpPump(redis.duplicate(), prefix, async (ids) => {
      enqueued.push(ids);
      await s.enqueueCatchUps(ids);
    });
    const queue = new Queue(PROJECTION_QUEUE, { connection: connection(), prefix });
    closing.push(() => queue.close());
    const jobIds = async () => (await queue.getJobs(['waiting'])).map((j) => j.id).sort();
    for (const deadline = Date.now() + 5_000; (await jobIds()).length < 3 && Date.now() < deadline;)
      await new Promise((resolve) => setTimeout(resolve, 20));
    expect(await jobIds()).toEqual(['red-1', 'red-2', 'red-3'].map(catchUpJobId));
    expect(enqueued).toEqual([['red-1', 'red-2', 'red-3']]);
    // A request while the pump waits: popped at once; the job already waiting absorbs it.
    await s.notify('red-2');
    for (const deadline = Date.now() + 5_000; enqueued.length < 2 && Date.now() < deadline;)
      await new Promise((resolve) => setTimeout(resolve, 20));
    expect(enqueued).toEqual([['red-1', 'red-2', 'red-3'], ['red-2']]);
    expect(await jobIds()).toHaveLength(3);
    const started = Date.now();
    await pump.close(); // its pop waits up to 5 s for the next request; closing does not
    expect(Date.now() - started).toBeLessThan(1_000);
    expect(await redis.llen(catchUpRequestsKey(prefix))).toBe(0);
  });
});
