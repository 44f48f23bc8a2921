import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import type { BenchSection } from '../lib/bench-section';
import { deleteQueueKeys } from '../lib/redis-keys';
import { BENCH_REDIS_URL, writeBenchEnv } from '../lib/write-bench-env';
import { createTempDatabase } from '../../test/support/postgres-database';
import { ADMIN, seed } from './api.bench';
import { type ChildServer, startChildServer } from './child-server';
import { type LoadResult, runWriteLoad, type WriteTarget } from './write-load';

const WRITERS = [8, 32];

const median = (values: number[]): number => [...values].sort((x, y) => x - y)[Math.floor(values.length / 2)];

/** The API process's count of appends refused for a moved stream (its /metrics). */
async function conflicts(url: string): Promise<number> {
  const text = await (await fetch(`${url}/metrics`)).text();
  return Number(/^indaga_append_conflicts_total\{[^}]*\} (\d+)/m.exec(text)?.[1] ?? NaN);
}

interface Sample {
  load: LoadResult;
  conflicts: number;
}

async function measured(server: ChildServer, target: WriteTarget, writers: number, seconds: number): Promise<Sample> {
  const before = await conflicts(server.url);
  const load = await runWriteLoad(server.url, target, writers, seconds);
  return { load, conflicts: (await conflicts(server.url)) - before };
}

/**
 * Concurrent API writers to ONE network against the same load spread over 64
 * networks, on one API process per store: conflicts per write (the store's
 * refused appends, from /metrics) and the throughput ratio, in interleaved
 * rounds (one network, then many, for each writer count).
 */
export async function runContentionBench(opts: { quick?: boolean } = {}): Promise<BenchSection> {
  const seconds = opts.quick ? 3 : 5;
  const runs = opts.quick ? 1 : 3;
  const dir = mkdtempSync(join(tmpdir(), 'indaga-bench-contention-'));
  const pg = await createTempDatabase('indaga_bench_contention');
  const prefix = `bench-${randomBytes(4).toString('hex')}`;
  // writeBenchEnv also gives the master key, which PostgreSQL requires since SPEC 6.1 (this bench had none).
  const base = { INDAGA_ADMIN_TOKEN: ADMIN, ...writeBenchEnv(prefix) };
  const servers: Array<{ label: string; server: ChildServer; target: WriteTarget }> = [];
  try {
    for (const [label, env] of [
      ['SQLite', { INDAGA_STORE: 'sqlite', INDAGA_SQLITE_PATH: join(dir, 'api.db') }],
      ['PostgreSQL', { INDAGA_STORE: 'postgres', DATABASE_URL: pg.url }],
    ] as const) {
      const server = await startChildServer('api-server.ts', [], { ...base, ...env });
      servers.push({ label, server, target: await seed(server.url) });
      await runWriteLoad(server.url, servers[servers.length - 1].target, 32, 2); // warm-up
    }
    const samples = new Map<string, Sample[]>();
    const take = (key: string, sample: Sample) => samples.set(key, [...(samples.get(key) ?? []), sample]);
    for (let round = 0; round < runs; round++) {
      for (const { label, server, target } of servers) {
        for (const writers of WRITERS) {
          const one = { ...target, networks: [target.networks[0]] };
          take(`${label}/${writers}/one`, await measured(server, one, writers, seconds));
          await sleep(300);
          take(`${label}/${writers}/many`, await measured(server, target, writers, seconds));
          await sleep(300);
        }
      }
    }
    const rows = servers.flatMap(({ label }) =>
      WRITERS.map((writers) => {
        const one = samples.get(`${label}/${writers}/one`)!;
        const many = samples.get(`${label}/${writers}/many`)!;
        const perWrite = (s: Sample[]) => s.reduce((n, x) => n + x.conflicts, 0) / s.reduce((n, x) => n + x.load.ok, 0);
        return {
          store: label,
          writers,
          'one network req/s': median(one.map((s) => s.load.rps)),
          'one network p99 ms': median(one.map((s) => s.load.p99)),
          'conflicts per write, one network': perWrite(one),
          '64 networks req/s': median(many.map((s) => s.load.rps)),
          'ratio one ÷ 64 networks': median(one.map((s, i) => s.load.rps / many[i].load.rps)),
          target: '0 conflicts, ≥ 0.5×',
          'non-2xx': [...one, ...many].reduce((n, s) => n + s.load.non2xx + s.load.errors, 0),
        };
      }),
    );
    return {
      title: `Concurrent API writers to one network (medians of ${runs} interleaved rounds × ${seconds} s)`,
      rows,
      notes: [
        'One API process per store (INDAGA_ROLE=api, catch-ups enqueued in Redis), session writes with their own Idempotency-Key, network tokens.',
        'Conflicts per write = appends the store refused for a moved stream (indaga_append_conflicts_total on /metrics) ÷ 2xx answers.',
        'Each ratio is taken within a round (one network, then the same writers over 64 networks), the median over rounds shown.',
      ],
    };
  } finally {
    for (const { server } of servers) await server.stop();
    await pg.drop();
    rmSync(dir, { recursive: true, force: true });
    await deleteQueueKeys(BENCH_REDIS_URL, prefix);
  }
}
