import { SQL_CLIENT, SqlClient } from '@indaga/platform';
import { AccessLogRetention } from '../../apps/api/src/audit/access-log-retention';
import { AccessLogStore } from '../../apps/api/src/audit/access-log.store';
import { cycle, network, school, session } from '../support/fixtures';
import { ADMIN_TOKEN, STORE_KINDS, startTestApp, TestApp } from '../support/test-app';

type Caller = 'admin' | 'analyst' | 'network';
interface Read {
  url: string;
  as: Caller;
  endpoint: string;
  networkId: string | null;
}

const OWN = 'red-auditada';
const OTHER = 'red-vecina';
const SUMMARY = 'Conversamos con la profesora Rosa Pérez sobre Matías';
const QUESTION = '¿Mejora la lectura de Matías si la profesora Rosa modela en voz alta?';

/** SPEC 6.3: every read that returns free text and every export, each with its expected record. */
const LOGGED: Read[] = [
  {
    url: `/v1/networks/${OWN}/events`,
    as: 'network',
    endpoint: 'GET /v1/networks/:networkId/events',
    networkId: OWN,
  },
  { url: '/v1/events', as: 'analyst', endpoint: 'GET /v1/events', networkId: null },
  {
    url: `/v1/networks/${OWN}/state?version=3`,
    as: 'admin',
    endpoint: 'GET /v1/networks/:networkId/state',
    networkId: OWN,
  },
  { url: `/v1/networks/${OWN}`, as: 'network', endpoint: 'GET /v1/networks/:networkId', networkId: OWN },
  {
    url: `/v1/networks/${OWN}/cycles/c1`,
    as: 'analyst',
    endpoint: 'GET /v1/networks/:networkId/cycles/:cycleId',
    networkId: OWN,
  },
  {
    url: `/v1/exports/events.ndjson?networkId=${OWN}`,
    as: 'analyst',
    endpoint: 'GET /v1/exports/events.ndjson',
    networkId: OWN,
  },
  { url: '/v1/exports/events.ndjson', as: 'admin', endpoint: 'GET /v1/exports/events.ndjson', networkId: null },
  {
    url: '/v1/exports/trajectories.csv?period=year',
    as: 'analyst',
    endpoint: 'GET /v1/exports/trajectories.csv',
    networkId: null,
  },
  {
    url: '/v1/exports/indicators.csv',
    as: 'analyst',
    endpoint: 'GET /v1/exports/indicators.csv',
    networkId: null,
  },
];

/** Reads without free text: not logged. */
const NOT_LOGGED = [
  `/v1/networks/${OWN}/trajectory`,
  `/v1/networks/${OWN}/indicators`,
  '/v1/networks',
  '/v1/overview',
  '/v1/me',
];

/** Refused reads (the status each must get): none leaves a record. */
const REFUSED: Array<[string, Caller | 'other network' | 'nobody', number]> = [
  ['/v1/networks/red-inexistente/events', 'admin', 404],
  [`/v1/networks/${OWN}/cycles/c9`, 'analyst', 404],
  ['/v1/exports/events.ndjson?networkId=red-inexistente', 'analyst', 404],
  [`/v1/networks/${OWN}/events`, 'other network', 403],
  ['/v1/events', 'network', 403],
  ['/v1/exports/indicators.csv', 'network', 403],
  [`/v1/networks/${OWN}/events`, 'nobody', 401],
  [`/v1/networks/${OWN}/events?limit=0`, 'admin', 400],
  ['/v1/events?color=rojo', 'analyst', 400],
  [`/v1/networks/${OWN}/state?asOf=ayer`, 'admin', 400],
  ['/v1/exports/trajectories.csv?period=decade', 'analyst', 400],
  ['/v1/networks/RED!/events', 'admin', 400],
];

/** On every store: the log lives in the SQL database the app always has (SQLite or PostgreSQL), KurrentDB included. */
describe.each(STORE_KINDS)('access log (%s)', (kind) => {
  let t: TestApp;
  const tokens: Record<string, { id: string; token: string }> = {};
  let sql: SqlClient;
  let correlation = 0;

  const call = (url: string, as: string) => {
    const id = `audit-${kind}-${++correlation}`;
    const agent = as === 'nobody' ? t.http() : t.as(tokens[as].token);
    return { id, request: agent.get(url).set('X-Correlation-Id', id) };
  };
  const lastId = async (): Promise<number> => {
    const [row] = await sql.query<{ id: number | string | null }>('SELECT MAX(id) AS id FROM access_log');
    return Number(row?.id ?? 0);
  };
  const audit = (query = '') => t.admin().get(`/v1/audit${query}`);
  const newerThan = async (mark: number) =>
    ((await audit('?limit=1000').expect(200)).body.records as Array<{ id: number }>).filter((r) => r.id > mark);

  beforeAll(async () => {
    t = await startTestApp(kind);
    sql = t.app.get<SqlClient>(SQL_CLIENT);
    for (const id of [OWN, OTHER]) {
      await t.admin().post('/v1/networks').send(network(id)).expect(201);
      await t.admin().post(`/v1/networks/${id}/schools`).send(school('10123')).expect(201);
      await t.admin().post(`/v1/networks/${id}/schools`).send(school('10456')).expect(201);
    }
    await t
      .admin()
      .post(`/v1/networks/${OWN}/sessions`)
      .send(session({ activities: [{ kind: 'practice_sharing', minutes: 45, summary: SUMMARY }] }))
      .expect(201);
    const opened = await t
      .admin()
      .post(`/v1/networks/${OWN}/cycles`)
      .send(cycle({ cycleId: 'c1', question: QUESTION }))
      .expect(201);
    await t.admin().get(`/v1/networks/${OWN}/trajectory?minVersion=${opened.body.version}`).expect(200);
    const issue = async (body: object) => (await t.admin().post('/v1/tokens').send(body).expect(201)).body;
    tokens.admin = { id: 'env-admin', token: ADMIN_TOKEN };
    tokens.analyst = await issue({ role: 'analyst' });
    tokens.network = await issue({ role: 'network', networkId: OWN });
    tokens['other network'] = await issue({ role: 'network', networkId: OTHER });
  });
  afterAll(() => t.close());

  it.each(LOGGED.map((read) => [read.endpoint, read.as, read] as const))(
    '%s as %s leaves exactly one record with the route pattern, caller and correlation id',
    async (_endpoint, as, read) => {
      const mark = await lastId();
      const before = new Date().toISOString();
      const { id, request } = call(read.url, as);
      await request.expect(200);
      const after = new Date().toISOString();
      const records = await newerThan(mark);
      expect(records).toEqual([
        {
          id: expect.any(Number),
          at: expect.any(String),
          tokenId: tokens[as].id,
          role: as,
          networkId: read.networkId,
          endpoint: read.endpoint,
          correlationId: id,
        },
      ]);
      const [{ at }] = records as unknown as Array<{ at: string }>;
      expect(at >= before && at <= after).toBe(true);
    },
  );

  it('concurrent reads leave one record each (committed together)', async () => {
    const mark = await lastId();
    const calls = Array.from({ length: 20 }, () => call(`/v1/networks/${OWN}/events`, 'analyst'));
    await Promise.all(calls.map((c) => c.request.expect(200)));
    const ids = (await newerThan(mark)).map((r) => (r as unknown as { correlationId: string }).correlationId);
    expect(ids.sort()).toEqual(calls.map((c) => c.id).sort());
  });

  it.each(NOT_LOGGED)('%s returns no free text and is not logged', async (url) => {
    const mark = await lastId();
    await call(url, 'admin').request.expect(200);
    expect(await newerThan(mark)).toEqual([]);
  });

  it.each(REFUSED)('%s as %s is refused (%i) and leaves no record', async (url, as, status) => {
    const mark = await lastId();
    await call(url, as).request.expect(status);
    expect(await newerThan(mark)).toEqual([]);
  });

  it('refuses the read with 503 STORE.UNAVAILABLE when its record cannot be written, and sends no data', async () => {
    await sql.run('ALTER TABLE access_log RENAME TO access_log_away');
    try {
      const res = await call(`/v1/networks/${OWN}/events`, 'admin').request.expect(503);
      expect(res.body.code).toBe('STORE.UNAVAILABLE');
      expect(res.headers['retry-after']).toBe('5');
      expect(JSON.stringify(res.body)).not.toContain(SUMMARY);
      const exported = await call('/v1/exports/events.ndjson', 'analyst').request.expect(503);
      expect(exported.text).not.toContain(QUESTION);
    } finally {
      await sql.run('ALTER TABLE access_log_away RENAME TO access_log');
    }
    await call(`/v1/networks/${OWN}/events`, 'admin').request.expect(200);
  });

  it('holds identifiers only: no free text, no concrete URL, no query string', async () => {
    const rows = await sql.query<Record<string, unknown>>('SELECT * FROM access_log');
    expect(rows.length).toBeGreaterThanOrEqual(LOGGED.length);
    for (const row of rows) {
      expect(Object.keys(row).sort()).toEqual(
        ['at', 'correlation_id', 'endpoint', 'id', 'network_id', 'role', 'token_id'].sort(),
      );
      const text = JSON.stringify(row);
      for (const free of [SUMMARY, QUESTION, 'Rosa', 'Matías', 'Sube 10 puntos']) expect(text).not.toContain(free);
      expect(row.endpoint).toMatch(/^GET \/v1(\/[a-z.]+|\/:[A-Za-z]+)+$/);
    }
  });

  describe('GET /v1/audit', () => {
    it('is for admins only', async () => {
      for (const as of ['analyst', 'network'])
        expect((await t.as(tokens[as].token).get('/v1/audit').expect(403)).body.code).toBe('AUTH.FORBIDDEN');
      await t.http().get('/v1/audit').expect(401);
    });

    it('answers newest first and filters by network and token', async () => {
      const all = (await audit('?limit=1000').expect(200)).body;
      expect(all.next).toBeNull();
      const ids = all.records.map((r: { id: number }) => r.id);
      expect(ids).toEqual([...ids].sort((a, b) => b - a));
      const own = (await audit(`?networkId=${OWN}&limit=1000`).expect(200)).body.records;
      expect(own.length).toBeGreaterThan(0);
      expect(own).toEqual(all.records.filter((r: { networkId: string | null }) => r.networkId === OWN));
      const analyst = (await audit(`?tokenId=${tokens.analyst.id}&limit=1000`).expect(200)).body.records;
      expect(analyst.length).toBeGreaterThan(0);
      expect(analyst).toEqual(all.records.filter((r: { tokenId: string }) => r.tokenId === tokens.analyst.id));
      const both = (await audit(`?tokenId=${tokens.network.id}&networkId=${OTHER}`).expect(200)).body;
      expect(both).toEqual({ records: [], next: null });
    });

    it('pages with limit and before until next is null', async () => {
      const all = (await audit('?limit=1000').expect(200)).body.records;
      const seen: unknown[] = [];
      let query = '?limit=2';
      for (;;) {
        const page = (await audit(query).expect(200)).body;
        expect(page.records.length).toBeLessThanOrEqual(2);
        seen.push(...page.records);
        if (page.next === null) break;
        query = `?limit=2&before=${page.next}`;
      }
      expect(seen).toEqual(all);
    });

    it('filters by time: from inclusive, to exclusive, dates as UTC midnight', async () => {
      const store = t.app.get(AccessLogStore);
      const at = (n: number) => `2020-01-0${n}T12:00:00.000Z`;
      for (const n of [1, 2, 3]) {
        await store.append({
          at: at(n),
          tokenId: 'viejo',
          role: 'analyst',
          networkId: null,
          endpoint: 'GET /v1/events',
          correlationId: `viejo-${n}`,
        });
      }
      const ats = async (query: string) =>
        (await audit(`?tokenId=viejo&${query}`).expect(200)).body.records.map((r: { at: string }) => r.at);
      expect(await ats('from=2020-01-02&to=2020-01-03')).toEqual([at(2)]);
      expect(await ats(`from=${at(2)}`)).toEqual([at(3), at(2)]);
      expect(await ats(`to=${at(2)}`)).toEqual([at(1)]);
      expect(await ats('from=2020-01-02T09:00:00-03:00&to=2020-01-02T09:00:01-03:00')).toEqual([at(2)]);
      expect(await ats('limit=1')).toEqual([at(3)]);
    });

    it.each([
      ['limit=0', 'limit'],
      ['limit=1001', 'limit'],
      ['before=0', 'before'],
      ['from=ayer', 'from'],
      ['to=2026-13-01', 'to'],
      ['from=2026-12-02&to=2026-12-01', 'to'],
      ['networkId=RED!', 'networkId'],
      ['tokenId=a%20b', 'tokenId'],
      ['endpoint=x', 'endpoint'],
    ])('refuses %s naming %s', async (query, field) => {
      const res = await audit(`?${query}`).expect(400);
      expect(res.body.code).toBe('VALIDATION.FAILED');
      expect(res.body.details.map((d: { field: string }) => d.field)).toContain(field);
    });
  });

  it('housekeeping deletes records older than INDAGA_AUDIT_RETENTION_DAYS (730) and keeps the rest', async () => {
    const store = t.app.get(AccessLogStore);
    const now = new Date('2026-12-31T00:00:00.000Z');
    const daysAgo = (days: number) => new Date(now.getTime() - days * 86_400_000).toISOString();
    for (const [n, days] of [731, 730.01, 729.99, 10].entries()) {
      await store.append({
        at: daysAgo(days),
        tokenId: 'retenido',
        role: 'admin',
        networkId: OWN,
        endpoint: 'GET /v1/networks/:networkId',
        correlationId: `retenido-${n}`,
      });
    }
    const kept = async () =>
      (await audit('?tokenId=retenido').expect(200)).body.records.map(
        (r: { correlationId: string }) => r.correlationId,
      );
    expect(await kept()).toHaveLength(4);
    const before = (await audit('?limit=1000').expect(200)).body.records.length;
    const retention = t.app.get(AccessLogRetention);
    expect(await retention.purgeNow(now)).toBeGreaterThanOrEqual(2);
    expect(await kept()).toEqual(['retenido-3', 'retenido-2']);
    expect(await retention.purgeNow(now)).toBe(0);
    // Only records past retention went (the 2020 ones of the time-filter test too); this run's own stayed.
    const after = (await audit('?limit=1000').expect(200)).body.records;
    expect(after.every((r: { at: string }) => r.at >= daysAgo(730))).toBe(true);
    expect(after.length).toBeLessThan(before);
  });
});
