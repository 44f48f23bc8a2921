import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { TEST_DATABASE_URL, TEST_MASTER_KEY } from '../support/postgres-database';

const ROOT = join(__dirname, '..', '..');

/** Runs the API's entry point until it exits; answers its exit code and everything it printed. */
function boot(env: Record<string, string>): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve) => {
    const child = spawn(
      process.execPath,
      ['-r', 'ts-node/register/transpile-only', '-r', 'tsconfig-paths/register', join(ROOT, 'apps/api/src/main.ts')],
      {
        cwd: ROOT,
        env: { ...process.env, PORT: '0', LOG_LEVEL: 'info', INDAGA_MASTER_KEY: TEST_MASTER_KEY, ...env },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let output = '';
    child.stdout.on('data', (c: Buffer) => (output += c.toString()));
    child.stderr.on('data', (c: Buffer) => (output += c.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), 60_000);
    child.on('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, output });
    });
  });
}

/** A process that cannot start says why in words, not only `"context":"ExceptionHandler"` or a SQLSTATE. */
describe('errors at boot', () => {
  it('INDAGA_STORE=kurrentdb with no server there names the unreachable server', async () => {
    const { code, output } = await boot({ INDAGA_STORE: 'kurrentdb', KURRENTDB_URL: 'esdb://127.0.0.1:2113' });
    expect(code).toBe(1);
    expect(output).toMatch(/indaga: cannot start: KurrentDB is unreachable at esdb:\/\/127\.0\.0\.1:2113/);
  });

  it('PostgreSQL without INDAGA_MASTER_KEY refuses to start, naming the variable (SPEC 6.1)', async () => {
    const { code, output } = await boot({
      INDAGA_STORE: 'postgres',
      DATABASE_URL: TEST_DATABASE_URL,
      INDAGA_MASTER_KEY: '',
    });
    expect(code).toBe(1);
    expect(output).toMatch(/INDAGA_MASTER_KEY is required when INDAGA_STORE=postgres/);
  });

  it('a PostgreSQL database that does not exist is named', async () => {
    const url = new URL(TEST_DATABASE_URL);
    url.pathname = '/indaga_no_such_database';
    const { code, output } = await boot({ INDAGA_STORE: 'postgres', DATABASE_URL: url.toString() });
    expect(code).toBe(1);
    expect(output).toMatch(/indaga: cannot start: database "indaga_no_such_database" does not exist \(3D000\)/);
  });
});
