import { network, school, session } from '../support/fixtures';
import { startTestApp, TestApp } from '../support/test-app';

/** The value of one sample line (`name{labels} value`), undefined when absent. */
function sample(text: string, name: string, labels: Record<string, string> = {}): number | undefined {
  for (const line of text.split('\n')) {
    if (!line.startsWith(name + '{') && !line.startsWith(name + ' ')) continue;
    const rest = line.slice(name.length);
    const labelText = rest.startsWith('{') ? rest.slice(1, rest.indexOf('}')) : '';
    if (Object.entries(labels).every(([k, v]) => labelText.split(',').includes(`${k}="${v}"`)))
      return Number(line.slice(line.lastIndexOf(' ') + 1));
  }
  return undefined;
}

/** /metrics answers the operator's questions (docs/operations.md): latency, store, projections, queue. */
describe('GET /metrics after writes', () => {
  let t: TestApp;
  let text: string;
  const id = 'red-medida';
  const base = `/v1/networks/${id}`;

  beforeAll(async () => {
    t = await startTestApp('sqlite');
    const other = await t.secondInstance();
    await t.admin().post('/v1/networks').send(network(id)).expect(201);
    for (const s of ['10123', '10456']) await t.admin().post(`${base}/schools`).send(school(s)).expect(201);
    // The other instance caches the network, then this one moves it: the other's next append conflicts and is retried.
    await other
      .admin()
      .post(`${base}/sessions`)
      .send(session({ heldOn: '2016-04-01' }))
      .expect(201);
    await t
      .admin()
      .post(`${base}/sessions`)
      .send(session({ heldOn: '2016-04-02' }))
      .expect(201);
    await other
      .admin()
      .post(`${base}/sessions`)
      .send(session({ heldOn: '2016-04-03' }))
      .expect(201);
    const keyed = () =>
      t
        .admin()
        .post(`${base}/sessions`)
        .set('Idempotency-Key', 'una-vez')
        .send(session({ heldOn: '2016-04-04' }));
    await keyed().expect(201);
    expect((await keyed().expect(201)).headers['idempotent-replayed']).toBe('true');
    // Projection-backed read that waits for the projection, so catch-ups have run and been measured.
    const { version } = (await t.admin().get(`${base}/events?limit=1000`).expect(200)).body.events.at(-1);
    await t.admin().get(`${base}?minVersion=${version}`).expect(200);
    text = (await t.http().get('/metrics').expect(200)).text;
  });
  afterAll(() => t.close());

  it('request latency by route pattern and status', () => {
    const labels = { method: 'POST', route: '/v1/networks/:networkId/sessions', status: '201' };
    expect(sample(text, 'indaga_http_request_duration_seconds_count', labels)).toBeGreaterThanOrEqual(3);
    expect(sample(text, 'indaga_http_request_duration_seconds_sum', labels)).toBeGreaterThan(0);
    expect(text).not.toContain(id);
  });

  it('append batch sizes, commit latency and conflicts per store', () => {
    expect(sample(text, 'indaga_append_batch_size_count', { store: 'sqlite' })).toBeGreaterThanOrEqual(7);
    expect(sample(text, 'indaga_append_batch_size_sum', { store: 'sqlite' })).toBeGreaterThanOrEqual(7);
    expect(sample(text, 'indaga_append_commit_seconds_sum', { store: 'sqlite' })).toBeGreaterThan(0);
    expect(sample(text, 'indaga_append_conflicts_total', { store: 'sqlite' })).toBeGreaterThanOrEqual(1);
  });

  it('idempotent replays', () => {
    expect(sample(text, 'indaga_idempotent_replays_total', { route: '/v1/networks/:networkId/sessions' })).toBe(1);
  });

  it('projection lag, parked networks, rebuild progress and catch-up durations', () => {
    for (const projection of ['network-views', 'overview']) {
      expect(sample(text, 'indaga_projection_lag_events', { projection })).toBeGreaterThanOrEqual(0);
      expect(sample(text, 'indaga_projection_lag_seconds', { projection })).toBeGreaterThanOrEqual(0);
      expect(sample(text, 'indaga_projection_parked_networks', { projection })).toBe(0);
      expect(sample(text, 'indaga_projection_rebuilding', { projection })).toBe(0);
      expect(sample(text, 'indaga_projection_rebuild_progress', { projection })).toBe(1);
    }
    expect(sample(text, 'indaga_catch_up_duration_seconds_count', { outcome: 'ok' })).toBeGreaterThanOrEqual(1);
    expect(sample(text, 'indaga_catch_up_duration_seconds_count', { outcome: 'failed' })).toBe(0);
  });

  it('queue depth and failed jobs', () => {
    for (const state of ['waiting', 'active', 'delayed', 'failed'])
      expect(sample(text, 'indaga_queue_jobs', { state })).toBeGreaterThanOrEqual(0);
    expect(sample(text, 'indaga_projection_job_failures_total', { job: 'catch-up' })).toBe(0);
  });

  it('lag counts events not yet reflected, in events and seconds', async () => {
    // Stop the in-process runner from catching up by reading the gauge right after a write: it is either
    // already caught up (0) or behind by that write; never negative, never more than the writes made.
    await t
      .admin()
      .post(`${base}/sessions`)
      .send(session({ heldOn: '2016-04-05' }))
      .expect(201);
    const now = (await t.http().get('/metrics').expect(200)).text;
    const lag = sample(now, 'indaga_projection_lag_events', { projection: 'network-views' })!;
    expect(lag === 0 || lag === 1).toBe(true);
    expect(sample(now, 'indaga_projection_lag_seconds', { projection: 'network-views' })).toBeLessThan(60);
  });
});
