import { parse } from 'csv-parse/sync';
import type { Test } from 'supertest';
import { seedResearchNetwork, TRICKY_NAME } from '../support/research-network';
import { STORE_KINDS, startTestApp, TestApp } from '../support/test-app';

/** The body as bytes, whatever its content type (supertest only buffers text and JSON by itself). */
const bytes = (req: Test): Promise<{ status: number; headers: Record<string, string>; body: Buffer }> =>
  req
    .buffer(true)
    .parse((res, done) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => done(null, Buffer.concat(chunks)));
    })
    .then((res) => ({ status: res.status, headers: res.headers as Record<string, string>, body: res.body as Buffer }));

type Json = Record<string, unknown>;
/** A JSON value as the CSV writes it: empty for null, numbers as JavaScript prints them. */
const cell = (v: unknown) => (v === null || v === undefined ? '' : String(v));
const FILE_NAME = /^attachment; filename="indaga-([a-z]+)-([a-z0-9-]+)-(\d{8}T\d{6}Z)\.(ndjson|csv)"$/;

/** SPEC 5.5: every export parsed back and compared with the JSON endpoints. */
describe.each(STORE_KINDS)('exports (%s)', (kind) => {
  let t: TestApp;
  const ids = ['red-exportada', 'red-comillas'];
  let beforeCorrection = '';
  let analyst = '';

  const allEvents = async (): Promise<Json[]> => {
    const events: Json[] = [];
    for (let after = 0; ;) {
      const page = (await t.admin().get(`/v1/events?after=${after}&limit=1000`).expect(200)).body;
      if (page.events.length === 0) return events;
      events.push(...page.events);
      after = page.next;
    }
  };
  const ndjson = (text: string): Json[] =>
    text
      .split('\n')
      .filter((l) => l !== '')
      .map((l) => JSON.parse(l) as Json);
  const csv = (body: Buffer): { text: string; records: string[][] } => {
    const text = body.toString('utf8');
    return { text, records: parse(text, { bom: true, relax_column_count: false }) as string[][] };
  };

  beforeAll(async () => {
    t = await startTestApp(kind);
    ({ beforeCorrection } = await seedResearchNetwork(t, ids[0]));
    const { version } = await seedResearchNetwork(t, ids[1], { region: 'Biobío', name: TRICKY_NAME });
    analyst = (await t.admin().post('/v1/tokens').send({ role: 'analyst' }).expect(201)).body.token;
    for (const id of ids) await t.admin().get(`/v1/networks/${id}/trajectory?minVersion=${version}`).expect(200);
  });
  afterAll(() => t.close());

  it('events.ndjson of the whole log is GET /v1/events, line by line, with its file name', async () => {
    const res = await bytes(t.as(analyst).get('/v1/exports/events.ndjson'));
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/^application\/x-ndjson/);
    expect(res.headers['content-disposition']).toMatch(FILE_NAME);
    expect(FILE_NAME.exec(res.headers['content-disposition'])!.slice(1, 3)).toEqual(['events', 'all']);
    const lines = ndjson(res.body.toString('utf8'));
    expect(lines).toEqual(await allEvents());
    // Free text with quotes, commas and line breaks survives (one event a line all the same).
    expect(res.body.toString('utf8').split('\n').length).toBe(lines.length + 1);
  });

  it('events.ndjson of one network, and as recorded at asOf', async () => {
    const all = await allEvents();
    const one = ndjson((await bytes(t.admin().get(`/v1/exports/events.ndjson?networkId=${ids[1]}`))).body.toString());
    expect(one).toEqual(all.filter((e) => e.streamId === `network-${ids[1]}`));
    const res = await bytes(t.admin().get(`/v1/exports/events.ndjson?asOf=${encodeURIComponent(beforeCorrection)}`));
    const known = all.filter((e) => (e.metadata as Json).recordedAt! <= beforeCorrection);
    expect(ndjson(res.body.toString())).toEqual(known);
    const stamp = beforeCorrection.replace(/\.\d{3}Z$/, 'Z').replace(/[-:]/g, '');
    expect(res.headers['content-disposition']).toBe(`attachment; filename="indaga-events-all-${stamp}.ndjson"`);
    const scoped = await bytes(
      t.admin().get(`/v1/exports/events.ndjson?networkId=${ids[0]}&asOf=${encodeURIComponent(beforeCorrection)}`),
    );
    expect(ndjson(scoped.body.toString())).toEqual(known.filter((e) => e.streamId === `network-${ids[0]}`));
    expect(scoped.headers['content-disposition']).toContain(`indaga-events-${ids[0]}-${stamp}.ndjson`);
  });

  it('trajectories.csv is RFC 4180 (CRLF, quoting) and equals GET /trajectory of every network', async () => {
    for (const period of ['quarter', 'year']) {
      const res = await bytes(t.as(analyst).get(`/v1/exports/trajectories.csv?period=${period}`));
      expect(res.status).toBe(200);
      expect(res.headers['content-type']).toMatch(/^text\/csv/);
      expect(FILE_NAME.exec(res.headers['content-disposition'])!.slice(1, 3)).toEqual(['trajectories', period]);
      const { text, records } = csv(res.body);
      expect(text.startsWith('\uFEFF')).toBe(false);
      expect(text.endsWith('\r\n')).toBe(true);
      expect(text.split('\r\n')[0]).toBe(
        'networkId,networkName,region,period,level,cooperationIndex,informativeShare,collaborativeShare,cooperativeShare,totalMinutes,multiSchoolJointActions',
      );
      // The quoted name with its doubled quotes, as RFC 4180 writes it.
      expect(text).toContain('"Red ""Costa, Secano""\r\ny Cordillera — Ñuble"');
      const expected: string[][] = [];
      for (const id of [...ids].sort()) {
        const traj = (await t.admin().get(`/v1/networks/${id}/trajectory?period=${period}`).expect(200)).body;
        const net = (await t.admin().get(`/v1/networks/${id}`).expect(200)).body;
        for (const p of traj.periods)
          expected.push(
            [
              id,
              net.name,
              net.region,
              p.period,
              p.level,
              p.cooperationIndex,
              p.shares.informative,
              p.shares.collaborative,
              p.shares.cooperative,
              p.minutes.informative + p.minutes.collaborative + p.minutes.cooperative,
              p.multiSchoolJointActions,
            ].map(cell),
          );
      }
      expect(records.slice(1)).toEqual(expected);
    }
  });

  it('indicators.csv equals GET /indicators of every network, columns in SPEC order; ?bom=true adds a byte-order mark', async () => {
    const res = await bytes(t.admin().get('/v1/exports/indicators.csv?period=half&bom=true'));
    expect([...res.body.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const { records } = csv(res.body);
    expect(records[0]).toEqual([
      'networkId',
      'networkName',
      'region',
      'period',
      'schoolReach',
      'depthIndex',
      'classroomPracticeReach',
      'tieDensity',
      'classroomsReached',
      'teachersInvolved',
      'cyclesOpened',
      'jointActions',
      'analysesRecorded',
      'cycleCompletionRate',
      'classroomEvidenceRate',
      'innovationCycleShare',
      'sessions',
      'sostenedorPresence',
      'schoolAttendance',
      'memberLedShare',
      'trainingMinutes',
    ]);
    const expected: string[][] = [];
    for (const id of [...ids].sort()) {
      const body = (await t.admin().get(`/v1/networks/${id}/indicators?period=half`).expect(200)).body;
      const net = (await t.admin().get(`/v1/networks/${id}`).expect(200)).body;
      for (const p of body.periods)
        expected.push(
          [id, net.name, net.region, p.period, ...Object.values(p.depth), ...Object.values(p.leadership)].map(cell),
        );
    }
    expect(records.slice(1)).toEqual(expected);
    expect(records.slice(1).some((r) => r.includes(''))).toBe(true); // nulls are empty cells
  });

  it('asOf CSV exports are computed from the events recorded by then (GET /state?asOf= gives the same figures)', async () => {
    const asOf = encodeURIComponent(beforeCorrection);
    const { records } = csv((await bytes(t.admin().get(`/v1/exports/trajectories.csv?asOf=${asOf}`))).body);
    // Only the first network existed then.
    const state = (await t.admin().get(`/v1/networks/${ids[0]}/state?asOf=${asOf}`).expect(200)).body;
    expect(records.slice(1).map((r) => [r[0], r[3], r[4], r[5]])).toEqual(
      state.trajectory.periods.map((p: Json) => [ids[0], p.period, cell(p.level), cell(p.cooperationIndex)]),
    );
    const ind = csv((await bytes(t.admin().get(`/v1/exports/indicators.csv?period=year&asOf=${asOf}`))).body).records;
    const yearly = (await t.admin().get(`/v1/networks/${ids[0]}/state?asOf=${asOf}&period=year`).expect(200)).body;
    expect(ind.slice(1).map((r) => r.slice(4))).toEqual(
      yearly.indicators.periods.map((p: Json) =>
        [...Object.values(p.depth as Json), ...Object.values(p.leadership as Json)].map(cell),
      ),
    );
  });

  it.each([
    ['/v1/exports/trajectories.csv?period=week', 'period'],
    ['/v1/exports/indicators.csv?bom=yes', 'bom'],
    ['/v1/exports/indicators.csv?asOf=ayer', 'asOf'],
    ['/v1/exports/events.ndjson?networkId=Red_Mala', 'networkId'],
    ['/v1/exports/events.ndjson?asOf=2024-13-01', 'asOf'],
    ['/v1/exports/events.ndjson?format=csv', 'format'],
  ])('%s is refused with 400 naming %s', async (url, field) => {
    const res = await t.admin().get(url).expect(400);
    expect(res.body.details.map((d: { field: string }) => d.field)).toContain(field);
  });

  it('roles: admin and analysts export; a network token cannot; unknown network 404', async () => {
    const own = (await t.admin().post('/v1/tokens').send({ role: 'network', networkId: ids[0] }).expect(201)).body
      .token;
    for (const url of ['/v1/exports/events.ndjson', '/v1/exports/trajectories.csv', '/v1/exports/indicators.csv']) {
      await t.as(own).get(url).expect(403);
      await t.http().get(url).expect(401);
    }
    await t.as(own).get(`/v1/exports/events.ndjson?networkId=${ids[0]}`).expect(403);
    expect((await t.admin().get('/v1/exports/events.ndjson?networkId=red-ninguna').expect(404)).body.code).toBe(
      'NETWORK.NOT_FOUND',
    );
  });
});
