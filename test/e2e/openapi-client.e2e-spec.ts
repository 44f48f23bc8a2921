import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startTestApp, TestApp } from '../support/test-app';

const ROOT = join(__dirname, '..', '..');
const node = (script: string, args: string[]) =>
  execFileSync(process.execPath, [join(ROOT, 'node_modules', script), ...args], { cwd: ROOT, encoding: 'utf8' });

/** A client generator can use /docs-json: openapi-typescript generates types a small program type-checks against. */
describe('OpenAPI document for client generators', () => {
  let t: TestApp;
  let dir: string;
  let spec: {
    paths: Record<string, Record<string, { summary?: string; description?: string }>>;
    components: { securitySchemes: Record<string, Record<string, unknown>> };
  };
  beforeAll(async () => {
    t = await startTestApp('sqlite');
    spec = (await t.http().get('/docs-json').expect(200)).body;
    dir = mkdtempSync(join(tmpdir(), 'indaga-openapi-'));
  });
  afterAll(async () => {
    await t.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('every operation has a summary and a description; bearer tokens are not JWTs', () => {
    const missing = Object.entries(spec.paths).flatMap(([path, ops]) =>
      Object.entries(ops)
        .filter(([, op]) => !op.summary || !op.description)
        .map(([method]) => `${method} ${path}`),
    );
    expect(missing).toEqual([]);
    expect(spec.components.securitySchemes.bearer).toEqual({
      type: 'http',
      scheme: 'bearer',
      description: expect.any(String),
    });
  });

  it('generates a TypeScript client that a program using headers, bodies and error answers type-checks against', () => {
    writeFileSync(join(dir, 'openapi.json'), JSON.stringify(spec));
    node('openapi-typescript/bin/cli.js', [join(dir, 'openapi.json'), '--output', join(dir, 'api.d.ts')]);
    writeFileSync(
      join(dir, 'program.ts'),
      `import type { components, paths } from './api';
type RecordSession = paths['/v1/networks/{networkId}/sessions']['post'];
const headers: NonNullable<RecordSession['parameters']['header']> = {
  'Idempotency-Key': 'sesion-2016-04-12',
  'If-Match': '"3"',
  'X-Correlation-Id': 'cuaderno-1',
};
const path: RecordSession['parameters']['path'] = { networkId: 'red-maule-sur' };
type Body = RecordSession['requestBody'] extends { content: { 'application/json': infer B } } | undefined ? B : never;
const body: Body = {
  heldOn: '2016-04-12',
  facilitator: 'sostenedor',
  schoolsPresent: ['10123'],
  attendance: { principals: 1, utpHeads: 1, teachers: 3, sostenedorReps: 1, supervisors: 0 },
  activities: [{ kind: 'practice_sharing', minutes: 45 }],
};
const created: RecordSession['responses'][201]['headers']['ETag'] = '"4"';
const limited: RecordSession['responses'][429]['content']['application/json'] = {
  statusCode: 429,
  code: 'RATE.LIMITED',
  message: 'retry after 12 s',
  correlationId: 'cuaderno-1',
};
const retryAfter: RecordSession['responses'][429]['headers']['Retry-After'] = 12;
const stale: components['schemas']['ErrorBody'] = { ...limited, statusCode: 412, code: 'VERSION.MISMATCH' };
// @ts-expect-error statusCode is a number
const wrong: components['schemas']['ErrorBody'] = { ...limited, statusCode: '429' };
type Trajectory = paths['/v1/networks/{networkId}/trajectory']['get'];
const unavailable: Trajectory['responses'][503]['content']['application/json'] = stale;
export { headers, path, body, created, retryAfter, wrong, unavailable };
`,
    );
    const out = (() => {
      try {
        return node('typescript/bin/tsc', [
          '--noEmit',
          '--strict',
          '--skipLibCheck',
          '--target',
          'es2022',
          '--module',
          'commonjs',
          join(dir, 'program.ts'),
        ]);
      } catch (error) {
        return (error as { stdout?: string }).stdout ?? String(error);
      }
    })();
    expect(out).toBe('');
  });
});
