import {
  cohorts,
  foldHistory,
  NetworkEvent,
  periodAggregates,
  levelThresholds,
  sensitivity,
  signals,
  trajectory,
} from '@indaga/domain';
import { seedResearchNetwork } from '../support/research-network';
import { STORE_KINDS, startTestApp, TestApp } from '../support/test-app';

/** SPEC section 5.1-5.4 and 5.6 over the real HTTP app: every answer equals the domain's functions over the same events. */
describe.each(STORE_KINDS)('research analyses (%s)', (kind) => {
  let t: TestApp;
  const id = 'red-investigada';
  const other = 'red-comparada';
  const base = `/v1/networks/${id}`;
  let version = 0;
  let beforeCorrection = '';
  const tokens: Record<'analyst' | 'own' | 'other', string> = { analyst: '', own: '', other: '' };

  const eventsOf = async (networkId: string): Promise<NetworkEvent[]> =>
    (await t.admin().get(`/v1/networks/${networkId}/events?limit=1000`).expect(200)).body.events;

  beforeAll(async () => {
    t = await startTestApp(kind);
    ({ version, beforeCorrection } = await seedResearchNetwork(t, id));
    await seedResearchNetwork(t, other, { region: 'Maule' });
    const issue = async (body: object) => (await t.admin().post('/v1/tokens').send(body).expect(201)).body.token;
    tokens.analyst = await issue({ role: 'analyst' });
    tokens.own = await issue({ role: 'network', networkId: id });
    tokens.other = await issue({ role: 'network', networkId: other });
  });
  afterAll(() => t.close());

  it('signals (5.1) are the domain’s run chart of the measure over the replayed history', async () => {
    const history = foldHistory(await eventsOf(id));
    for (const measure of ['cooperationIndex', 'schoolAttendance', 'tieDensity'] as const) {
      const res = await t.as(tokens.analyst).get(`${base}/signals?period=quarter&measure=${measure}`).expect(200);
      expect(res.body).toEqual({ networkId: id, version, ...signals(history, 'quarter', measure) });
    }
    const chart = (await t.as(tokens.own).get(`${base}/signals`).expect(200)).body;
    expect(chart).toMatchObject({ measure: 'cooperationIndex', period: 'quarter', insufficientData: false });
    expect(chart.signals.length).toBeGreaterThan(0);
    const yearly = (await t.admin().get(`${base}/signals?period=year`).expect(200)).body;
    expect(yearly).toMatchObject({ insufficientData: true, signals: [] });
  });

  it('signals as recorded at asOf reflect the events received by then', async () => {
    const res = await t
      .admin()
      .get(`${base}/signals?asOf=${encodeURIComponent(beforeCorrection)}`)
      .expect(200);
    expect(res.body.version).toBe(version - 1);
    expect(res.body.asOf).toBe(beforeCorrection);
  });

  it('collaboration (5.2): the graph and metrics of the domain, over a range', async () => {
    const res = await t.as(tokens.analyst).get(`${base}/collaboration?from=2016-03-01&to=2016-12-31`).expect(200);
    expect(res.body).toMatchObject({ networkId: id, version, from: '2016-03-01', to: '2016-12-31' });
    // 10789 left on 2016-09-01 and came back in 2017: a node (member in range) but not a member on `to`.
    expect(res.body.nodes.map((n: { schoolId: string; member: boolean }) => [n.schoolId, n.member])).toEqual([
      ['10123', true],
      ['10456', true],
      ['10789', false],
    ]);
    expect(res.body.edges).toEqual([{ a: '10123', b: '10456', jointActions: 1 }]);
    expect(res.body.metrics).toEqual({ density: 1, isolated: [], components: 1, degreeCentralization: null });
    const whole = (await t.admin().get(`${base}/collaboration`).expect(200)).body;
    expect(whole.metrics).toEqual({ density: 1, isolated: [], components: 1, degreeCentralization: 0 });
  });

  it('trajectory with thresholds (5.3) is computed by the pure functions and echoes them; the defaults equal the read model', async () => {
    const history = foldHistory(await eventsOf(id));
    const thresholds = { cooperativeShare: 0.25, collaborativeShare: 0.5, minMultiSchoolJointActions: 0 };
    const res = await t
      .admin()
      .get(`${base}/trajectory?period=half&cooperativeShare=0.25&minMultiSchoolJointActions=0`)
      .expect(200);
    expect(res.body).toEqual({ networkId: id, version, ...trajectory(history, 'half', thresholds), thresholds });
    const stored = await t.admin().get(`${base}/trajectory?minVersion=${version}`).expect(200);
    const explicit = await t
      .admin()
      .get(`${base}/trajectory?cooperativeShare=0.4&collaborativeShare=0.5&minMultiSchoolJointActions=1`)
      .expect(200);
    const { thresholds: echoed, ...rest } = explicit.body;
    expect(echoed).toEqual({ cooperativeShare: 0.4, collaborativeShare: 0.5, minMultiSchoolJointActions: 1 });
    expect(rest).toEqual(stored.body);
  });

  it('state with thresholds echoes them in the body and in its trajectory', async () => {
    const res = await t.admin().get(`${base}/state?collaborativeShare=0.9`).expect(200);
    expect(res.body.thresholds).toEqual({
      cooperativeShare: 0.4,
      collaborativeShare: 0.9,
      minMultiSchoolJointActions: 1,
    });
    expect(res.body.trajectory.thresholds).toEqual(res.body.thresholds);
  });

  it('state?on= is the network as it happened; with asOf, as the service knew it then (5.6)', async () => {
    // As it happened on 2016-09-30: 10789 had left; s1, corrected to October, does not count yet.
    const on = (await t.admin().get(`${base}/state?on=2016-09-30`).expect(200)).body;
    expect(on).toMatchObject({ networkId: id, version, on: '2016-09-30' });
    expect(on.state.schools.map((s: { schoolId: string }) => s.schoolId)).toEqual(['10123', '10456']);
    expect(on.trajectory.periods.map((p: { period: string }) => p.period)).toEqual(['2016-Q1', '2016-Q2', '2016-Q3']);
    expect(on.trajectory.periods[2].minutes).toEqual({ informative: 0, collaborative: 0, cooperative: 0 });
    // The same date as known before the correction: s1 was still dated in August.
    const known = (
      await t
        .admin()
        .get(`${base}/state?on=2016-09-30&asOf=${encodeURIComponent(beforeCorrection)}`)
        .expect(200)
    ).body;
    expect(known.version).toBe(version - 1);
    expect(known.trajectory.periods[2].minutes.informative).toBeGreaterThan(0);
    expect(known.indicators.periods.map((p: { period: string }) => p.period)).toEqual([
      '2016-Q1',
      '2016-Q2',
      '2016-Q3',
    ]);
    // Before registration the network did not exist yet.
    const before = await t.admin().get(`${base}/state?on=2016-02-28`).expect(404);
    expect(before.body.code).toBe('NETWORK.NOT_FOUND');
  });

  const eventually = async <T>(read: () => Promise<T>, expected: T): Promise<void> => {
    const deadline = Date.now() + 10_000;
    for (;;) {
      const got = await read();
      try {
        expect(got).toEqual(expected);
        return;
      } catch (err) {
        if (Date.now() > deadline) throw err;
        await new Promise((r) => setTimeout(r, 50));
      }
    }
  };

  it('overview/sensitivity (5.3) and overview/cohorts (5.4) equal the domain over every network’s events', async () => {
    const networks = [];
    for (const [networkId, region] of [
      [other, 'Maule'],
      [id, 'Ñuble'],
    ]) {
      const history = foldHistory(await eventsOf(networkId));
      networks.push({ networkId, region, periods: periodAggregates(history, 'year') });
    }
    const thresholds = levelThresholds({ cooperativeShare: 0.3, minMultiSchoolJointActions: 0 });
    await eventually(
      async () => {
        const { position, ...body } = (
          await t
            .as(tokens.analyst)
            .get('/v1/overview/sensitivity?period=year&cooperativeShare=0.3&minMultiSchoolJointActions=0')
            .expect(200)
        ).body;
        expect(position).toBeGreaterThan(0);
        return body;
      },
      { period: 'year', ...sensitivity(networks, thresholds) },
    );
    for (const by of ['region', 'zone', 'dependency'] as const) {
      await eventually(
        async () => {
          const { position: _p, ...body } = (
            await t.as(tokens.analyst).get(`/v1/overview/cohorts?by=${by}&period=year`).expect(200)
          ).body;
          return body;
        },
        { by, period: 'year', groups: cohorts(networks, by) },
      );
    }
  });

  it.each([
    ['/signals?measure=height', 'measure'],
    ['/signals?period=week', 'period'],
    ['/signals?asOf=yesterday', 'asOf'],
    ['/collaboration?from=2016-02-30', 'from'],
    ['/collaboration?from=2017-01-01&to=2016-01-01', 'from'],
    ['/collaboration?from=2025-01-01', 'from'],
    ['/trajectory?cooperativeShare=1.5', 'cooperativeShare'],
    ['/trajectory?collaborativeShare=', 'collaborativeShare'],
    ['/trajectory?minMultiSchoolJointActions=1.5', 'minMultiSchoolJointActions'],
    ['/state?minMultiSchoolJointActions=101', 'minMultiSchoolJointActions'],
    ['/state?on=2016-13-01', 'on'],
    ['/state?on=2016-06-30&version=3', 'on'],
    ['/signals?colour=red', 'colour'],
  ])('%s is refused with 400 naming %s', async (query, field) => {
    const res = await t.admin().get(`${base}${query}`).expect(400);
    expect(res.body.code).toBe('VALIDATION.FAILED');
    expect(res.body.details.map((d: { field: string }) => d.field)).toContain(field);
  });

  it.each([
    ['/v1/overview/sensitivity?cooperativeShare=-0.1', 'cooperativeShare'],
    ['/v1/overview/cohorts?by=comuna', 'by'],
    ['/v1/overview/cohorts?period=decade', 'period'],
  ])('%s is refused with 400 naming %s', async (url, field) => {
    const res = await t.admin().get(url).expect(400);
    expect(res.body.details.map((d: { field: string }) => d.field)).toContain(field);
  });

  it('roles: a network reads its own analyses only; cross-network analyses are for admin and analysts', async () => {
    for (const path of ['signals', 'collaboration']) {
      await t.as(tokens.own).get(`${base}/${path}`).expect(200);
      await t.as(tokens.other).get(`${base}/${path}`).expect(403);
      await t.http().get(`${base}/${path}`).expect(401);
    }
    await t.as(tokens.own).get(`${base}/state?on=2017-01-01`).expect(200);
    await t.as(tokens.other).get(`${base}/trajectory?cooperativeShare=0.2`).expect(403);
    for (const url of ['/v1/overview/sensitivity', '/v1/overview/cohorts']) {
      await t.as(tokens.analyst).get(url).expect(200);
      await t.admin().get(url).expect(200);
      await t.as(tokens.own).get(url).expect(403);
      await t.http().get(url).expect(401);
    }
  });

  it('Swagger documents the new routes and says which of on / asOf is which', async () => {
    const doc = (await t.http().get('/docs-json').expect(200)).body;
    for (const path of [
      '/v1/networks/{networkId}/signals',
      '/v1/networks/{networkId}/collaboration',
      '/v1/overview/sensitivity',
      '/v1/overview/cohorts',
    ])
      expect(doc.paths[path]?.get).toBeDefined();
    const params = doc.paths['/v1/networks/{networkId}/state'].get.parameters as Array<{
      name: string;
      description?: string;
    }>;
    expect(params.find((p) => p.name === 'on')?.description).toMatch(/^As it happened/);
    expect(params.find((p) => p.name === 'asOf')?.description).toMatch(/^As recorded/);
    expect(params.map((p) => p.name)).toEqual(
      expect.arrayContaining(['cooperativeShare', 'collaborativeShare', 'minMultiSchoolJointActions']),
    );
  });

  it('unknown network: 404', async () => {
    for (const path of ['signals', 'collaboration'])
      expect((await t.admin().get(`/v1/networks/red-inexistente/${path}`).expect(404)).body.code).toBe(
        'NETWORK.NOT_FOUND',
      );
  });
});
