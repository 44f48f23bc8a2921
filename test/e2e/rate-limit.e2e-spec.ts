import { randomBytes } from 'node:crypto';
import type { Response } from 'supertest';
import { startTestApp, TestApp } from '../support/test-app';

const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';

function expectLimited(res: Response): void {
  expect(res.status).toBe(429);
  const retryAfter = Number(res.headers['retry-after']);
  expect(Number.isInteger(retryAfter) && retryAfter >= 1 && retryAfter <= 60).toBe(true);
  expect(res.body).toEqual({
    statusCode: 429,
    code: 'RATE.LIMITED',
    message: expect.stringContaining('retry after'),
    correlationId: res.headers['x-correlation-id'],
  });
}

/** SPEC 3: 429 when rate-limited, per token and per IP before authentication. */
describe('rate limits (one instance, counted in process)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp('sqlite', { INDAGA_RATE_LIMIT_PER_TOKEN: '4', INDAGA_RATE_LIMIT_PER_IP: '3' });
  });
  afterAll(() => t.close());

  it('a token past its budget gets 429 with Retry-After and the error body; another token is not affected', async () => {
    const analyst = (await t.admin().post('/v1/tokens').send({ role: 'analyst' }).expect(201)).body.token as string;
    for (let i = 0; i < 3; i++) await t.admin().get('/v1/networks').expect(200);
    expectLimited(await t.admin().get('/v1/networks'));
    await t.as(analyst).get('/v1/networks').expect(200);
  });

  it('requests without a valid token are counted per address before authentication', async () => {
    await t.http().get('/health').expect(200);
    await t.http().get('/v1/networks').expect(401);
    await t
      .as('idg_guess_' + 'x'.repeat(43))
      .get('/v1/networks')
      .expect(401);
    expectLimited(await t.as('idg_guess2_' + 'y'.repeat(43)).get('/v1/networks'));
    expectLimited(await t.http().get('/health'));
  });
});

describe('rate limits off', () => {
  it('0 turns both budgets off', async () => {
    const t = await startTestApp('sqlite', { INDAGA_RATE_LIMIT_PER_TOKEN: '0', INDAGA_RATE_LIMIT_PER_IP: '0' });
    try {
      for (let i = 0; i < 8; i++) await t.http().get('/health').expect(200);
    } finally {
      await t.close();
    }
  });
});

/** Two API instances behind a load balancer enforce one budget through Redis. */
describe('rate limits shared through Redis by two instances', () => {
  let a: TestApp;
  let b: TestApp;
  beforeAll(async () => {
    a = await startTestApp('sqlite', {
      REDIS_URL,
      INDAGA_QUEUE_PREFIX: `e2e-rl-${randomBytes(4).toString('hex')}`,
      INDAGA_RATE_LIMIT_PER_TOKEN: '4',
    });
    b = await a.secondInstance();
  });
  afterAll(() => a.close());

  it('a token’s requests on either instance draw on one budget', async () => {
    await a.admin().get('/v1/networks').expect(200);
    await b.admin().get('/v1/networks').expect(200);
    await a.admin().get('/v1/networks').expect(200);
    await b.admin().get('/v1/networks').expect(200);
    expectLimited(await a.admin().get('/v1/networks'));
    expectLimited(await b.admin().get('/v1/networks'));
  });
});
