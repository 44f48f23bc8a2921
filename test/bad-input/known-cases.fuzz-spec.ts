import { connect } from 'node:net';
import { EVENT_STORE, EventStore } from '@indaga/event-store';
import { network } from '../support/fixtures';
import { STORE_KINDS, startTestApp, TestApp } from '../support/test-app';

/** Raw bytes to the listening app (for requests no HTTP client would send); answers the status line and body. */
function raw(port: number, request: string | Buffer): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1');
    let data = '';
    socket.setTimeout(10_000, () => socket.destroy(new Error('no answer in 10 s')));
    socket.on('data', (chunk) => (data += chunk.toString('latin1')));
    socket.on('error', reject);
    socket.on('close', () => {
      const status = Number(/^HTTP\/1\.1 (\d{3})/.exec(data)?.[1] ?? 0);
      resolve({ status, body: data.slice(data.indexOf('\r\n\r\n') + 4) });
    });
    socket.write(request);
  });
}

const errorShape = (status: number) => ({
  statusCode: status,
  code: expect.stringMatching(/^[A-Z_]+\.[A-Z_]+$/),
  message: expect.any(String),
  correlationId: expect.any(String),
});

/** Issue 9's reproductions, each once, on both stores: every one was a 500 or an answer outside the error shape. */
describe.each(STORE_KINDS)('known bad inputs (%s)', (kind) => {
  let t: TestApp;
  let store: EventStore;
  let port: number;

  beforeAll(async () => {
    t = await startTestApp(kind);
    store = t.app.get<EventStore>(EVENT_STORE);
    await t.app.listen(0, '127.0.0.1');
    port = (t.app.getHttpServer().address() as { port: number }).port;
    await t.admin().post('/v1/networks').send(network('red-casos')).expect(201);
  });
  afterAll(() => t.close());

  const deep = (depth: number) => `{"networkId":"red-honda","nested":${'['.repeat(depth)}${']'.repeat(depth)}}`;

  it.each([3_000, 100_000])(
    'JSON nested %i levels deep is a 400 naming the field, and writes nothing',
    async (depth) => {
      const before = await store.headPosition();
      const res = await t.admin().post('/v1/networks').set('content-type', 'application/json').send(deep(depth));
      expect(res.status).toBe(400);
      expect(res.body).toMatchObject({ ...errorShape(400), code: 'VALIDATION.FAILED' });
      expect(res.body.details[0].field).toMatch(/^nested/);
      expect(await store.headPosition()).toBe(before);
    },
  );

  it.each([
    '/v1/networks/red-casos/events?fromVersion=9007199254740993',
    '/v1/networks/red-casos/events?fromVersion=3000000000',
    '/v1/events?after=1e20',
    '/v1/events?after=9007199254740993',
    '/v1/networks/red-casos/state?version=1e20',
  ])('%s: a number past 2^53 (or past the column) is a 400, never a 500', async (url) => {
    const res = await t.admin().get(url);
    expect(res.status).toBeLessThan(500);
    if (res.status >= 400) expect(res.body).toMatchObject(errorShape(res.status));
  });

  it('a NUL character in a body string, a path parameter or a query is a 400', async () => {
    const label = await t.admin().post('/v1/tokens').send({ role: 'analyst', label: 'a\u0000b' });
    expect(label.status).toBe(400);
    expect(label.body).toMatchObject({ ...errorShape(400), details: [{ field: 'label' }] });
    const param = await t.admin().delete('/v1/tokens/%00');
    expect(param.status).toBe(400);
    expect(param.body).toMatchObject(errorShape(400));
    const query = await t.admin().get('/v1/overview?region=%00');
    expect(query.status).toBe(400);
    expect(query.body).toMatchObject({ ...errorShape(400), details: [{ field: 'region' }] });
  });

  it.each(['constructor', 'prototype', 'toString', 'hasOwnProperty', 'valueOf', '__proto__', 'isPrototypeOf'])(
    'an unknown field named %s is refused, not dropped',
    async (key) => {
      const before = await store.headPosition();
      const body = `{"networkId":"red-proto","name":"Red","region":"Maule","commune":"Talca","registeredOn":"2016-03-01",${JSON.stringify(key)}:1}`;
      const res = await t.admin().post('/v1/networks').set('content-type', 'application/json').send(body);
      expect(res.status).toBe(400);
      expect(res.body).toMatchObject(errorShape(400));
      expect(await store.headPosition()).toBe(before);
    },
  );

  it("Node's own refusals (bad request line, headers too large) carry the error shape", async () => {
    const bad = await raw(port, 'GET /health HTTP/1.1\r\nHost: x\r\nBad Header\r\n\r\n');
    expect(bad.status).toBe(400);
    expect(JSON.parse(bad.body)).toMatchObject({ ...errorShape(400), code: 'REQUEST.MALFORMED' });
    const huge = await raw(port, `GET /health HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(20_000)}\r\n\r\n`);
    expect(huge.status).toBe(431);
    expect(JSON.parse(huge.body)).toMatchObject({ ...errorShape(431), code: 'REQUEST.HEADERS_TOO_LARGE' });
  });

  it('an unencoded non-ASCII query (?region=ñuble) is answered in the documented shape', async () => {
    const request = Buffer.concat([
      Buffer.from('GET /v1/overview?region='),
      Buffer.from('ñuble', 'utf8'),
      Buffer.from(
        ' HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer e2e-admin-token-0123456789\r\nConnection: close\r\n\r\n',
      ),
    ]);
    const res = await raw(port, request);
    expect(res.status).toBeLessThan(500);
    const body = JSON.parse(res.body.replace(/^[0-9a-f]+\r\n/, '').replace(/\r\n0\r\n\r\n$/, ''));
    if (res.status >= 400) expect(body).toMatchObject(errorShape(res.status));
    else expect(body).toMatchObject({ period: 'quarter' });
  });
});
