import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { Client } from 'pg';
import type { Test } from 'supertest';
import { networkStreamId } from '@indaga/domain';
import { EVENT_STORE, type EventStore } from '@indaga/event-store';
import { isSealed, TextOpener } from '@indaga/platform';
import { PROJECTION_SCHEDULER, type ProjectionScheduler } from '@indaga/projections';
import { describeReport, plainTextReport } from '../../apps/api/src/operations/personal-data/plain-text-report';
import { analysis, cycle, jointAction, network, school, session } from '../support/fixtures';
import { STORE_KINDS, startTestApp, TestApp } from '../support/test-app';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const ndjsonOf = (req: Test): Promise<Json[]> =>
  req
    .buffer(true)
    .parse((res, done) => {
      let text = '';
      res.on('data', (c: Buffer) => (text += c.toString('utf8')));
      res.on('end', () => done(null, text));
    })
    .then((res) =>
      (res.body as string)
        .split('\n')
        .filter((l) => l !== '')
        .map((l) => JSON.parse(l) as Json),
    );

/** Every free text the fixtures write: none of it may appear in plain form at rest. */
const TEXTS = [
  'Ley 21.040 y los SLEP',
  'comprensión lectora',
  'Sube 10 puntos',
  'Observación de aula cruzada',
  'La comprensión subió',
  'Modelar antes de pedir',
  'Profesora Ana Pérez',
];

/** Without the stream version, which a redaction advances: what must stay identical. */
const figures = (body: Json): string => JSON.stringify({ ...body, version: undefined });

/** SPEC 6: free text sealed at rest, opened by every reader, erased by key destruction. */
describe.each(STORE_KINDS)('personal data (%s)', (kind) => {
  let t: TestApp;
  let store: EventStore;
  const id = 'red-datos-personales';
  const base = `/v1/networks/${id}`;
  let cycleId = '';
  let version = 0;

  const seed = async (networkId: string): Promise<{ cycleId: string; version: number }> => {
    const at = `/v1/networks/${networkId}`;
    await t.admin().post('/v1/networks').send(network(networkId)).expect(201);
    for (const s of ['10123', '10456']) await t.admin().post(`${at}/schools`).send(school(s)).expect(201);
    await t.admin().post(`${at}/sessions`).send(session()).expect(201);
    const c = 'ciclo-lectura';
    await t
      .admin()
      .post(`${at}/cycles`)
      .send(cycle({ cycleId: c, focus: 'Profesora Ana Pérez' }))
      .expect(201);
    await t.admin().post(`${at}/cycles/${c}/actions`).send(jointAction()).expect(201);
    const last = (await t.admin().post(`${at}/cycles/${c}/analysis`).send(analysis()).expect(201)).body;
    return { cycleId: c, version: last.version };
  };

  /** Every row of every table of the service's database (SQL stores), as text. */
  const everyRow = async (): Promise<string> => {
    if (kind === 'postgres') {
      const client = new Client({ connectionString: t.config.databaseUrl });
      await client.connect();
      try {
        const tables = await client.query<{ t: string }>(
          `SELECT quote_ident(table_schema) || '.' || quote_ident(table_name) AS t FROM information_schema.tables
           WHERE table_schema NOT IN ('pg_catalog', 'information_schema') AND table_type = 'BASE TABLE'`,
        );
        let all = '';
        for (const { t: table } of tables.rows) {
          const rows = await client.query<{ r: string }>(`SELECT x::text AS r FROM ${table} x`);
          all += rows.rows.map((r) => r.r).join('\n');
        }
        return all;
      } finally {
        await client.end();
      }
    }
    // SQLite: every file of the data directory (database, WAL, generated key), as bytes.
    const dir = dirname(t.config.sqlitePath);
    return readdirSync(dir)
      .map((f) => readFileSync(join(dir, f)).toString('utf8'))
      .join('\n');
  };

  const dataKeyRows = async (): Promise<Array<{ version: number }>> => {
    if (kind === 'postgres') {
      const client = new Client({ connectionString: t.config.databaseUrl });
      await client.connect();
      try {
        return (await client.query('SELECT version FROM data_keys WHERE stream_id = $1', [networkStreamId(id)])).rows;
      } finally {
        await client.end();
      }
    }
    // SQLite and KurrentDB (whose keys live in the service's SQLite file here): the table itself.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const Database = require('better-sqlite3');
    const db = new Database(t.config.sqlitePath, { readonly: true });
    try {
      return db.prepare('SELECT version FROM data_keys WHERE stream_id = ?').all(networkStreamId(id));
    } finally {
      db.close();
    }
  };

  beforeAll(async () => {
    t = await startTestApp(kind);
    store = t.app.get<EventStore>(EVENT_STORE);
    ({ cycleId, version } = await seed(id));
    await t.admin().get(`${base}/trajectory?minVersion=${version}`).expect(200);
  });
  afterAll(() => t.close());

  it('every reader shows the text plain', async () => {
    const events = (await t.admin().get(`${base}/events`).expect(200)).body.events as Json[];
    expect(events[3].data.activities[0].summary).toBe('Ley 21.040 y los SLEP');
    expect(events[4].data).toMatchObject({ question: cycle().question, prediction: 'Sube 10 puntos' });
    expect(events.every((e) => e.redacted === undefined)).toBe(true);
    const log = (await t.admin().get('/v1/events').expect(200)).body.events as Json[];
    expect(log.find((e) => e.type === 'JointActionCarriedOut')?.data.title).toBe('Observación de aula cruzada');
    const c = (await t.admin().get(`${base}/cycles/${cycleId}?minVersion=${version}`).expect(200)).body;
    expect(c).toMatchObject({ question: cycle().question, focus: 'Profesora Ana Pérez' });
    expect(c.analyses[0]).toMatchObject({ findings: analysis().findings, lessonsLearned: analysis().lessonsLearned });
    expect((await t.admin().get(`${base}`).expect(200)).body.cycles[0].question).toBe(cycle().question);
    const state = (await t.admin().get(`${base}/state?version=5`).expect(200)).body;
    expect(state.state.cycles[0].question).toBe(cycle().question);
    const exported = await ndjsonOf(t.admin().get(`/v1/exports/events.ndjson?networkId=${id}`));
    expect(exported[6].data.lessonsLearned).toEqual(analysis().lessonsLearned);
  });

  it('the store holds sealed text only, with its key id and schema version in the metadata', async () => {
    const raw = await store.readStream(networkStreamId(id));
    const text = JSON.stringify(raw);
    for (const plain of TEXTS) expect(text).not.toContain(plain);
    expect(isSealed(raw[4].data && (raw[4].data as Json).question)).toBe(true);
    expect(raw[4].metadata).toMatchObject({ schemaVersion: 2, keyId: expect.any(String) });
    expect(raw[0].metadata).toMatchObject({ schemaVersion: 2 });
    expect(raw[0].metadata.keyId).toBeUndefined();
    if (kind !== 'kurrentdb') {
      const rows = await everyRow();
      for (const plain of TEXTS) expect(rows).not.toContain(plain);
      expect(rows).toContain(network(id).name); // names are not personal data: stored as is
    }
    expect((await dataKeyRows()).map((r) => r.version).sort()).toEqual([4, 5, 6, 7]);
  });

  it('a redaction erases the listed versions everywhere, past versions and exports included, and changes no figure', async () => {
    const reads = [
      `${base}/trajectory`,
      `${base}/indicators`,
      `${base}/trajectory?period=year`,
      `${base}/signals`,
      `${base}/collaboration`,
    ];
    const before = await Promise.all(reads.map(async (p) => figures((await t.admin().get(p).expect(200)).body)));
    const stateBefore = (await t.admin().get(`${base}/state`).expect(200)).body;
    const keyOf5 = (await store.readStream(networkStreamId(id), { fromVersion: 5, limit: 1 }))[0].metadata.keyId;

    const body = { versions: [5, 4], reason: 'Solicitud de supresión (Ley 21.719)' };
    const first = await t
      .admin()
      .post(`${base}/redactions`)
      .set('Idempotency-Key', 'supresion-1')
      .send(body)
      .expect(201);
    expect(first.body.events).toEqual([{ type: 'TextRedacted', version: version + 1 }]);
    const again = await t
      .admin()
      .post(`${base}/redactions`)
      .set('Idempotency-Key', 'supresion-1')
      .send(body)
      .expect(201);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.body.version).toBe(version + 1);
    const now = version + 1;

    const events = (await t.admin().get(`${base}/events`).expect(200)).body.events as Json[];
    expect(events[4]).toMatchObject({ redacted: true, data: { question: null, prediction: null, focus: null } });
    expect(events[4].data.orientation).toBe('improvement');
    expect(events[3]).toMatchObject({ redacted: true });
    expect(events[3].data.activities[0]).toEqual({ kind: 'policy_briefing', minutes: 30, summary: null });
    expect(events[5].redacted).toBeUndefined();
    expect(events[5].data.title).toBe('Observación de aula cruzada');
    expect(events[7]).toMatchObject({ type: 'TextRedacted', data: { versions: [4, 5], reason: body.reason } });
    const log = (await t.admin().get('/v1/events').expect(200)).body.events as Json[];
    expect(log.find((e) => e.type === 'InquiryCycleOpened')).toMatchObject({
      redacted: true,
      data: { question: null },
    });

    const c = (await t.admin().get(`${base}/cycles/${cycleId}?minVersion=${now}`).expect(200)).body;
    expect(c).toMatchObject({ redacted: true, question: null, prediction: null, focus: null });
    expect(c.analyses[0].findings).toBe(analysis().findings);
    expect(c.analyses[0].redacted).toBeUndefined();
    expect((await t.admin().get(`${base}?minVersion=${now}`).expect(200)).body.cycles[0]).toMatchObject({
      question: null,
      redacted: true,
    });
    for (const past of ['?version=5', `?asOf=${encodeURIComponent(new Date().toISOString())}`, '']) {
      const state = (await t.admin().get(`${base}/state${past}`).expect(200)).body;
      expect(state.state.cycles[0]).toMatchObject({ question: null, redacted: true });
    }
    const exported = await ndjsonOf(t.admin().get(`/v1/exports/events.ndjson?networkId=${id}`));
    expect(exported[4]).toMatchObject({ redacted: true, data: { question: null } });
    expect(JSON.stringify(exported)).not.toContain('comprensión lectora');
    expect(exported[6].data.findings).toBe(analysis().findings);

    // The key rows are deleted, not flagged; the ciphertext stays, and nothing can open it.
    expect((await dataKeyRows()).map((r) => r.version).sort()).toEqual([6, 7, now]);
    expect((await store.readDataKeys!([keyOf5 as string])).size).toBe(0);
    const raw = (await store.readStream(networkStreamId(id), { fromVersion: 5, limit: 1 }))[0];
    expect(isSealed((raw.data as Json).question)).toBe(true);

    // Trajectories, indicators and analyses: the same bytes (but the version they reflect).
    const after = await Promise.all(
      reads.map(async (p) => {
        const sep = p.includes('?') ? '&' : '?';
        const path = p.endsWith('trajectory') || p.endsWith('indicators') ? `${p}${sep}minVersion=${now}` : p;
        return figures((await t.admin().get(path).expect(200)).body);
      }),
    );
    expect(after).toEqual(before);
    const stateAfter = (await t.admin().get(`${base}/state`).expect(200)).body;
    expect(figures(stateAfter.trajectory)).toBe(figures(stateBefore.trajectory));
    expect(figures(stateAfter.indicators)).toBe(figures(stateBefore.indicators));
  });

  it('an export page of many sealed events (opened on the opening thread) equals /events, erased text as null', async () => {
    const big = 'red-muchas-sesiones';
    const at = `/v1/networks/${big}`;
    await t.admin().post('/v1/networks').send(network(big)).expect(201);
    for (const s of ['10123', '10456']) await t.admin().post(`${at}/schools`).send(school(s)).expect(201);
    for (let i = 0; i < 140; i++) {
      const summary = `Profesora ${i}: "lectura", compartida\ncon ñandú 📚`;
      const activities = [{ kind: 'practice_sharing', minutes: 40, summary }];
      await t.admin().post(`${at}/sessions`).send(session({ activities })).expect(201);
    }
    await t
      .admin()
      .post(`${at}/redactions`)
      .send({ versions: [10, 77], reason: 'Supresión' })
      .expect(201);
    await t.app.get(TextOpener).warm(); // else the first pages open on the main thread while the thread loads
    const events = (await t.admin().get(`${at}/events?limit=500`).expect(200)).body.events as Json[];
    expect(events).toHaveLength(144);
    const exported = await ndjsonOf(t.admin().get(`/v1/exports/events.ndjson?networkId=${big}`));
    const withoutStream = (lines: Json[]) =>
      lines.map(({ streamId, ...e }) => (expect(streamId).toBe(networkStreamId(big)), e));
    expect(withoutStream(exported)).toEqual(events);
    expect(exported[9]).toMatchObject({ redacted: true, data: { activities: [{ summary: null }] } });
    expect(exported[50].data.activities[0].summary).toBe('Profesora 47: "lectura", compartida\ncon ñandú 📚');
    const whole = await ndjsonOf(t.admin().get('/v1/exports/events.ndjson'));
    expect(withoutStream(whole.filter((e) => e.streamId === networkStreamId(big)))).toEqual(events);
  });

  it('"all" erases every text of the network so far; later text is readable', async () => {
    await t.admin().post(`${base}/redactions`).send({ versions: 'all', reason: 'Cierre de la red' }).expect(201);
    const events = (await t.admin().get(`${base}/events`).expect(200)).body.events as Json[];
    expect(events[5]).toMatchObject({ redacted: true, data: { title: null } });
    expect(events[6]).toMatchObject({ redacted: true, data: { findings: null, lessonsLearned: [null] } });
    // The redaction's own reason is not among "every text so far": it stays readable (and can be redacted by version).
    expect(events[8]).toMatchObject({ type: 'TextRedacted', data: { versions: 'all', reason: 'Cierre de la red' } });
    expect(events[8].redacted).toBeUndefined();
    expect((await dataKeyRows()).map((r) => r.version)).toEqual([9]);
    await t
      .admin()
      .post(`${base}/sessions`)
      .send(session({ heldOn: '2016-07-01' }))
      .expect(201);
    const last = (await t.admin().get(`${base}/events?fromVersion=10`).expect(200)).body.events as Json[];
    expect(last[0].data.activities[0].summary).toBe('Ley 21.040 y los SLEP');
    // Redacting what has no text, or was already redacted, is not an error.
    await t
      .admin()
      .post(`${base}/redactions`)
      .send({ versions: [1, 5], reason: 'otra vez' })
      .expect(201);
  });

  it('refuses bad redactions, naming the field, and writes nothing', async () => {
    const head = (await t.admin().get(`${base}/events?fromVersion=1&limit=1000`).expect(200)).body.events.length;
    for (const [bad, field] of [
      [{ reason: 'x' }, 'versions'],
      [{ versions: [], reason: 'x' }, 'versions'],
      [{ versions: [0], reason: 'x' }, 'versions'],
      [{ versions: 'some', reason: 'x' }, 'versions'],
      [{ versions: [1] }, 'reason'],
      [{ versions: [1], reason: 'x', extra: 1 }, 'extra'],
    ] as const) {
      const res = await t.admin().post(`${base}/redactions`).send(bad).expect(400);
      expect(res.body.details.map((d: { field: string }) => d.field)).toContain(field);
    }
    const unknown = await t
      .admin()
      .post(`${base}/redactions`)
      .send({ versions: [2, 999], reason: 'x' })
      .expect(422);
    expect(unknown.body).toMatchObject({ code: 'REDACTION.UNKNOWN_VERSION', details: { unknown: [999] } });
    await t
      .admin()
      .post('/v1/networks/no-such-network/redactions')
      .send({ versions: [1], reason: 'x' })
      .expect(404);
    const own = (await t.admin().post('/v1/tokens').send({ role: 'network', networkId: id }).expect(201)).body.token;
    await t
      .as(own)
      .post(`${base}/redactions`)
      .send({ versions: [1], reason: 'x' })
      .expect(403);
    expect((await t.admin().get(`${base}/events?limit=1000`).expect(200)).body.events.length).toBe(head);
  });

  it('events written before SPEC 6 (plain text, no schemaVersion) read correctly through every reader', async () => {
    const old = 'red-anterior';
    const stream = networkStreamId(old);
    const at = { actor: 'admin', correlationId: 'legacy' };
    const legacy = [
      { type: 'NetworkRegistered', data: { ...network(old) } },
      { type: 'SchoolJoined', data: { ...school('10123') } },
      {
        type: 'InquiryCycleOpened',
        data: { cycleId: 'c-antiguo', ...cycle({ schools: ['10123'] }), focus: 'Texto antiguo en claro' },
      },
    ];
    await store.appendToStream(
      stream,
      legacy.map((e) => ({ ...e, metadata: at })),
      { expectedVersion: 'no_stream' },
    );
    await t.app.get<ProjectionScheduler>(PROJECTION_SCHEDULER).notify(old);
    const events = (await t.admin().get(`/v1/networks/${old}/events`).expect(200)).body.events as Json[];
    expect(events[2].data).toMatchObject({ question: cycle().question, focus: 'Texto antiguo en claro' });
    const c = (await t.admin().get(`/v1/networks/${old}/cycles/c-antiguo?minVersion=3`).expect(200)).body;
    expect(c).toMatchObject({ question: cycle().question, focus: 'Texto antiguo en claro' });
    expect(c.redacted).toBeUndefined();
    expect((await t.admin().get(`/v1/networks/${old}?minVersion=3`).expect(200)).body.cycles[0].question).toBe(
      cycle().question,
    );
    expect((await t.admin().get(`/v1/networks/${old}/state?version=3`).expect(200)).body.state.cycles[0]).toMatchObject(
      { question: cycle().question },
    );
    const exported = await ndjsonOf(t.admin().get(`/v1/exports/events.ndjson?networkId=${old}`));
    expect(exported[2].data.focus).toBe('Texto antiguo en claro');
    // A new event on the old stream is sealed; the old ones stay as they are.
    await t
      .admin()
      .post(`/v1/networks/${old}/cycles/c-antiguo/actions`)
      .send(jointAction({ schools: ['10123'] }));
    const raw = await store.readStream(stream);
    expect((raw[2].data as Json).focus).toBe('Texto antiguo en claro');
    expect(isSealed((raw[3].data as Json).title)).toBe(true);
    // npm run migrate:encrypt-text: the one plain-text event is counted, nothing is rewritten.
    const report = await plainTextReport(store);
    expect(report).toMatchObject({ plainTextEvents: 1, streams: 1 });
    expect(describeReport(kind, report)).toMatch(/1 con texto libre sin cifrar[^\n]*\n.*1 hold plain free text/);
  });
});
