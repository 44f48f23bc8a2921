import fc from 'fast-check';
import { EVENT_STORE, EventStore } from '@indaga/event-store';
import { STORE_KINDS, startTestApp, TestApp } from '../support/test-app';
import { analysis, cycle, jointAction, network, school, session } from '../support/fixtures';
import { QUERY_NAMES, ROUTES, RouteCase, SEED } from './routes';

/**
 * The bad-input tier: generated paths, queries and bodies against every route,
 * on both stores. Whatever is sent: never a 5xx, the documented error shape
 * `{ statusCode, code, message, details?, correlationId }` on every refusal,
 * and no event written by a refused request (the store's head position is
 * the same before and after). Run counts are bounded so the tier stays short.
 */
const RUNS = Number(process.env.INDAGA_FUZZ_RUNS ?? 150);
const ERROR_KEYS = new Set(['statusCode', 'code', 'message', 'details', 'correlationId']);

const nasty = fc.constantFrom(
  '\u0000',
  'a\u0000b',
  '%00',
  '9007199254740993',
  '1e20',
  '-1',
  '0',
  'NaN',
  'Infinity',
  '1.5',
  '',
  ' ',
  'ñuble',
  '😀',
  '\ud800',
  '<script>',
  "'; DROP TABLE events; --",
  'x'.repeat(5000),
  '2016-02-30',
  '99999-01-01',
  'constructor',
  '__proto__',
);
const text = fc.oneof(nasty, fc.string(), fc.string({ unit: 'binary', maxLength: 20 }));
const scalar = fc.oneof(text, fc.integer(), fc.double(), fc.boolean(), fc.constant(null), fc.bigInt().map(Number));
const protoKey = fc.constantFrom('constructor', 'prototype', 'toString', 'hasOwnProperty', 'valueOf', '__proto__');

/** Percent-encodes any string, lone surrogates included (encodeURIComponent throws on those). */
const encode = (value: string) =>
  [...Buffer.from(value, 'utf8')]
    .map((b) =>
      /[A-Za-z0-9_.~-]/.test(String.fromCharCode(b)) ? String.fromCharCode(b) : `%${b.toString(16).padStart(2, '0')}`,
    )
    .join('');

/** A body as JSON text: a valid one with one field replaced, extra fields, deep nesting, or anything JSON. */
function bodyFor(route: RouteCase): fc.Arbitrary<string> {
  const valid = route.body ?? {};
  const keys = Object.keys(valid);
  const mutated = fc
    .tuple(keys.length ? fc.constantFrom(...keys) : fc.constant('x'), fc.oneof(scalar, fc.jsonValue()))
    .map(([key, value]) => ({ ...valid, [key]: value }));
  const extra = fc
    .tuple(fc.oneof(protoKey, fc.string()), scalar)
    .map(
      ([key, value]) =>
        `${JSON.stringify(valid).slice(0, -1)}${keys.length ? ',' : ''}${JSON.stringify(key)}:${JSON.stringify(value)}}`,
    );
  // Nesting as text: an object this deep cannot even be stringified by the test.
  const deep = fc
    .tuple(fc.integer({ min: 10, max: 20_000 }), fc.constantFrom('[', '{"a":'))
    .map(([depth, open]) => `{"nested":${open.repeat(depth)}1${(open === '[' ? ']' : '}').repeat(depth)}}`);
  return fc.oneof(
    mutated.map((b) => JSON.stringify(b)),
    extra,
    deep,
    fc.jsonValue().map((v) => JSON.stringify(v) ?? 'null'),
    fc.constant(JSON.stringify(valid)),
  );
}

const segment = fc.oneof(
  { weight: 3, arbitrary: text.map(encode) },
  { weight: 1, arbitrary: fc.constantFrom('%00', '%', '%ZZ', '..', '%2e%2e', '%C3%B1uble', 'x'.repeat(300)) },
);
const query = fc
  .array(fc.tuple(fc.oneof(fc.constantFrom(...QUERY_NAMES), fc.string({ maxLength: 8 })), text), { maxLength: 4 })
  .map((pairs) => pairs.map(([k, v]) => `${encode(k)}=${encode(v)}`).join('&'));

function fillPath(path: string, params: string[]): string {
  let i = 0;
  return path.replace(/:(\w+)/g, (_, name: string) => {
    const generated = params[i++];
    return generated ?? (SEED as Record<string, string>)[name] ?? name;
  });
}

describe.each(STORE_KINDS)('bad input on every route (%s)', (kind) => {
  let t: TestApp;
  let store: EventStore;

  beforeAll(async () => {
    t = await startTestApp(kind);
    store = t.app.get<EventStore>(EVENT_STORE);
    const base = `/v1/networks/${SEED.networkId}`;
    await t.admin().post('/v1/networks').send(network(SEED.networkId)).expect(201);
    await t.admin().post(`${base}/schools`).send(school(SEED.schoolId)).expect(201);
    await t
      .admin()
      .post(`${base}/sessions`)
      .send(session({ sessionId: SEED.sessionId, schoolsPresent: [SEED.schoolId] }))
      .expect(201);
    await t
      .admin()
      .post(`${base}/cycles`)
      .send(cycle({ cycleId: SEED.cycleId, schools: [SEED.schoolId] }))
      .expect(201);
    await t
      .admin()
      .post(`${base}/cycles/${SEED.cycleId}/actions`)
      .send(jointAction({ actionId: SEED.actionId, schools: [SEED.schoolId] }))
      .expect(201);
    await t.admin().post(`${base}/cycles/${SEED.cycleId}/analysis`).send(analysis()).expect(201);
  });
  afterAll(() => t.close());

  async function send(route: RouteCase, path: string, body: string | undefined) {
    const before = await store.headPosition();
    let req = t.admin()[route.method](path);
    if (body !== undefined) req = req.set('content-type', 'application/json').send(body);
    const res = await req;
    const where = `${route.method.toUpperCase()} ${path.slice(0, 200)} -> ${res.status} ${res.text.slice(0, 300)}`;
    expect({ where, serverError: res.status >= 500 }).toEqual({ where, serverError: false });
    if (res.status >= 400) {
      expect({ where, keys: Object.keys(res.body).filter((k) => !ERROR_KEYS.has(k)) }).toEqual({ where, keys: [] });
      expect(res.body).toMatchObject({
        statusCode: res.status,
        code: expect.stringMatching(/^[A-Z_]+\.[A-Z_]+$/),
        message: expect.any(String),
        correlationId: expect.any(String),
      });
      expect({ where, head: await store.headPosition() }).toEqual({ where, head: before });
    }
  }

  it('generated bodies: never a 5xx, always the error shape, never a write when refused', async () => {
    const withBody = ROUTES.filter((r) => r.body);
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...withBody).chain((route) => fc.tuple(fc.constant(route), bodyFor(route))),
        async ([route, body]) => send(route, fillPath(route.path, []), body),
      ),
      { numRuns: RUNS },
    );
  });

  it('generated path parameters and query strings on every route', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...ROUTES),
        fc.array(fc.option(segment, { nil: undefined }), { maxLength: 3 }),
        query,
        async (route, params, q) =>
          send(
            route,
            `${fillPath(route.path, params as string[])}${q ? `?${q}` : ''}`,
            route.body && JSON.stringify(route.body),
          ),
      ),
      { numRuns: RUNS },
    );
  });
});
