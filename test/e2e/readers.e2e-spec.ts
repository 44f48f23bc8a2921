import { network, school, session } from '../support/fixtures';
import { startTestApp, TestApp } from '../support/test-app';

/** What readers meet: region filter without case or accents, token listing, explanations in Spanish. */
describe('region filter, token list and explanations in Spanish', () => {
  let t: TestApp;
  const id = 'red-lectores';
  const base = `/v1/networks/${id}`;
  let version = 0;

  beforeAll(async () => {
    t = await startTestApp('sqlite');
    await t
      .admin()
      .post('/v1/networks')
      .send(network(id, { region: 'Ñuble' }))
      .expect(201);
    await t
      .admin()
      .post('/v1/networks')
      .send(network('red-maule-x', { region: 'Maule' }))
      .expect(201);
    for (const s of ['10123', '10456']) await t.admin().post(`${base}/schools`).send(school(s)).expect(201);
    version = (await t.admin().post(`${base}/sessions`).send(session()).expect(201)).body.version;
    // The overview is built in process, a moment after the writes.
    for (let i = 0; i < 100; i++) {
      const all = (await t.admin().get('/v1/overview').expect(200)).body.networks as Array<{ version: number }>;
      if (all.length === 2 && all.every((n) => n.version > 0)) break;
      await new Promise((r) => setTimeout(r, 50));
    }
  });
  afterAll(() => t.close());

  it.each(['Ñuble', 'ñuble', 'nuble', 'NUBLE', ' Ñuble '])('?region=%s finds the network in Ñuble only', async (q) => {
    const res = await t
      .admin()
      .get(`/v1/overview?region=${encodeURIComponent(q)}`)
      .expect(200);
    expect(res.body.networks.map((n: { networkId: string }) => n.networkId)).toEqual([id]);
  });

  it('?region= of another region finds none of Ñuble', async () => {
    const res = await t.admin().get('/v1/overview?region=maule').expect(200);
    expect(res.body.networks.map((n: { networkId: string }) => n.networkId)).toEqual(['red-maule-x']);
  });

  it('GET /v1/tokens lists tokens without secrets, admin only', async () => {
    const issued = (
      await t.admin().post('/v1/tokens').send({ role: 'network', networkId: id, label: 'UTP Los Aromos' }).expect(201)
    ).body;
    const analyst = (await t.admin().post('/v1/tokens').send({ role: 'analyst' }).expect(201)).body;
    await t.admin().delete(`/v1/tokens/${analyst.id}`).expect(204);
    const res = await t.admin().get('/v1/tokens').expect(200);
    const byId = new Map(res.body.map((r: { id: string }) => [r.id, r]));
    expect(byId.get(issued.id)).toEqual({
      id: issued.id,
      role: 'network',
      networkId: id,
      label: 'UTP Los Aromos',
      createdAt: expect.any(String),
      revoked: false,
      revokedAt: null,
    });
    expect(byId.get(analyst.id)).toMatchObject({ role: 'analyst', revoked: true, revokedAt: expect.any(String) });
    expect(JSON.stringify(res.body)).not.toContain(issued.token.split('_').pop());
    expect(JSON.stringify(res.body)).not.toMatch(/secret|hash/i);
    await t.as(issued.token).get('/v1/tokens').expect(403);
  });

  it('explains each period in Spanish when Accept-Language prefers Spanish, in English otherwise', async () => {
    const path = `${base}/trajectory?minVersion=${version}`;
    const en = await t.admin().get(path).expect(200);
    expect(en.headers['content-language']).toBe('en');
    const es = await t.admin().get(path).set('Accept-Language', 'es-CL,es;q=0.9,en;q=0.8').expect(200);
    expect(es.headers['content-language']).toBe('es');
    expect(es.headers.vary).toMatch(/accept-language/i);
    const withMinutes = es.body.periods.findIndex((p: { level: string | null }) => p.level !== null);
    expect(withMinutes).toBeGreaterThanOrEqual(0);
    expect(es.body.periods[withMinutes].explanation).toMatch(/^(Informativo|Colaborativo|Cooperativo): el /);
    expect(en.body.periods[withMinutes].explanation).toMatch(/^(Informative|Collaborative|Cooperative): /);
    // Everything but the sentences is the same answer.
    const strip = (b: { periods: object[] }) => ({ ...b, periods: b.periods.map((p) => ({ ...p, explanation: '' })) });
    expect(strip(es.body)).toEqual(strip(en.body));
    const preferEnglish = await t.admin().get(path).set('Accept-Language', 'es;q=0.3, en;q=0.9').expect(200);
    expect(preferEnglish.body.periods[withMinutes].explanation).toBe(en.body.periods[withMinutes].explanation);
    const state = await t.admin().get(`${base}/state`).set('Accept-Language', 'es').expect(200);
    expect(state.body.trajectory.periods[withMinutes].explanation).toBe(es.body.periods[withMinutes].explanation);
  });
});
