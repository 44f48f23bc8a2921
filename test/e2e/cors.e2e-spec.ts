import { startTestApp, TestApp } from '../support/test-app';

const NOTEBOOK = 'https://cuadernos.ejemplo.cl';

/** INDAGA_CORS_ORIGINS: browser scripts on the listed origins may call the API and read its headers. */
describe('CORS with INDAGA_CORS_ORIGINS', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp('sqlite', { INDAGA_CORS_ORIGINS: `${NOTEBOOK}, http://localhost:8888` });
  });
  afterAll(() => t.close());

  it('answers the preflight of a write from a listed origin', async () => {
    const res = await t
      .http()
      .options('/v1/networks/red-x/sessions')
      .set('Origin', NOTEBOOK)
      .set('Access-Control-Request-Method', 'POST')
      .set('Access-Control-Request-Headers', 'authorization, content-type, idempotency-key, if-match');
    expect(res.status).toBe(204);
    expect(res.headers['access-control-allow-origin']).toBe(NOTEBOOK);
    expect(res.headers['access-control-allow-methods']).toContain('POST');
    expect(res.headers['access-control-allow-headers'].toLowerCase()).toContain('idempotency-key');
    expect(res.headers['access-control-allow-headers'].toLowerCase()).toContain('if-match');
  });

  it('lets the listed origin read ETag, Retry-After, X-Correlation-Id and Idempotent-Replayed', async () => {
    const res = await t.admin().get('/v1/networks').set('Origin', NOTEBOOK).expect(200);
    expect(res.headers['access-control-allow-origin']).toBe(NOTEBOOK);
    const exposed = res.headers['access-control-expose-headers'].toLowerCase().split(/,\s*/);
    expect(exposed).toEqual(expect.arrayContaining(['etag', 'retry-after', 'x-correlation-id', 'idempotent-replayed']));
  });

  it('gives no CORS header to an origin not listed', async () => {
    const res = await t.admin().get('/v1/networks').set('Origin', 'https://otro.ejemplo.cl').expect(200);
    expect(res.headers['access-control-allow-origin']).toBeUndefined();
  });
});

describe('CORS by default', () => {
  it('is off: no Access-Control-* header for any origin', async () => {
    const t = await startTestApp('sqlite');
    try {
      const res = await t.admin().get('/v1/networks').set('Origin', NOTEBOOK).expect(200);
      expect(res.headers['access-control-allow-origin']).toBeUndefined();
      const preflight = await t
        .http()
        .options('/v1/networks')
        .set('Origin', NOTEBOOK)
        .set('Access-Control-Request-Method', 'POST');
      expect(preflight.headers['access-control-allow-origin']).toBeUndefined();
    } finally {
      await t.close();
    }
  });
});
