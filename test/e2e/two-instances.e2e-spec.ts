import { network, school, session } from '../support/fixtures';
import { STORE_KINDS, startTestApp, TestApp } from '../support/test-app';

/**
 * Two API instances on one store, as two processes behind a load balancer
 * would be. Each decides on its own cached state without reading the store
 * first; whatever that state could get wrong is confirmed on fresh state.
 */
describe.each(STORE_KINDS)('two API instances on one store (%s)', (kind) => {
  let a: TestApp;
  let b: TestApp;
  const id = 'red-dos-instancias';
  const base = `/v1/networks/${id}`;
  const versionOf = async (t: TestApp) =>
    (await t.admin().get(`${base}/events?limit=1000`).expect(200)).body.events.length as number;

  beforeAll(async () => {
    a = await startTestApp(kind);
    b = await a.secondInstance();
    await a.admin().post('/v1/networks').send(network(id)).expect(201);
    await a.admin().post(`${base}/schools`).send(school('10123')).expect(201);
    await a.admin().post(`${base}/schools`).send(school('10456')).expect(201);
    // b caches the network at version 3.
    await b.admin().post(`${base}/sessions`).send(session()).expect(201);
  });
  afterAll(() => a.close());

  it('a write on a stale cache lands after the other instance’s, at the next version', async () => {
    const first = await a
      .admin()
      .post(`${base}/sessions`)
      .send(session({ heldOn: '2016-05-03' }))
      .expect(201);
    const second = await b
      .admin()
      .post(`${base}/sessions`)
      .send(session({ heldOn: '2016-05-04' }))
      .expect(201);
    expect(second.body.version).toBe(first.body.version + 1);
    expect(await versionOf(a)).toBe(second.body.version);
  });

  it('a refusal that only the stale cache would make is not made', async () => {
    await a.admin().post(`${base}/schools`).send(school('10789')).expect(201);
    // b's cache does not know 10789 joined; the store does.
    const res = await b
      .admin()
      .post(`${base}/sessions`)
      .send(session({ schoolsPresent: ['10789'], heldOn: '2016-05-05' }));
    expect(res.status).toBe(201);
    const refused = await b
      .admin()
      .post(`${base}/sessions`)
      .send(session({ schoolsPresent: ['99999'], heldOn: '2016-05-05' }));
    expect(refused.status).toBe(422);
    expect(refused.body.code).toBe('SCHOOL.NOT_MEMBER');
  });

  it('If-Match is compared with the store’s version, not the cached one', async () => {
    const latest = await a
      .admin()
      .post(`${base}/sessions`)
      .send(session({ heldOn: '2016-05-06' }))
      .expect(201);
    const ok = await b
      .admin()
      .post(`${base}/sessions`)
      .set('If-Match', latest.headers.etag)
      .send(session({ heldOn: '2016-05-07' }));
    expect(ok.status).toBe(201);
    expect(ok.body.version).toBe(latest.body.version + 1);
    const stale = await b
      .admin()
      .post(`${base}/sessions`)
      .set('If-Match', latest.headers.etag)
      .send(session({ heldOn: '2016-05-08' }));
    expect(stale.status).toBe(412);
    expect(stale.body.code).toBe('VERSION.MISMATCH');
  });

  it('an Idempotency-Key used on one instance is replayed by the other and writes once', async () => {
    const body = school('10999');
    const first = await a.admin().post(`${base}/schools`).set('Idempotency-Key', 'alta-10999').send(body).expect(201);
    const before = await versionOf(a);
    // On b the join would now be refused (already a member); the retry is answered as the first time.
    const again = await b.admin().post(`${base}/schools`).set('Idempotency-Key', 'alta-10999').send(body).expect(201);
    expect(again.body).toEqual(first.body);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(await versionOf(a)).toBe(before);
  });

  it('a token revoked on one instance is refused by the other at once (SPEC: revocation is immediate)', async () => {
    const issued = (await a.admin().post('/v1/tokens').send({ role: 'network', networkId: id }).expect(201)).body;
    await b.as(issued.token).get(`${base}/events`).expect(200);
    await a.admin().delete(`/v1/tokens/${issued.id}`).expect(204);
    await b.as(issued.token).get(`${base}/events`).expect(401);
    await a.as(issued.token).get(`${base}/events`).expect(401);
  });
});
