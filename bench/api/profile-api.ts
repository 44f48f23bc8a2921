/**
 * Not part of `npm run bench`: a CPU profile of one server under the write
 * load, to find what to optimise. Writes a .cpuprofile to /tmp/indaga-profile
 * (open it in Chrome DevTools or speedscope).
 *
 *   npx ts-node --transpile-only -r tsconfig-paths/register bench/api/profile-api.ts sqlite|postgres|ceiling [seconds]
 */
import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTempDatabase } from '../../test/support/postgres-database';
import { writeBenchEnv } from '../lib/write-bench-env';
import { ADMIN, seed } from './api.bench';
import { runWriteLoad } from './write-load';

const OUT = '/tmp/indaga-profile';

async function main() {
  const kind = process.argv[2] ?? 'sqlite';
  const seconds = Number(process.argv[3] ?? 8);
  const pg = kind === 'postgres' ? await createTempDatabase('indaga_profile') : undefined;
  const env: Record<string, string> = {
    ...(process.env as Record<string, string>),
    LOG_LEVEL: 'warn',
    INDAGA_ADMIN_TOKEN: ADMIN,
    ...writeBenchEnv('indaga-profile'),
    ...(kind === 'sqlite'
      ? { INDAGA_STORE: 'sqlite', INDAGA_SQLITE_PATH: join(mkdtempSync(join(tmpdir(), 'indaga-profile-')), 'api.db') }
      : {}),
    ...(pg ? { INDAGA_STORE: 'postgres', DATABASE_URL: pg.url } : {}),
  };
  const script = kind === 'ceiling' ? 'ceiling-server.ts' : 'api-server.ts';
  const child = spawn(
    process.execPath,
    [
      '--cpu-prof',
      `--cpu-prof-dir=${OUT}`,
      '-r',
      'ts-node/register/transpile-only',
      '-r',
      'tsconfig-paths/register',
      join(__dirname, script),
      'fastify',
    ],
    { env, stdio: ['ignore', 'pipe', 'inherit'], cwd: join(__dirname, '..', '..') },
  );
  const port = await new Promise<number>((resolve) =>
    child.stdout!.on('data', (chunk: Buffer) => {
      const match = /listening (\d+)/.exec(chunk.toString());
      if (match) resolve(Number(match[1]));
    }),
  );
  const url = `http://127.0.0.1:${port}`;
  const schools = Array.from({ length: 16 }, (_, i) => String(10100 + i));
  const target = kind === 'ceiling' ? { networks: ['bench-red-0'], schools, tokenFor: () => ADMIN } : await seed(url);
  await runWriteLoad(url, target, 32, 2);
  console.log(kind, await runWriteLoad(url, target, 32, seconds));
  await new Promise<void>((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGINT');
  });
  await pg?.drop();
  console.log(`profile written to ${OUT}`);
}

void main();
