import { analysis, close, cycle, jointAction, network, school, session } from '../support/fixtures';
import { STORE_KINDS, startTestApp, TestApp } from '../support/test-app';

/** Every error code of SPEC section 3 (and the domain's), with its status, and proof that a refusal writes nothing. */
describe.each(STORE_KINDS)('error answers (%s)', (kind) => {
  let t: TestApp;
  const id = 'red-errores';
  const base = `/v1/networks/${id}`;

  beforeAll(async () => {
    t = await startTestApp(kind);
    await t.admin().post('/v1/networks').send(network(id)).expect(201);
    for (const s of ['10123', '10456']) await t.admin().post(`${base}/schools`).send(school(s)).expect(201);
    await t
      .admin()
      .post(`${base}/sessions`)
      .send(session({ sessionId: 's1' }))
      .expect(201);
    await t
      .admin()
      .post(`${base}/cycles`)
      .send(cycle({ cycleId: 'c-open' }))
      .expect(201);
    await t
      .admin()
      .post(`${base}/cycles`)
      .send(cycle({ cycleId: 'c-acted' }))
      .expect(201);
    await t
      .admin()
      .post(`${base}/cycles/c-acted/actions`)
      .send(jointAction({ actionId: 'a1' }))
      .expect(201);
    await t
      .admin()
      .post(`${base}/cycles`)
      .send(cycle({ cycleId: 'c-closed' }))
      .expect(201);
    await t
      .admin()
      .post(`${base}/cycles/c-closed/close`)
      .send(close({ decision: 'abandon', closedOn: '2016-04-21' }))
      .expect(200);
  });
  afterAll(() => t.close());

  async function version(): Promise<number> {
    const res = await t.admin().get(`${base}/events?fromVersion=1&limit=1000`).expect(200);
    return res.body.events.length;
  }

  const future = new Date(Date.now() + 3 * 86_400_000).toISOString().slice(0, 10);
  const cases: Array<[string, string, string, unknown, number, string]> = [
    ['register twice', 'post', '/v1/networks', network(id), 409, 'NETWORK.ALREADY_REGISTERED'],
    ['write to an unknown network', 'post', '/v1/networks/red-fantasma/schools', school('1'), 404, 'NETWORK.NOT_FOUND'],
    [
      'join twice',
      'post',
      `${base}/schools`,
      school('10123', { joinedOn: '2016-05-01' }),
      409,
      'SCHOOL.ALREADY_MEMBER',
    ],
    [
      'leave a school that is not a member',
      'post',
      `${base}/schools/99999/leave`,
      { leftOn: '2016-05-01' },
      422,
      'SCHOOL.NOT_MEMBER',
    ],
    [
      'a session with a non-member present',
      'post',
      `${base}/sessions`,
      session({ schoolsPresent: ['10123', '77777'] }),
      422,
      'SCHOOL.NOT_MEMBER',
    ],
    [
      'a session on the day its schools joined (accepted)',
      'post',
      `${base}/sessions`,
      session({ heldOn: '2016-03-01', schoolsPresent: ['10123'] }),
      201,
      '',
    ],
    [
      'a session id recorded twice',
      'post',
      `${base}/sessions`,
      session({ sessionId: 's1' }),
      409,
      'SESSION.ALREADY_RECORDED',
    ],
    [
      'correct an unknown session',
      'put',
      `${base}/sessions/nope`,
      { ...session(), reason: 'x' },
      404,
      'SESSION.NOT_FOUND',
    ],
    [
      'withdraw an unknown session',
      'post',
      `${base}/sessions/nope/withdraw`,
      { reason: 'x' },
      404,
      'SESSION.NOT_FOUND',
    ],
    ['an action in a closed cycle', 'post', `${base}/cycles/c-closed/actions`, jointAction(), 422, 'CYCLE.NOT_OPEN'],
    [
      'an analysis with no joint action',
      'post',
      `${base}/cycles/c-open/analysis`,
      analysis(),
      422,
      'CYCLE.NO_JOINT_ACTION',
    ],
    [
      'closing unanalysed with adopt',
      'post',
      `${base}/cycles/c-acted/close`,
      close({ decision: 'adopt' }),
      422,
      'CYCLE.NOT_ANALYSED',
    ],
    [
      'an action dated before the cycle opened',
      'post',
      `${base}/cycles/c-open/actions`,
      jointAction({ carriedOutOn: '2016-04-01' }),
      422,
      'CYCLE.DATE_ORDER',
    ],
    ['a date in the future', 'post', `${base}/sessions`, session({ heldOn: future }), 422, 'DATE.OUT_OF_RANGE'],
    [
      'a date before registration',
      'post',
      `${base}/cycles`,
      cycle({ openedOn: '2015-12-31' }),
      422,
      'DATE.OUT_OF_RANGE',
    ],
    ['an unknown cycle', 'post', `${base}/cycles/nope/actions`, jointAction(), 404, 'CYCLE.NOT_FOUND'],
    ['a cycle id reused', 'post', `${base}/cycles`, cycle({ cycleId: 'c-open' }), 409, 'CYCLE.ALREADY_OPENED'],
    [
      'an action id reused',
      'post',
      `${base}/cycles/c-acted/actions`,
      jointAction({ actionId: 'a1' }),
      409,
      'ACTION.ALREADY_RECORDED',
    ],
    ['a bad path id', 'post', '/v1/networks/X!/schools', school('1'), 400, 'VALIDATION.FAILED'],
    ['an unknown route', 'get', '/v1/nothing-here', undefined, 404, 'ROUTE.NOT_FOUND'],
  ];

  it.each(cases)('%s → %i %s', async (_name, method, url, body, status, code) => {
    const before = await version();
    const req = t.admin()[method as 'post' | 'put' | 'get'](url);
    const res = await (body === undefined ? req : req.send(body as object));
    expect(res.status).toBe(status);
    if (status >= 400) {
      expect(res.body).toEqual({
        statusCode: status,
        code,
        message: expect.any(String),
        correlationId: expect.any(String),
        ...(res.body.details ? { details: res.body.details } : {}),
      });
      expect(res.headers['x-correlation-id']).toBe(res.body.correlationId);
      expect(await version()).toBe(before);
    }
  });

  it('names every bad field of a body in one 400 and writes nothing', async () => {
    const before = await version();
    const res = await t
      .admin()
      .post(`${base}/sessions`)
      .send({
        heldOn: '2016-02-30',
        facilitator: 'boss',
        schoolsPresent: [],
        attendance: { principals: -1, utpHeads: 1.5, teachers: 1, sostenedorReps: 1 },
        activities: [
          { kind: 'gossip', minutes: 0 },
          { kind: 'joint_planning', minutes: 601, summary: '   ' },
        ],
        unexpected: true,
      });
    expect(res.status).toBe(400);
    expect(res.body.code).toBe('VALIDATION.FAILED');
    const fields = res.body.details.map((d: { field: string }) => d.field).sort();
    expect(fields).toEqual(
      [
        'activities[0].kind',
        'activities[0].minutes',
        'activities[1].minutes',
        'activities[1].summary',
        'attendance.principals',
        'attendance.supervisors',
        'attendance.utpHeads',
        'facilitator',
        'heldOn',
        'schoolsPresent',
        'unexpected',
      ].sort(),
    );
    expect(res.body.details.find((d: { field: string }) => d.field === 'attendance.supervisors').message).toBe(
      'supervisors is required',
    );
    expect(await version()).toBe(before);
  });

  it.each([
    ['malformed JSON', '{"networkId": ', 400, 'BODY.MALFORMED_JSON'],
    ['a JSON array body', '[1,2]', 400, 'VALIDATION.FAILED'],
    [
      'a body over 1 MiB',
      JSON.stringify({ ...network('red-grande'), name: 'x'.repeat(1024 * 1024) }),
      413,
      'BODY.TOO_LARGE',
    ],
  ])('%s → %i %s', async (_name, payload, status, code) => {
    const res = await t
      .admin()
      .post('/v1/networks')
      .set('content-type', 'application/json')
      .send(payload as string);
    expect(res.status).toBe(status);
    expect(res.body.code).toBe(code);
  });

  it('answers 401 without or with a bad token and 412 on a stale If-Match', async () => {
    const missing = await t.http().get(`${base}/events`);
    expect(missing.status).toBe(401);
    expect(missing.body.code).toBe('AUTH.MISSING');
    const invalid = await t.as('idg_nope_' + 'a'.repeat(43)).get(`${base}/events`);
    expect(invalid.status).toBe(401);
    expect(invalid.body.code).toBe('AUTH.INVALID');
    const before = await version();
    const stale = await t.admin().post(`${base}/sessions`).set('If-Match', '"1"').send(session());
    expect(stale.status).toBe(412);
    expect(stale.body.code).toBe('VERSION.MISMATCH');
    expect(stale.body.details).toEqual({ expectedVersion: 1, actualVersion: before });
    expect(await version()).toBe(before);
  });
});
