import { randomBytes } from 'node:crypto';
import { ADMIN_TOKEN, startTestApp, TestApp } from '../support/test-app';

const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const basic = (password: string) => `Basic ${Buffer.from(`admin:${password}`).toString('base64')}`;

/** Bull Board at /admin/queues: admin only (page, assets and API), read-only by default, only with Redis. */
describe('queue board', () => {
  let t: TestApp;
  let analyst: string;
  beforeAll(async () => {
    t = await startTestApp('sqlite', { REDIS_URL, INDAGA_QUEUE_PREFIX: `e2e-qb-${randomBytes(4).toString('hex')}` });
    analyst = (await t.admin().post('/v1/tokens').send({ role: 'analyst' }).expect(201)).body.token;
  });
  afterAll(() => t.close());

  it.each(['/admin/queues', '/admin/queues/api/queues', '/admin/queues/static/favicon-32x32.png'])(
    '%s: 401 without a token (asking the browser for credentials), 403 for an analyst',
    async (path) => {
      const none = await t.http().get(path).expect(401);
      expect(none.body.code).toBe('AUTH.MISSING');
      expect(none.headers['www-authenticate']).toMatch(/^Basic realm="indaga queues"/);
      expect(
        (
          await t
            .http()
            .get(path)
            .set('Authorization', 'Bearer idg_nope_' + 'z'.repeat(43))
        ).body.code,
      ).toBe('AUTH.INVALID');
      const forbidden = await t.as(analyst).get(path).expect(403);
      expect(forbidden.body.code).toBe('AUTH.FORBIDDEN');
    },
  );

  it('the admin token opens the page as a Bearer header or as a browser’s Basic password', async () => {
    const page = await t.admin().get('/admin/queues').expect(200);
    expect(page.text).toContain('indaga queues');
    await t.http().get('/admin/queues').set('Authorization', basic(ADMIN_TOKEN)).expect(200);
    await t.admin().get('/admin/queues/static/favicon-32x32.png').expect(200);
    const api = await t.admin().get('/admin/queues/api/queues').expect(200);
    const [queue] = api.body.queues;
    expect(queue.name).toBe('indaga-projections');
    expect(queue.readOnlyMode).toBe(true);
  });

  it('read-only: actions are refused', async () => {
    const res = await t.admin().put('/admin/queues/api/queues/indaga-projections/clean/completed');
    expect(res.status).toBe(405);
    expect(JSON.stringify(res.body)).toContain('QUEUE_READ_ONLY');
  });
});

describe('queue board without Redis', () => {
  it('is not mounted (there is no queue)', async () => {
    const t = await startTestApp('sqlite');
    try {
      expect((await t.admin().get('/admin/queues')).status).toBe(404);
    } finally {
      await t.close();
    }
  });
});
