import { EVENT_STORE, type EventStore } from '@indaga/event-store';
import { ExpiredRecordsPurge } from '../../apps/api/src/operations/expired-records-purge';
import { network } from '../support/fixtures';
import { startTestApp, TestApp } from '../support/test-app';

describe('operations endpoints', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp('sqlite');
  });
  afterAll(() => t.close());

  it('GET /health reports the store without a token', async () => {
    const res = await t.http().get('/health').expect(200);
    expect(res.body).toEqual({ status: 'ok', checks: { store: { status: 'up' } } });
  });

  it('GET /metrics counts requests by route pattern, never by raw URL', async () => {
    await t.admin().post('/v1/networks').send(network('red-metricas')).expect(201);
    await t.admin().get('/v1/networks/red-metricas/events').expect(200);
    const res = await t.http().get('/metrics').expect(200);
    expect(res.headers['content-type']).toMatch(/^text\/plain/);
    expect(res.text).toMatch(/indaga_http_requests_total\{method="POST",route="\/v1\/networks",status="201"\} 1/);
    expect(res.text).toContain('route="/v1/networks/:networkId/events"');
    expect(res.text).not.toContain('red-metricas');
  });

  it('serves the OpenAPI document with every write body and its examples', async () => {
    const res = await t.http().get('/docs-json').expect(200);
    const paths = res.body.paths as Record<string, Record<string, { requestBody?: unknown }>>;
    const writes = Object.entries(paths).flatMap(([path, ops]) =>
      Object.entries(ops)
        .filter(([m, op]) => (m === 'post' || m === 'put') && op.requestBody !== undefined)
        .map(([m, op]) => [`${m} ${path}`, op] as const),
    );
    expect(writes.map(([name]) => name).sort()).toEqual(
      [
        'post /v1/networks',
        'post /v1/networks/{networkId}/cycles',
        'post /v1/networks/{networkId}/cycles/{cycleId}/actions',
        'post /v1/networks/{networkId}/cycles/{cycleId}/analysis',
        'post /v1/networks/{networkId}/cycles/{cycleId}/close',
        'post /v1/networks/{networkId}/redactions',
        'post /v1/networks/{networkId}/schools',
        'post /v1/networks/{networkId}/schools/{schoolId}/leave',
        'post /v1/networks/{networkId}/sessions',
        'post /v1/networks/{networkId}/sessions/{sessionId}/withdraw',
        'post /v1/tokens',
        'put /v1/networks/{networkId}/sessions/{sessionId}',
      ].sort(),
    );
    const schemas = res.body.components.schemas as Record<
      string,
      { properties: Record<string, { example?: unknown; $ref?: string; items?: unknown }> }
    >;
    for (const [name, op] of writes) {
      const ref = (op.requestBody as { content: Record<string, { schema: { $ref: string } }> }).content[
        'application/json'
      ].schema.$ref;
      const schema = schemas[ref.split('/').pop()!];
      for (const [field, prop] of Object.entries(schema.properties)) {
        const documented = prop.example !== undefined || prop.$ref !== undefined || prop.items !== undefined;
        expect([name, field, documented]).toEqual([name, field, true]);
      }
    }
    await t.http().get('/docs').expect(200).expect('content-type', /html/);
  });

  it('echoes a well-formed X-Correlation-Id and replaces a malformed one', async () => {
    const echoed = await t.http().get('/v1/events').set('X-Correlation-Id', 'abc-123');
    expect(echoed.headers['x-correlation-id']).toBe('abc-123');
    expect(echoed.body.correlationId).toBe('abc-123');
    const replaced = await t.http().get('/v1/events').set('X-Correlation-Id', 'bad id with spaces');
    expect(replaced.headers['x-correlation-id']).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('housekeeping deletes expired Idempotency-Key records and keeps live ones', async () => {
    await t.admin().post('/v1/networks').send(network('red-limpieza')).expect(201);
    const body = network('red-limpieza-2');
    const first = await t.admin().post('/v1/networks').set('Idempotency-Key', 'viva').send(body).expect(201);
    const store = t.app.get<EventStore>(EVENT_STORE);
    const yesterday = new Date(Date.now() - 25 * 3600 * 1000).toISOString();
    for (const n of [1, 2, 3]) {
      await store.appendToStream('network-red-limpieza', [], {
        expectedVersion: 'any',
        idempotency: { scope: 'env-admin', key: `vencida-${n}`, value: '{}', expiresAt: yesterday },
      });
    }
    const purge = t.app.get(ExpiredRecordsPurge);
    expect(await purge.purgeNow()).toBe(3);
    expect(await purge.purgeNow()).toBe(0);
    const replay = await t.admin().post('/v1/networks').set('Idempotency-Key', 'viva').send(body).expect(201);
    expect(replay.headers['idempotent-replayed']).toBe('true');
    expect(replay.body).toEqual(first.body);
  });
});
