import { network, school, session } from '../support/fixtures';
import { ADMIN_TOKEN, STORE_KINDS, startTestApp, TestApp } from '../support/test-app';

type Who = 'admin' | 'analyst' | 'own network' | 'other network' | 'revoked' | 'nobody';
/** `ok`: the exact status an allowed caller gets (a 500 is not "allowed"). `:revocable` is a token issued for the row. */
type Route = { name: string; method: 'get' | 'post' | 'put' | 'delete'; url: string; body?: object; ok: number };

const OWN = 'red-propia';
const OTHER = 'red-ajena';

/** Every route group of SPEC section 3 against every role: allowed means the route's own success status. */
const ROUTES: Array<[Route, Who[]]> = [
  [{ name: 'issue a token', method: 'post', url: '/v1/tokens', body: { role: 'analyst' }, ok: 201 }, ['admin']],
  [{ name: 'revoke a token', method: 'delete', url: '/v1/tokens/:revocable', ok: 204 }, ['admin']],
  [{ name: 'register a network', method: 'post', url: '/v1/networks', body: network('red-nueva'), ok: 201 }, ['admin']],
  [
    {
      name: 'write to a network',
      method: 'post',
      url: `/v1/networks/${OWN}/sessions`,
      body: session({ schoolsPresent: ['10123'] }),
      ok: 201,
    },
    ['admin', 'own network'],
  ],
  [
    {
      name: 'correct a session',
      method: 'put',
      url: `/v1/networks/${OWN}/sessions/ses-roles`,
      body: { ...session({ schoolsPresent: ['10123'] }), reason: 'r' },
      ok: 200,
    },
    ['admin', 'own network'],
  ],
  [
    { name: 'read a network stream', method: 'get', url: `/v1/networks/${OWN}/events`, ok: 200 },
    ['admin', 'analyst', 'own network'],
  ],
  [
    { name: 'replay a network state', method: 'get', url: `/v1/networks/${OWN}/state?version=1`, ok: 200 },
    ['admin', 'analyst', 'own network'],
  ],
  [{ name: 'read the global log', method: 'get', url: '/v1/events', ok: 200 }, ['admin', 'analyst']],
  [
    { name: 'health', method: 'get', url: '/health', ok: 200 },
    ['admin', 'analyst', 'own network', 'other network', 'revoked', 'nobody'],
  ],
];
const EVERYONE: Who[] = ['admin', 'analyst', 'own network', 'other network', 'revoked', 'nobody'];

describe.each(STORE_KINDS)('roles against routes (%s)', (kind) => {
  let t: TestApp;
  const tokens: Partial<Record<Who, string>> = { admin: ADMIN_TOKEN };
  let revocable = '';

  beforeAll(async () => {
    t = await startTestApp(kind);
    for (const id of [OWN, OTHER]) {
      await t.admin().post('/v1/networks').send(network(id)).expect(201);
      await t.admin().post(`/v1/networks/${id}/schools`).send(school('10123')).expect(201);
    }
    const issue = async (body: object) => (await t.admin().post('/v1/tokens').send(body).expect(201)).body;
    tokens.analyst = (await issue({ role: 'analyst', label: 'Centro de Estudios' })).token;
    tokens['own network'] = (await issue({ role: 'network', networkId: OWN })).token;
    tokens['other network'] = (await issue({ role: 'network', networkId: OTHER })).token;
    const revoked = await issue({ role: 'admin' });
    await t.admin().delete(`/v1/tokens/${revoked.id}`).expect(204);
    tokens.revoked = revoked.token;
    await t
      .admin()
      .post(`/v1/networks/${OWN}/sessions`)
      .send(session({ sessionId: 'ses-roles', schoolsPresent: ['10123'] }))
      .expect(201);
    revocable = (await issue({ role: 'analyst', label: 'para revocar' })).id;
  });
  afterAll(() => t.close());

  const table = ROUTES.flatMap(([route, allowed]) =>
    EVERYONE.map((who) => [route.name, who, allowed.includes(who), route] as const),
  );

  it.each(table)('%s as %s: allowed=%s', async (_name, who, allowed, route) => {
    const token = tokens[who];
    const url = route.url.replace(':revocable', revocable);
    const req = token ? t.as(token)[route.method](url) : t.http()[route.method](url);
    const res = await (route.body ? req.send(route.body) : req);
    if (allowed) {
      expect({ status: res.status, body: res.body }).toEqual({ status: route.ok, body: expect.anything() });
    } else {
      const expected =
        who === 'nobody' ? [401, 'AUTH.MISSING'] : who === 'revoked' ? [401, 'AUTH.INVALID'] : [403, 'AUTH.FORBIDDEN'];
      expect([res.status, res.body.code]).toEqual(expected);
    }
  });

  it('a token is shown once, stored only as a hash, and revocation is immediate', async () => {
    const issued = (await t.admin().post('/v1/tokens').send({ role: 'network', networkId: OWN }).expect(201)).body;
    expect(issued).toEqual({
      id: expect.any(String),
      token: expect.stringMatching(/^idg_/),
      role: 'network',
      networkId: OWN,
    });
    await t.as(issued.token).get(`/v1/networks/${OWN}/events`).expect(200);
    await t.admin().delete(`/v1/tokens/${issued.id}`).expect(204);
    const after = await t.as(issued.token).get(`/v1/networks/${OWN}/events`);
    expect(after.status).toBe(401);
    await t.admin().delete(`/v1/tokens/${issued.id}`).expect(404);
  });

  it('validates token requests', async () => {
    const noNetwork = await t.admin().post('/v1/tokens').send({ role: 'network' });
    expect(noNetwork.status).toBe(400);
    expect(noNetwork.body.details.map((d: { field: string }) => d.field)).toEqual(['networkId']);
    const badRole = await t.admin().post('/v1/tokens').send({ role: 'root' });
    expect(badRole.body.details.map((d: { field: string }) => d.field)).toEqual(['role']);
  });
});

describe('an INDAGA_ADMIN_TOKEN shaped like an issued token (sqlite)', () => {
  // The guard skips the admin comparison for issued-looking tokens only when the admin token cannot be one.
  const shaped = `idg_operaciones_${'A'.repeat(43)}`;
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp('sqlite', { INDAGA_ADMIN_TOKEN: shaped });
  });
  afterAll(() => t.close());

  it('is still the admin, and issued tokens (and one secret off) are judged by their rows', async () => {
    await t.as(shaped).post('/v1/networks').send(network(OWN)).expect(201);
    const issued = (await t.as(shaped).post('/v1/tokens').send({ role: 'analyst' }).expect(201)).body;
    await t.as(issued.token).get('/v1/events').expect(200);
    const forged = `${issued.token.slice(0, -1)}${issued.token.endsWith('A') ? 'B' : 'A'}`;
    expect((await t.as(forged).get('/v1/events')).body.code).toBe('AUTH.INVALID');
    expect((await t.as(`${shaped.slice(0, -1)}B`).get('/v1/events')).body.code).toBe('AUTH.INVALID');
  });
});
