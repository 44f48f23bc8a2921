import { network, school, session } from '../support/fixtures';
import { STORE_KINDS, startTestApp, TestApp } from '../support/test-app';

describe.each(STORE_KINDS)('idempotency, If-Match and concurrent writers (%s)', (kind) => {
  let t: TestApp;
  const id = 'red-concurrente';
  const base = `/v1/networks/${id}`;
  const schools = Array.from({ length: 16 }, (_, i) => `${20000 + i}`);

  beforeAll(async () => {
    t = await startTestApp(kind);
    await t.admin().post('/v1/networks').send(network(id)).expect(201);
  });
  afterAll(() => t.close());

  const streamLength = async () =>
    (await t.admin().get(`${base}/events?limit=1000`).expect(200)).body.events.length as number;

  it('16 schools submitting at the same moment all land, each once', async () => {
    const before = await streamLength();
    const results = await Promise.all(schools.map((s) => t.admin().post(`${base}/schools`).send(school(s))));
    expect(results.map((r) => r.status)).toEqual(schools.map(() => 201));
    const versions = results.map((r) => r.body.version).sort((a, b) => a - b);
    expect(versions).toEqual(schools.map((_, i) => before + i + 1));
    expect(await streamLength()).toBe(before + 16);
  });

  it('replays the first answer for the same key and body, refuses another body, and writes once', async () => {
    const body = session({ schoolsPresent: [schools[0], schools[1]], heldOn: '2016-05-02' });
    const first = await t.admin().post(`${base}/sessions`).set('Idempotency-Key', 'sesion-mayo').send(body).expect(201);
    const before = await streamLength();
    // Same body with its keys in another order: still the same request.
    const reordered = Object.fromEntries(Object.entries(body).reverse());
    const again = await t
      .admin()
      .post(`${base}/sessions`)
      .set('Idempotency-Key', 'sesion-mayo')
      .send(reordered)
      .expect(201);
    expect(again.body).toEqual(first.body);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.headers.etag).toBe(first.headers.etag);
    const other = await t
      .admin()
      .post(`${base}/sessions`)
      .set('Idempotency-Key', 'sesion-mayo')
      .send({ ...body, heldOn: '2016-05-03' });
    expect(other.status).toBe(422);
    expect(other.body.code).toBe('IDEMPOTENCY.KEY_REUSED');
    expect(await streamLength()).toBe(before);
  });

  it('a retry is answered as the first time even when the same command would now be refused', async () => {
    const body = school('20999');
    const first = await t.admin().post(`${base}/schools`).set('Idempotency-Key', 'alta-20999').send(body).expect(201);
    const before = await streamLength();
    const again = await t.admin().post(`${base}/schools`).set('Idempotency-Key', 'alta-20999').send(body);
    expect(again.status).toBe(201);
    expect(again.body).toEqual(first.body);
    // Without the key, the same request is decided anew: the school is already a member.
    const fresh = await t.admin().post(`${base}/schools`).send(body);
    expect(fresh.status).toBe(409);
    expect(fresh.body.code).toBe('SCHOOL.ALREADY_MEMBER');
    expect(await streamLength()).toBe(before);
  });

  it('two concurrent requests with the same key write once and answer the same', async () => {
    const before = await streamLength();
    const body = session({ schoolsPresent: [schools[2]], heldOn: '2016-05-09' });
    const answers = await Promise.all(
      Array.from({ length: 6 }, () => t.admin().post(`${base}/sessions`).set('Idempotency-Key', 'carrera').send(body)),
    );
    expect(answers.map((a) => a.status)).toEqual(answers.map(() => 201));
    expect(new Set(answers.map((a) => JSON.stringify(a.body))).size).toBe(1);
    expect(await streamLength()).toBe(before + 1);
  });

  it('keys are scoped per token', async () => {
    const token = (await t.admin().post('/v1/tokens').send({ role: 'network', networkId: id }).expect(201)).body.token;
    const body = session({ schoolsPresent: [schools[3]], heldOn: '2016-05-10' });
    await t.admin().post(`${base}/sessions`).set('Idempotency-Key', 'compartida').send(body).expect(201);
    const mine = await t.as(token).post(`${base}/sessions`).set('Idempotency-Key', 'compartida').send(body).expect(201);
    expect(mine.headers['idempotent-replayed']).toBeUndefined();
  });

  it('If-Match with the current version writes; a stale one is 412 and is not retried', async () => {
    const current = await streamLength();
    const ok = await t
      .admin()
      .post(`${base}/sessions`)
      .set('If-Match', `"${current}"`)
      .send(session({ schoolsPresent: [schools[4]] }))
      .expect(201);
    expect(ok.headers.etag).toBe(`"${current + 1}"`);
    const stale = await t
      .admin()
      .post(`${base}/sessions`)
      .set('If-Match', `"${current}"`)
      .send(session({ schoolsPresent: [schools[4]] }));
    expect(stale.status).toBe(412);
    expect(stale.body.code).toBe('VERSION.MISMATCH');
    const malformed = await t.admin().post(`${base}/sessions`).set('If-Match', 'twelve').send(session());
    expect(malformed.status).toBe(400);
    expect(malformed.body.details).toEqual([{ field: 'If-Match', message: expect.any(String) }]);
    expect(await streamLength()).toBe(current + 1);
  });
});
