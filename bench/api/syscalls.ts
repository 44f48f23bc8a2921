/**
 * Not part of `npm run bench`: the system calls one server makes per answered
 * write under the write load (`strace -c -f` attached for the measured
 * seconds only), for finding kernel work to cut. On this machine's VM a
 * trivial system call costs ~3 µs (BENCHMARKS.md, issue 15, stop 13), ten
 * times bare metal. strace slows the server several-fold, so compare the
 * counts per write, not its rate. `perf` records a CPU profile with kernel
 * frames instead (JIT frames named through --perf-basic-prof):
 *
 *   npx ts-node --transpile-only -r tsconfig-paths/register bench/api/syscalls.ts sqlite|postgres|ceiling [strace|perf]
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { createTempDatabase } from '../../test/support/postgres-database';
import { writeBenchEnv } from '../lib/write-bench-env';
import { ADMIN, seed } from './api.bench';
import { startChildServer } from './child-server';
import { runWriteLoad } from './write-load';

const SECONDS = 5;

async function main() {
  const kind = process.argv[2] ?? 'sqlite';
  const tool = process.argv[3] === 'perf' ? 'perf' : 'strace';
  const pg = kind === 'postgres' ? await createTempDatabase('indaga_syscalls') : undefined;
  const env: Record<string, string> = {
    INDAGA_ADMIN_TOKEN: ADMIN,
    ...writeBenchEnv(`indaga-syscalls-${process.pid}`),
    ...(kind === 'sqlite'
      ? { INDAGA_STORE: 'sqlite', INDAGA_SQLITE_PATH: join(mkdtempSync(join(tmpdir(), 'indaga-syscalls-')), 'api.db') }
      : {}),
    ...(pg ? { INDAGA_STORE: 'postgres', DATABASE_URL: pg.url } : {}),
  };
  const ceiling = kind === 'ceiling';
  const server = await startChildServer(
    ceiling ? 'ceiling-server.ts' : 'api-server.ts',
    ceiling ? ['fastify'] : [],
    env,
    tool === 'perf' ? ['--perf-basic-prof'] : [],
  );
  try {
    const schools = Array.from({ length: 16 }, (_, i) => String(10100 + i));
    const target = ceiling ? { networks: ['bench-red-0'], schools, tokenFor: () => ADMIN } : await seed(server.url);
    await runWriteLoad(server.url, target, 32, 3); // warm-up
    const out = `/tmp/indaga-${tool}-${kind}.${tool === 'perf' ? 'data' : 'txt'}`;
    const args =
      tool === 'perf'
        ? ['record', '-g', '-p', String(server.pid), '-o', out]
        : ['-c', '-f', '-p', String(server.pid), '-o', out];
    const tracer = spawn(tool, args, { stdio: ['ignore', 'ignore', 'inherit'] });
    await sleep(1000); // attached to every thread
    const load = await runWriteLoad(server.url, target, 32, SECONDS);
    tracer.kill('SIGINT');
    await new Promise((resolve) => tracer.once('exit', resolve));
    console.log(`${kind}: ${load.ok} writes answered 2xx under ${tool} (${load.rps} req/s)`);
    if (tool === 'perf') {
      console.log(`profile: ${out} (perf report -i ${out})`);
      return;
    }
    // strace -c's table: % time, seconds, usecs/call, calls, [errors], syscall.
    for (const line of readFileSync(out, 'utf8').split('\n')) {
      const cols = line.trim().split(/\s+/);
      const name = cols[cols.length - 1];
      if (!/^\d/.test(cols[0] ?? '') || name === 'total') continue;
      const calls = Number(cols[3]);
      console.log(`${name.padEnd(14)} ${(calls / load.ok).toFixed(2).padStart(8)} per write`);
    }
  } finally {
    await server.stop();
    await pg?.drop();
  }
}

void main();
