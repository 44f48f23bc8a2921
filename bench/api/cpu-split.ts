/**
 * Not part of `npm run bench`: where a write load's CPU goes, per thread and
 * per process (Linux /proc), for one server: its main thread, its other
 * threads (the SQLite writer, V8's helpers), Redis, PostgreSQL and the load
 * generator (this process), each in CPU µs per answered request, and the
 * machine's idle share. With `PROBE=1` the server also prints, every 2 s, its
 * event-loop utilisation and its group-commit batches (batch-probe.ts).
 *
 *   npx ts-node --transpile-only -r tsconfig-paths/register bench/api/cpu-split.ts sqlite|postgres|ceiling [seconds]
 *   env: CONN (32) connections; ONE=1 every request to one network; PROBE=1
 */
import { execSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTempDatabase } from '../../test/support/postgres-database';
import { writeBenchEnv } from '../lib/write-bench-env';
import { ADMIN, seed } from './api.bench';
import { startChildServer } from './child-server';
import { runWriteLoad } from './write-load';

const TICKS_PER_SECOND = 100;

/** utime + stime of a /proc stat line, in seconds. */
function cpuSeconds(statLine: string): number {
  const fields = statLine.slice(statLine.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) / TICKS_PER_SECOND;
}

const processCpu = (pid: number): number => {
  try {
    return cpuSeconds(readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return 0; // exited meanwhile
  }
};

/** CPU seconds per thread of `pid`: `main`, or `thread-<tid>`. */
function threadCpu(pid: number): Map<string, number> {
  const out = new Map<string, number>();
  for (const tid of readdirSync(`/proc/${pid}/task`)) {
    const label = tid === String(pid) ? 'main' : `thread-${tid}`;
    out.set(label, cpuSeconds(readFileSync(`/proc/${pid}/task/${tid}/stat`, 'utf8')));
  }
  return out;
}

const pids = (name: string): number[] =>
  execSync(`pgrep -x ${name} || true`).toString().trim().split('\n').filter(Boolean).map(Number);
const sumCpu = (name: string): number => pids(name).reduce((sum, pid) => sum + processCpu(pid), 0);
/** user, nice, system, idle, iowait, irq, softirq, steal: the machine's jiffies. */
const machine = (): number[] => readFileSync('/proc/stat', 'utf8').split('\n')[0].split(/\s+/).slice(1, 9).map(Number);

async function main() {
  const kind = process.argv[2] ?? 'sqlite';
  const seconds = Number(process.argv[3] ?? 6);
  const pg = kind === 'postgres' ? await createTempDatabase('indaga_cpu_split') : undefined;
  const env: Record<string, string> = {
    INDAGA_ADMIN_TOKEN: ADMIN,
    ...writeBenchEnv(`indaga-cpu-split-${process.pid}`),
    ...(kind === 'sqlite'
      ? { INDAGA_STORE: 'sqlite', INDAGA_SQLITE_PATH: join(mkdtempSync(join(tmpdir(), 'indaga-cpu-split-')), 'api.db') }
      : {}),
    ...(pg ? { INDAGA_STORE: 'postgres', DATABASE_URL: pg.url } : {}),
  };
  const probe = process.env.PROBE ? ['-r', join(__dirname, 'batch-probe.ts')] : [];
  const script = kind === 'ceiling' ? 'ceiling-server.ts' : 'api-server.ts';
  const server = await startChildServer(script, ['fastify'], env, probe);
  const url = server.url;
  try {
    const schools = Array.from({ length: 16 }, (_, i) => String(10100 + i));
    const target = kind === 'ceiling' ? { networks: ['bench-red-0'], schools, tokenFor: () => ADMIN } : await seed(url);
    if (process.env.ONE) target.networks = [target.networks[0]];
    await runWriteLoad(url, target, 32, 3); // warm-up
    const before = {
      threads: threadCpu(server.pid),
      redis: sumCpu('redis-server'),
      pg: sumCpu('postgres'),
      machine: machine(),
    };
    const self = process.cpuUsage();
    const load = await runWriteLoad(url, target, Number(process.env.CONN ?? 32), seconds);
    const bench = process.cpuUsage(self);
    const threads = threadCpu(server.pid);
    const cores = machine().map((jiffies, i) => (jiffies - before.machine[i]) / TICKS_PER_SECOND / seconds);
    const perRequest = (cpu: number) => Math.round((cpu * 1e6) / load.ok);
    const serverThreads = [...threads]
      .map(([label, cpu]) => [label, cpu - (before.threads.get(label) ?? 0)] as const)
      .filter(([, cpu]) => cpu > 0.05)
      .map(([label, cpu]) => `${label} ${perRequest(cpu)}`);
    console.log(
      `${kind}: ${Math.round(load.rps)} req/s, p99 ${load.p99} ms; CPU µs per request: server ${serverThreads.join(', ')}; ` +
        `redis ${perRequest(sumCpu('redis-server') - before.redis)}, postgres ${perRequest(sumCpu('postgres') - before.pg)}, ` +
        `load generator ${perRequest((bench.user + bench.system) / 1e6)}; machine idle ${cores[3].toFixed(2)} of 2 cores`,
    );
  } finally {
    await server.stop();
    await pg?.drop();
  }
}

void main();
