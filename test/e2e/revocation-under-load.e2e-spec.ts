import { randomBytes } from 'node:crypto';
import request from 'supertest';
import { network } from '../support/fixtures';
import { ADMIN_TOKEN, startTestApp, type StoreKind, TestApp } from '../support/test-app';

const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';

/**
 * Token rows are cached per instance; revocation must still be immediate as a
 * client sees it: once DELETE /v1/tokens/:id has answered, no request with the
 * token succeeds on any instance, even with requests in flight on both while
 * it is revoked (each would otherwise refill its cache with the old row).
 */
// The load below is thousands of requests a minute from one address, most of them 401s after the
// revocation (charged to the per-IP budget): rate limits off, as they have their own e2e spec.
const NO_RATE_LIMITS = { INDAGA_RATE_LIMIT_PER_TOKEN: '0', INDAGA_RATE_LIMIT_PER_IP: '0' };

describe.each<[string, StoreKind, Record<string, string>]>([
  ['PostgreSQL LISTEN/NOTIFY', 'postgres', NO_RATE_LIMITS],
  [
    'Redis pub/sub',
    'sqlite',
    { ...NO_RATE_LIMITS, REDIS_URL, INDAGA_QUEUE_PREFIX: `e2e-${randomBytes(4).toString('hex')}` },
  ],
])('token revocation under load, two instances (%s)', (_, kind, env) => {
  let a: TestApp;
  let b: TestApp;
  const id = 'red-revocacion';

  beforeAll(async () => {
    a = await startTestApp(kind, env);
    b = await a.secondInstance();
    await a.admin().post('/v1/networks').send(network(id)).expect(201);
  });
  afterAll(() => a.close());

  it('after DELETE answers, no request with the token succeeds on either instance', async () => {
    const issued = (await a.admin().post('/v1/tokens').send({ role: 'network', networkId: id }).expect(201)).body;
    const servers = [a.app.getHttpServer(), b.app.getHttpServer()];
    const read = (i: number) =>
      request(servers[i % 2])
        .get(`/v1/networks/${id}/events`)
        .set('Authorization', `Bearer ${issued.token}`)
        .then((res) => res.status);
    // Both instances have the row cached.
    expect(await Promise.all([read(0), read(1)])).toEqual([200, 200]);

    const revoked = { at: Number.POSITIVE_INFINITY }; // when DELETE answered
    const lateSuccesses: number[] = [];
    let stop = false;
    // Four clients per instance keep requests in flight through the revocation.
    const clients = Array.from({ length: 8 }, async (_, i) => {
      let sent = 0;
      while (!stop) {
        const sentAt = performance.now();
        const status = await read(i);
        sent++;
        if (status === 200 && sentAt > revoked.at) lateSuccesses.push(status);
        if (status !== 200 && status !== 401) throw new Error(`unexpected status ${status}`);
      }
      return sent;
    });
    await new Promise((resolve) => setTimeout(resolve, 200));
    await request(servers[0])
      .delete(`/v1/tokens/${issued.id}`)
      .set('Authorization', `Bearer ${ADMIN_TOKEN}`)
      .expect(204);
    revoked.at = performance.now();
    await new Promise((resolve) => setTimeout(resolve, 300));
    stop = true;
    const sent = await Promise.all(clients);
    expect(sent.every((n) => n > 1)).toBe(true);
    expect(lateSuccesses).toEqual([]);
    expect(await Promise.all([read(0), read(1)])).toEqual([401, 401]);
  });

  it('still accepts a live token from the cache while other tokens are revoked', async () => {
    const keep = (await a.admin().post('/v1/tokens').send({ role: 'network', networkId: id }).expect(201)).body;
    const drop = (await a.admin().post('/v1/tokens').send({ role: 'network', networkId: id }).expect(201)).body;
    await b.as(keep.token).get(`/v1/networks/${id}/events`).expect(200);
    await b.as(drop.token).get(`/v1/networks/${id}/events`).expect(200);
    await b.admin().delete(`/v1/tokens/${drop.id}`).expect(204);
    await a.as(drop.token).get(`/v1/networks/${id}/events`).expect(401);
    await b.as(keep.token).get(`/v1/networks/${id}/events`).expect(200);
  });
});
