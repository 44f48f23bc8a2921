import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ServiceProcess, startService } from './support/service-process';
import { sleep, sparePort } from './support/spare-port';
import { ADMIN_TOKEN, WriteLoad } from './support/write-load';

/**
 * REDIS_URL pointing at a port nobody listens on (Redis never came up): the
 * API still answers writes, /health answers within its per-check timeout
 * naming redis, the log is not flooded with "[ioredis] Unhandled error event",
 * and SIGTERM ends the API and the worker within a bound.
 */
describe('Redis unreachable from the start (sqlite + BullMQ)', () => {
  let dir: string;
  let api: ServiceProcess;
  let worker: ServiceProcess;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'indaga-fault-redis-down-'));
    const env = {
      INDAGA_STORE: 'sqlite',
      INDAGA_SQLITE_PATH: join(dir, 'indaga.db'),
      REDIS_URL: `redis://127.0.0.1:${await sparePort()}`,
      INDAGA_ADMIN_TOKEN: ADMIN_TOKEN,
    };
    [api, worker] = await Promise.all([startService('api', env), startService('worker', env)]);
  }, 120_000);

  afterAll(async () => {
    await api?.stop(5_000);
    await worker?.stop(5_000);
    rmSync(dir, { recursive: true, force: true });
  });

  it('writes succeed, /health answers 503 naming redis, no error spam, SIGTERM ends both processes', async () => {
    const load = new WriteLoad(() => api.url, ['red-sin-redis']);
    await load.prepare();
    load.start();
    await sleep(2_000);
    await load.stop();
    expect(load.stats.acknowledged.length).toBeGreaterThan(0);
    expect(load.stats.wrongAnswers).toEqual([]);

    const health = await fetch(`${api.url}/health`, { signal: AbortSignal.timeout(10_000) });
    expect(health.status).toBe(503);
    const body = (await health.json()) as { message: string };
    expect(body).toMatchObject({ code: 'HEALTH.DOWN', checks: { store: { status: 'up' }, redis: { status: 'down' } } });
    expect(body.message).toContain('redis');
    const live = await fetch(`${api.url}/health/live`, { signal: AbortSignal.timeout(10_000) });
    expect(live.status).toBe(200);

    const output = api.output() + worker.output();
    expect(output).not.toContain('Unhandled error event');
    // Bounds of the shutdown itself (5 s per Redis step), far below the 30 s after which the test kills.
    expect(await api.stop(30_000)).toBeLessThan(20_000);
    expect(await worker.stop(30_000)).toBeLessThan(20_000);
    expect([api.unexpectedExit(), worker.unexpectedExit()]).toEqual([undefined, undefined]);
  });
});
