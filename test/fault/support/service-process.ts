import { ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';
import { onExit } from './cleanup';
import { sparePort } from './spare-port';
import { TEST_MASTER_KEY } from '../../support/postgres-database';

const ROOT = join(__dirname, '..', '..', '..');

/**
 * The real API (`INDAGA_ROLE=api`) or worker as a child process, started as
 * `npm start` / `npm run start:worker` do. Its output is kept so a test can
 * show it, and an exit the test did not ask for is recorded.
 */
export interface ServiceProcess {
  name: string;
  url: string;
  pid: number;
  output(): string;
  /** Set when the process exited without the test killing it. */
  unexpectedExit(): string | undefined;
  kill9(): Promise<void>;
  /** SIGTERM, then answers how long the process took to exit (SIGKILL after `timeoutMs`). */
  stop(timeoutMs?: number): Promise<number>;
  alive(): boolean;
}

export async function startService(
  kind: 'api' | 'worker',
  env: Record<string, string>,
  name: string = kind,
): Promise<ServiceProcess> {
  const port = kind === 'api' ? await sparePort() : 0;
  const entry = kind === 'api' ? 'apps/api/src/main.ts' : 'apps/worker/src/main.ts';
  const child: ChildProcess = spawn(
    process.execPath,
    ['-r', 'ts-node/register/transpile-only', '-r', 'tsconfig-paths/register', join(ROOT, entry)],
    {
      cwd: ROOT,
      // The load runs write far above the default per-token budget (1,200 a minute): the
      // fault tier tests recovery, not rate limits (test/e2e/rate-limit.e2e-spec.ts does).
      env: {
        ...process.env,
        LOG_LEVEL: 'warn',
        INDAGA_RATE_LIMIT_PER_TOKEN: '0',
        INDAGA_RATE_LIMIT_PER_IP: '0',
        INDAGA_MASTER_KEY: TEST_MASTER_KEY,
        ...env,
        INDAGA_ROLE: kind,
        PORT: String(port),
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  const forget = onExit(() => child.kill('SIGKILL'));
  child.once('exit', () => forget());
  let out = '';
  let expectedExit = false;
  let exit: string | undefined;
  const keep = (chunk: Buffer) => {
    out += chunk.toString();
    if (out.length > 200_000) out = out.slice(-100_000);
  };
  child.stdout!.on('data', keep);
  child.stderr!.on('data', keep);
  const exited = new Promise<void>((resolve) =>
    child.once('exit', (code, signal) => {
      if (!expectedExit) exit = `${name} exited (code ${code}, signal ${signal})`;
      resolve();
    }),
  );
  const ready = kind === 'api' ? /listening on http/ : /worker started/;
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => {
      // Not left running: a child that never became ready would keep the test process (and CI) alive.
      child.kill('SIGKILL');
      reject(new Error(`${name} did not start in 90 s:\n${out}`));
    }, 90_000);
    const onData = () => {
      if (ready.test(out)) {
        clearTimeout(timer);
        resolve();
      }
    };
    child.stdout!.on('data', onData);
    void exited.then(() => reject(new Error(`${name} exited at start:\n${out}`)));
  });
  return {
    name,
    url: `http://127.0.0.1:${port}`,
    pid: child.pid!,
    output: () => out,
    unexpectedExit: () => exit,
    alive: () => child.exitCode === null && child.signalCode === null,
    async kill9() {
      expectedExit = true;
      child.kill('SIGKILL');
      await exited;
    },
    async stop(timeoutMs = 15_000) {
      expectedExit = true;
      if (child.exitCode !== null || child.signalCode !== null) return 0;
      const started = Date.now();
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
      await exited;
      clearTimeout(timer);
      return Date.now() - started;
    },
  };
}
