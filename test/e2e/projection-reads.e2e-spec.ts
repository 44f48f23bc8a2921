import { randomBytes } from 'node:crypto';
import { analysis, close, cycle, jointAction, network, school, session } from '../support/fixtures';
import { startTestApp, TestApp } from '../support/test-app';

const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';

/**
 * The projection-backed reads of SPEC section 3 answer what the pure
 * functions give for the same events (the /state replay is their reference),
 * in process (no Redis) and through BullMQ (REDIS_URL, role all).
 */
describe.each([
  ['sqlite, in process', 'sqlite', {}],
  ['postgres, BullMQ', 'postgres', { REDIS_URL, INDAGA_QUEUE_PREFIX: `e2e-${randomBytes(4).toString('hex')}` }],
] as const)('projection-backed reads (%s)', (_label, kind, env) => {
  let t: TestApp;
  const id = 'red-proyectada';
  const base = `/v1/networks/${id}`;
  let version = 0;

  beforeAll(async () => {
    t = await startTestApp(kind, { ...env });
    await t
      .admin()
      .post('/v1/networks')
      .send(network(id, { region: 'Ñuble' }))
      .expect(201);
    await t
      .admin()
      .post('/v1/networks')
      .send(network('red-otra', { region: 'Maule' }))
      .expect(201);
    for (const s of ['10123', '10456', '10789'])
      await t
        .admin()
        .post(`${base}/schools`)
        .send(school(s, { zone: s === '10789' ? 'urban' : 'rural' }))
        .expect(201);
    await t.admin().post(`${base}/schools/10789/leave`).send({ leftOn: '2016-05-01' }).expect(201);
    const s1 = (await t.admin().post(`${base}/sessions`).send(session()).expect(201)).body.id;
    await t
      .admin()
      .post(`${base}/sessions`)
      .send(session({ sessionId: 'tarde', heldOn: '2016-08-01' }))
      .expect(201);
    await t
      .admin()
      .put(`${base}/sessions/${s1}`)
      .send({
        ...session({ heldOn: '2016-10-02', activities: [{ kind: 'joint_analysis', minutes: 90 }] }),
        reason: 'corrección',
      })
      .expect(200);
    await t.admin().post(`${base}/sessions/tarde/withdraw`).send({ reason: 'duplicada' }).expect(200);
    await t
      .admin()
      .post(`${base}/cycles`)
      .send(cycle({ cycleId: 'c1' }))
      .expect(201);
    await t.admin().post(`${base}/cycles/c1/actions`).send(jointAction()).expect(201);
    await t.admin().post(`${base}/cycles/c1/analysis`).send(analysis()).expect(201);
    version = (await t.admin().post(`${base}/cycles/c1/close`).send(close()).expect(200)).body.version;
  });
  afterAll(() => t.close());

  it('every projection-backed read equals the pure functions over the same events', async () => {
    const network = await t.admin().get(`${base}?minVersion=${version}`).expect(200);
    const replay = await t.admin().get(`${base}/state?version=${version}`).expect(200);
    expect(network.body).toEqual(replay.body.state);
    for (const period of ['quarter', 'half', 'year']) {
      const replayed = await t.admin().get(`${base}/state?version=${version}&period=${period}`).expect(200);
      const trajectory = await t.admin().get(`${base}/trajectory?period=${period}&minVersion=${version}`).expect(200);
      expect(trajectory.body).toEqual(replayed.body.trajectory);
      const indicators = await t.admin().get(`${base}/indicators?period=${period}&minVersion=${version}`).expect(200);
      expect(indicators.body).toEqual(replayed.body.indicators);
    }
    // The corrected session counts in 2016-Q4 as cooperative; the withdrawn one nowhere.
    const q4 = (await t.admin().get(`${base}/trajectory`).expect(200)).body.periods.find(
      (p: { period: string }) => p.period === '2016-Q4',
    );
    expect(q4).toMatchObject({
      minutes: { informative: 0, collaborative: 0, cooperative: 90 },
      level: 'collaborative',
    });
  });

  it('serves a cycle, the network list and the overview filtered by region', async () => {
    const c1 = await t.admin().get(`${base}/cycles/c1?minVersion=${version}`).expect(200);
    expect(c1.body).toMatchObject({ networkId: id, version, cycleId: 'c1', phase: 'closed', decision: 'spread' });
    expect(c1.body.actions).toHaveLength(1);
    await t.admin().get(`${base}/cycles/nada`).expect(404);

    const list = await t.admin().get('/v1/networks').expect(200);
    expect(list.body).toEqual(
      expect.arrayContaining([
        {
          networkId: id,
          name: expect.any(String),
          region: 'Ñuble',
          schools: 2,
          currentLevel: 'collaborative',
          version,
        },
      ]),
    );
    const overview = await t
      .admin()
      .get(`/v1/overview?region=${encodeURIComponent('Ñuble')}&period=year`)
      .expect(200);
    expect(overview.body.networks).toHaveLength(1);
    expect(overview.body.networks[0]).toMatchObject({
      networkId: id,
      composition: { byZone: { rural: 2, urban: 0 }, byDependency: expect.objectContaining({ slep: 2, municipal: 0 }) },
      period: '2016',
      level: expect.any(String),
    });
  });

  it('GET /health checks Redis when it is configured', async () => {
    const health = await t.http().get('/health').expect(200);
    expect(Object.keys(health.body.checks).sort()).toEqual('REDIS_URL' in env ? ['redis', 'store'] : ['store']);
  });

  it('GET /health/ready names the store, the read models and Redis; /health/live the process; no token needed', async () => {
    const ready = await t.http().get('/health/ready').expect(200);
    const up = { status: 'up' };
    expect(ready.body).toEqual({
      status: 'ok',
      checks: 'REDIS_URL' in env ? { store: up, readModels: up, redis: up } : { store: up, readModels: up },
    });
    expect((await t.http().get('/health/live').expect(200)).body).toEqual({ status: 'ok', checks: { process: up } });
  });

  it('a network token lists only its own network', async () => {
    const token = (await t.admin().post('/v1/tokens').send({ role: 'network', networkId: 'red-otra' }).expect(201)).body
      .token;
    const list = await t.as(token).get('/v1/networks').expect(200);
    expect(list.body.map((n: { networkId: string }) => n.networkId)).toEqual(['red-otra']);
    // The overview too: its own line, never the other networks' (the admin sees both).
    const ids = (body: { networks: Array<{ networkId: string }> }) => body.networks.map((n) => n.networkId).sort();
    expect(ids((await t.admin().get('/v1/overview').expect(200)).body)).toEqual([id, 'red-otra'].sort());
    expect(ids((await t.as(token).get('/v1/overview').expect(200)).body)).toEqual(['red-otra']);
    expect(ids((await t.as(token).get('/v1/overview?region=Maule&period=year').expect(200)).body)).toEqual([
      'red-otra',
    ]);
    expect(
      ids(
        (
          await t
            .as(token)
            .get(`/v1/overview?region=${encodeURIComponent('Ñuble')}`)
            .expect(200)
        ).body,
      ),
    ).toEqual([]);
  });

  it('minVersion beyond the stream waits, then answers 503 PROJECTION.BEHIND with Retry-After', async () => {
    const started = Date.now();
    const res = await t.admin().get(`${base}?minVersion=${version + 1}`);
    expect(res.status).toBe(503);
    expect(res.body.code).toBe('PROJECTION.BEHIND');
    expect(res.headers['retry-after']).toBe('1');
    expect(Date.now() - started).toBeGreaterThanOrEqual(4_900);
    await t.admin().get('/v1/networks/red-inexistente').expect(404);
  }, 15_000);

  it('lists projections with checkpoint and lag, and rebuilds one while it keeps answering', async () => {
    const before = await t.admin().get('/v1/projections').expect(200);
    expect(before.body.map((p: { name: string }) => p.name).sort()).toEqual(['network-views', 'overview']);
    for (const p of before.body)
      expect(p).toMatchObject({ status: 'live', lag: 0, checkpoint: version + 1, parked: [] });

    const cycles = new Map<string, unknown>();
    for (const { cycleId } of (await t.admin().get(base).expect(200)).body.cycles as Array<{ cycleId: string }>) {
      cycles.set(cycleId, (await t.admin().get(`${base}/cycles/${cycleId}`).expect(200)).body);
    }
    expect(cycles.size).toBeGreaterThan(0);
    const started = await t.admin().post('/v1/projections/network-views/rebuild').expect(202);
    expect(started.body.jobId).toMatch(/^rebuild\.network-views\.\d+$/);
    // The old generation answers throughout; poll until the switch.
    let status;
    for (let i = 0; i < 100; i++) {
      await t.admin().get(`${base}/trajectory`).expect(200);
      status = (await t.admin().get('/v1/projections').expect(200)).body.find(
        (p: { name: string }) => p.name === 'network-views',
      );
      if (status.status === 'live' && status.generation > before.body[0].generation) break;
      await new Promise((r) => setTimeout(r, 50));
    }
    expect(status).toMatchObject({
      status: 'live',
      lag: 0,
      rebuild: { state: 'done', progress: 1, processed: version + 1, total: version + 1 },
    });
    const replay = await t.admin().get(`${base}/state`).expect(200);
    expect((await t.admin().get(`${base}/trajectory`).expect(200)).body).toEqual(replay.body.trajectory);
    // Rebuilt rows hold no history document until their next catch-up; the cycle read folds the stream instead.
    for (const { cycleId } of replay.body.state.cycles as Array<{ cycleId: string }>) {
      const res = await t.admin().get(`${base}/cycles/${cycleId}`).expect(200);
      expect(res.body).toEqual(cycles.get(cycleId));
    }
    await t.admin().post('/v1/projections/nope/rebuild').expect(404);
  });
});
