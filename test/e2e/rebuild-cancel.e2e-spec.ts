import { randomBytes } from 'node:crypto';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { PROJECTION_QUEUE } from '@indaga/projections';
import { createApp } from '../../apps/api/src/create-app';
import { network, school, session } from '../support/fixtures';
import { startTestApp, TestApp } from '../support/test-app';

const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';

/**
 * DELETE /v1/projections/:name/rebuild: a cancelled rebuild never switches in.
 * The API runs with INDAGA_ROLE=api (no worker), so the rebuild job waits in
 * the queue; it is cancelled there, and only then does a worker take it.
 */
describe('a cancelled rebuild (postgres, BullMQ)', () => {
  const prefix = `e2e-cancel-${randomBytes(4).toString('hex')}`;
  let t: TestApp;
  let worker: NestFastifyApplication | undefined;
  let redis: Redis;
  let queue: Queue;

  beforeAll(async () => {
    t = await startTestApp('postgres', { REDIS_URL, INDAGA_QUEUE_PREFIX: prefix, INDAGA_ROLE: 'api' });
    redis = new Redis(REDIS_URL, { maxRetriesPerRequest: null });
    queue = new Queue(PROJECTION_QUEUE, { connection: redis, prefix });
  });
  afterAll(async () => {
    await worker?.close();
    await t.close();
    await queue.obliterate({ force: true }).catch(() => undefined);
    await queue.close();
    await redis.quit();
  });

  const status = async (name: string) =>
    (await t.admin().get('/v1/projections').expect(200)).body.find((p: { name: string }) => p.name === name);

  it('is answered as cancelled, its job changes nothing, and the old generation keeps answering', async () => {
    await t.admin().post('/v1/networks').send(network('red-cancelada')).expect(201);
    await t.admin().post('/v1/networks/red-cancelada/schools').send(school('10123')).expect(201);
    await t
      .admin()
      .post('/v1/networks/red-cancelada/sessions')
      .send(session({ schoolsPresent: ['10123'] }))
      .expect(201);
    await t.admin().delete('/v1/projections/network-views/rebuild').expect(409);

    const before = await status('network-views');
    const started = await t.admin().post('/v1/projections/network-views/rebuild').expect(202);
    expect(await status('network-views')).toMatchObject({ status: 'rebuilding' });
    const cancelled = await t.admin().delete('/v1/projections/network-views/rebuild').expect(200);
    expect(cancelled.body).toEqual({
      projection: 'network-views',
      generation: started.body.generation,
      state: 'cancelled',
    });
    const again = await t.admin().delete('/v1/projections/network-views/rebuild');
    expect([again.status, again.body.code]).toEqual([409, 'PROJECTION.NO_REBUILD']);

    // A worker on the same store and queue takes the cancelled job (and catches the writes up).
    worker = await createApp({ ...t.config, role: 'worker' }, { docs: false });
    await worker.init();
    const deadline = Date.now() + 30_000;
    let state = await queue.getJobState(started.body.jobId);
    while (state !== 'completed' && state !== 'failed' && state !== 'unknown') {
      if (Date.now() > deadline) throw new Error(`the rebuild job is still ${state}`);
      await new Promise((r) => setTimeout(r, 50));
      state = await queue.getJobState(started.body.jobId);
    }
    const after = await status('network-views');
    expect(after.generation).toBe(before.generation);
    expect(after.rebuild).toMatchObject({ state: 'cancelled' });
    const view = await t.admin().get('/v1/networks/red-cancelada?minVersion=3');
    expect(view.status).toBe(200);
    expect(view.body).toMatchObject({ networkId: 'red-cancelada', sessions: 1, version: 3 });
  });
});
