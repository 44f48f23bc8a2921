import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openSqliteEventStore } from '@indaga/event-store';
import { network, school, session } from '../support/fixtures';

const ROOT = join(__dirname, '..', '..');
const ADMIN = 'shutdown-admin-token-0123456789';

/** SIGTERM while writes are in flight: every write that was answered 201 is stored, and every stored write was answered. */
describe('graceful shutdown (the real process, SIGTERM)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'indaga-shutdown-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('finishes in-flight requests before the store closes, then exits on the signal', async () => {
    const dbPath = join(dir, 'indaga.db');
    const child = spawn(
      process.execPath,
      ['-r', 'ts-node/register/transpile-only', '-r', 'tsconfig-paths/register', 'apps/api/src/main.ts'],
      {
        cwd: ROOT,
        env: {
          ...process.env,
          PORT: '0',
          INDAGA_SQLITE_PATH: dbPath,
          INDAGA_ADMIN_TOKEN: ADMIN,
          LOG_LEVEL: 'warn',
          REDIS_URL: '',
        },
        stdio: ['ignore', 'pipe', 'inherit'],
      },
    );
    const exited = new Promise<string>((resolve) =>
      child.once('exit', (code, signal) => resolve(signal ?? `code ${code}`)),
    );
    const base = await new Promise<string>((resolve, reject) => {
      let out = '';
      child.stdout!.on('data', (chunk: Buffer) => {
        out += chunk.toString();
        const match = /listening on (http:\/\/localhost:\d+)/.exec(out);
        if (match) resolve(match[1]);
      });
      void exited.then((code) => reject(new Error(`api exited early with ${code}`)));
    });
    const post = (path: string, body: object) =>
      fetch(`${base}${path}`, {
        method: 'POST',
        signal: AbortSignal.timeout(15_000),
        headers: { 'content-type': 'application/json', authorization: `Bearer ${ADMIN}` },
        body: JSON.stringify(body),
      });
    expect((await post('/v1/networks', network('red-apagado'))).status).toBe(201);
    expect((await post('/v1/networks/red-apagado/schools', school('10123'))).status).toBe(201);
    expect((await post('/v1/networks/red-apagado/schools', school('10456'))).status).toBe(201);

    const writes = Array.from({ length: 40 }, () =>
      post('/v1/networks/red-apagado/sessions', session()).then(
        (r) => r.status,
        () => 'not accepted' as const,
      ),
    );
    await new Promise((r) => setTimeout(r, 15));
    child.kill('SIGTERM');
    const statuses = await Promise.all(writes);
    // Nest closes the app (HTTP server first, then the stores) and re-raises the signal.
    expect(await exited).toBe('SIGTERM');

    const answered = statuses.filter((s) => s === 201).length;
    // Answered (201), refused because the server was closing (503, nothing written), or never received.
    expect(statuses.filter((s) => s !== 201 && s !== 503 && s !== 'not accepted')).toEqual([]);
    expect(answered).toBeGreaterThan(0);
    const store = await openSqliteEventStore({ path: dbPath });
    try {
      const events = await store.readStream('network-red-apagado', { limit: 1000 });
      expect(events.filter((e) => e.type === 'SessionHeld')).toHaveLength(answered);
    } finally {
      await store.close();
    }
  });
});
