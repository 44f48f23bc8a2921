import { randomBytes } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BenchSection } from '../lib/bench-section';
import { deleteQueueKeys } from '../lib/redis-keys';
import { createTempDatabase } from '../../test/support/postgres-database';
import { BENCH_REDIS_URL, writeBenchEnv } from '../lib/write-bench-env';
import { type ChildServer, startChildServer } from './child-server';
import { stateLatency } from './state-latency';
import { LoadResult, runWriteLoad, WriteTarget } from './write-load';

export const ADMIN = 'bench-admin-token-0123456789';

/** A school of the benchmarks' networks (all join on 2015-12-01). */
export const benchSchool = (schoolId: string) => ({
  schoolId,
  name: `Escuela ${schoolId}`,
  dependency: 'slep',
  zone: 'rural',
  levels: ['basic'],
  joinedOn: '2015-12-01',
});
const CONNECTIONS = 32;
const NETWORKS = 64;
const SCHOOLS = Array.from({ length: 16 }, (_, i) => String(10100 + i));

export async function post(url: string, token: string, body: unknown): Promise<{ token?: string; version?: number }> {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify(body),
  });
  if (res.status >= 300) throw new Error(`${url}: ${res.status} ${await res.text()}`);
  return res.json() as Promise<{ token?: string }>;
}

/** 64 networks of 16 schools, each with its own network token (so auth reads the token table like in production). */
export async function seed(base: string): Promise<WriteTarget> {
  const tokens = new Map<string, string>();
  const networks = Array.from({ length: NETWORKS }, (_, i) => `bench-red-${i}`);
  for (const networkId of networks) {
    await post(`${base}/v1/networks`, ADMIN, {
      networkId,
      name: `Red ${networkId}`,
      region: 'Maule',
      registeredOn: '2015-12-01',
    });
    for (const schoolId of SCHOOLS) {
      await post(`${base}/v1/networks/${networkId}/schools`, ADMIN, benchSchool(schoolId));
    }
    tokens.set(networkId, (await post(`${base}/v1/tokens`, ADMIN, { role: 'network', networkId })).token!);
  }
  return { networks, schools: SCHOOLS, tokenFor: (id) => tokens.get(id)! };
}

export const median = (values: number[]): number => [...values].sort((x, y) => x - y)[Math.floor(values.length / 2)];

export interface Contender {
  label: string;
  server: ChildServer;
  target: WriteTarget;
  rounds: LoadResult[];
  targetRatio?: number;
}

export async function contender(
  label: string,
  script: string,
  args: string[],
  env: Record<string, string>,
  seeded: boolean,
  ratio?: number,
): Promise<Contender> {
  const server = await startChildServer(script, args, { INDAGA_ADMIN_TOKEN: ADMIN, ...env });
  try {
    const target = seeded
      ? await seed(server.url)
      : { networks: ['bench-red-0'], schools: SCHOOLS, tokenFor: () => ADMIN };
    await runWriteLoad(server.url, target, CONNECTIONS, 2); // warm-up: JIT, caches, connection pools
    return { label, server, target, rounds: [], targetRatio: ratio };
  } catch (error) {
    await server.stop();
    throw error;
  }
}

/** Full-API writes on each store next to the framework ceiling, all in one run. */
export async function runApiBench(opts: { quick?: boolean } = {}): Promise<BenchSection[]> {
  const seconds = opts.quick ? 3 : 6;
  const runs = opts.quick ? 2 : 5;
  const dir = mkdtempSync(join(tmpdir(), 'indaga-bench-api-'));
  const pg = await createTempDatabase('indaga_bench');
  const prefix = `bench-${randomBytes(4).toString('hex')}`;
  const contenders: Contender[] = [];
  try {
    // Rate limits are off (writeBenchEnv); their cost is measured by the extra contender below
    // (BENCH_RATE_LIMIT=1), with budgets never reached.
    const queue = writeBenchEnv(prefix);
    contenders.push(
      await contender('ceiling: NestJS + Fastify + ValidationPipe', 'ceiling-server.ts', ['fastify'], {}, false),
    );
    contenders.push(
      await contender('ceiling: NestJS + Express + ValidationPipe', 'ceiling-server.ts', ['express'], {}, false),
    );
    contenders.push(
      await contender(
        'full API, sqlite',
        'api-server.ts',
        [],
        { ...queue, INDAGA_STORE: 'sqlite', INDAGA_SQLITE_PATH: join(dir, 'api.db') },
        true,
        0.7,
      ),
    );
    contenders.push(
      await contender(
        'full API, postgres',
        'api-server.ts',
        [],
        { ...queue, INDAGA_STORE: 'postgres', DATABASE_URL: pg.url },
        true,
        0.6,
      ),
    );
    if (process.env.BENCH_RATE_LIMIT === '1')
      contenders.push(
        await contender(
          'full API, sqlite, rate limits on (Redis)',
          'api-server.ts',
          [],
          {
            ...queue,
            INDAGA_RATE_LIMIT_PER_TOKEN: '1000000000',
            INDAGA_RATE_LIMIT_PER_IP: '1000000000',
            INDAGA_STORE: 'sqlite',
            INDAGA_SQLITE_PATH: join(dir, 'api-limited.db'),
          },
          true,
        ),
      );
    // Rounds interleave the servers, so that the machine's drifting load hits all of them alike;
    // each ratio is taken within a round, then the median over rounds is reported.
    for (let round = 0; round < runs; round++) {
      for (const c of contenders) {
        c.rounds.push(await runWriteLoad(c.server.url, c.target, CONNECTIONS, seconds));
        await sleep(500);
      }
    }
    const ceiling = contenders[0];
    const row = (c: Contender) => ({
      workload: c.label,
      'req/s': median(c.rounds.map((r) => r.rps)),
      'p50 ms': median(c.rounds.map((r) => r.p50)),
      'p99 ms': median(c.rounds.map((r) => r.p99)),
      'ratio to Fastify ceiling': median(c.rounds.map((r, i) => r.rps / ceiling.rounds[i].rps)),
      target: c.targetRatio === undefined ? '' : `≥ ${c.targetRatio}×, p99 < 25 ms`,
      'non-2xx': c.rounds.reduce((n, r) => n + r.non2xx + r.errors, 0),
    });
    const sqlite = contenders[2];
    const state = await stateLatency(sqlite.server.url, ADMIN, sqlite.target);
    return [
      {
        title: `API writes, ${CONNECTIONS} connections (medians of ${runs} interleaved rounds × ${seconds} s)`,
        rows: contenders.map(row),
        notes: [
          'Full API = bearer token (row cached per instance, revocation announced over PostgreSQL LISTEN/NOTIFY or Redis pub/sub), class-validator DTO, decider on cached state, durable group-committed append with its Idempotency-Key record, catch-up job enqueued in Redis; one write per request to 64 networks in turn. Projections run in worker processes (not running here); their lag is measured separately.',
          'Ceiling = the same Nest stack, pipe, filter and logger answering the same body without a store.',
          'Each round runs every server in turn; a ratio is taken within a round (same machine conditions), and the median over rounds is shown.',
          'Servers in child processes, autocannon in the bench process: all share the 2 cores.',
        ],
      },
      state,
    ];
  } finally {
    for (const c of contenders) await c.server.stop();
    await pg.drop();
    rmSync(dir, { recursive: true, force: true });
    await deleteQueueKeys(BENCH_REDIS_URL, prefix);
  }
}
