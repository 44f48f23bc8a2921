import { analysis, close, cycle, jointAction, network, school, session } from '../support/fixtures';
import { STORE_KINDS, startTestApp, TestApp } from '../support/test-app';

/** A client following SPEC section 3 alone submits a network's whole history, reads it back and time-travels. */
describe.each(STORE_KINDS)('a network history over REST (%s)', (kind) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp(kind);
  });
  afterAll(() => t.close());

  it('records every write endpoint, answers versions as ETag, and replays the history', async () => {
    const id = 'red-maule-sur';
    const reg = await t.admin().post('/v1/networks').send(network(id)).expect(201);
    expect(reg.body).toEqual({ networkId: id, version: 1, events: [{ type: 'NetworkRegistered', version: 1 }] });
    expect(reg.headers.etag).toBe('"1"');

    for (const s of ['10123', '10456', '10789'])
      await t.admin().post(`/v1/networks/${id}/schools`).send(school(s)).expect(201);
    const left = await t
      .admin()
      .post(`/v1/networks/${id}/schools/10789/leave`)
      .send({ leftOn: '2016-06-01', reason: 'Cambio de red' })
      .expect(201);
    expect(left.body.events).toEqual([{ type: 'SchoolLeft', version: 5 }]);
    await t
      .admin()
      .post(`/v1/networks/${id}/schools`)
      .send(school('10789', { joinedOn: '2017-03-01' }))
      .expect(201);

    const held = await t.admin().post(`/v1/networks/${id}/sessions`).send(session()).expect(201);
    expect(held.body.id).toMatch(/^[0-9A-HJKMNP-TV-Z]{26}$/);
    const sessionId = held.body.id as string;
    await t
      .admin()
      .post(`/v1/networks/${id}/sessions`)
      .send(session({ sessionId: 'extra', heldOn: '2016-05-03' }))
      .expect(201);
    const corrected = await t
      .admin()
      .put(`/v1/networks/${id}/sessions/${sessionId}`)
      .send({ ...session({ heldOn: '2016-07-05' }), reason: 'La fecha era julio' })
      .expect(200);
    expect(corrected.body.events).toEqual([{ type: 'SessionCorrected', version: 9 }]);
    await t.admin().post(`/v1/networks/${id}/sessions/extra/withdraw`).send({ reason: 'Duplicada' }).expect(200);

    const opened = await t
      .admin()
      .post(`/v1/networks/${id}/cycles`)
      .send(cycle({ cycleId: 'lectura' }))
      .expect(201);
    expect(opened.body).toMatchObject({ id: 'lectura', version: 11 });
    const action = await t.admin().post(`/v1/networks/${id}/cycles/lectura/actions`).send(jointAction()).expect(201);
    expect(action.body.id).toBeDefined();
    await t.admin().post(`/v1/networks/${id}/cycles/lectura/analysis`).send(analysis()).expect(201);
    const closed = await t.admin().post(`/v1/networks/${id}/cycles/lectura/close`).send(close()).expect(200);
    expect(closed.body).toEqual({ networkId: id, version: 14, events: [{ type: 'InquiryCycleClosed', version: 14 }] });
    expect(closed.headers.etag).toBe('"14"');

    // The stream reads back in order, byte for byte, paged.
    const page1 = await t.admin().get(`/v1/networks/${id}/events?limit=10`).expect(200);
    expect(page1.body.events.map((e: { version: number }) => e.version)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(page1.body.next).toBe(11);
    expect(page1.body.events[0].data).toEqual(network(id));
    expect(page1.body.events[0].metadata).toMatchObject({
      actor: 'env-admin',
      correlationId: expect.any(String),
      recordedAt: expect.any(String),
    });
    const page2 = await t.admin().get(`/v1/networks/${id}/events?fromVersion=11&limit=10`).expect(200);
    expect(page2.body.events.map((e: { type: string }) => e.type)).toEqual([
      'InquiryCycleOpened',
      'JointActionCarriedOut',
      'CycleAnalysisRecorded',
      'InquiryCycleClosed',
    ]);
    expect(page2.body.next).toBeNull();
    expect(page2.body.events[0].data.question).toBe(cycle().question);

    // The global log has the same events with strictly increasing positions.
    const log = await t.admin().get('/v1/events?after=0&limit=1000').expect(200);
    const positions = log.body.events.map((e: { position: number }) => e.position);
    expect(positions).toHaveLength(14);
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
    expect(new Set(positions).size).toBe(14);
    expect(log.body.next).toBe(positions[13]);

    // Current state: members now, sessions counted after the withdrawal, the closed cycle.
    const now = await t.admin().get(`/v1/networks/${id}/state`).expect(200);
    expect(now.body.version).toBe(14);
    expect(now.body.state.schools.map((s: { schoolId: string }) => s.schoolId).sort()).toEqual([
      '10123',
      '10456',
      '10789',
    ]);
    expect(now.body.state.sessions).toBe(1);
    expect(now.body.state.cycles).toEqual([expect.objectContaining({ cycleId: 'lectura', phase: 'closed' })]);
    // The corrected session moved to 2016-Q3; the withdrawn one counts nowhere.
    const q2 = now.body.trajectory.periods.find((p: { period: string }) => p.period === '2016-Q2');
    const q3 = now.body.trajectory.periods.find((p: { period: string }) => p.period === '2016-Q3');
    expect(q2.minutes).toEqual({ informative: 0, collaborative: 0, cooperative: 0 });
    expect(q3.minutes).toEqual({ informative: 30, collaborative: 45, cooperative: 45 });
    expect(q2.multiSchoolJointActions).toBe(1);

    // Time travel: as of version 8 the first session was still in Q2 and the extra one counted.
    const v8 = await t.admin().get(`/v1/networks/${id}/state?version=8`).expect(200);
    expect(v8.body.version).toBe(8);
    expect(v8.body.state.sessions).toBe(2);
    const v8q2 = v8.body.trajectory.periods.find((p: { period: string }) => p.period === '2016-Q2');
    expect(v8q2.minutes).toEqual({ informative: 60, collaborative: 90, cooperative: 90 });
    expect(v8.body.trajectory.periods.at(-1).period).toBe('2017-Q1');

    // asOf: the moment the 4th event was recorded.
    const recordedAt = page1.body.events[3].metadata.recordedAt as string;
    const asOf = await t
      .admin()
      .get(`/v1/networks/${id}/state?asOf=${encodeURIComponent(recordedAt)}&period=year`)
      .expect(200);
    expect(asOf.body.version).toBeGreaterThanOrEqual(4);
    expect(asOf.body.trajectory.period).toBe('year');
    expect(asOf.body.indicators.periods[0]).toHaveProperty('depth');
    expect(asOf.body.indicators.periods[0]).toHaveProperty('leadership');
  });
});
