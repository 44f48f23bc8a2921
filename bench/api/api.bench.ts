import { randomBytes } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BenchSection } from '../lib/bench-section';
import { deleteQueueKeys } from '../lib/redis-keys';
import { createTempDatabase } from '../../test/support/postgres-database';
import { startChildServer } from './child-server';
import { stateLatency } from './state-latency';
import { LoadResult, runWriteLoad, WriteTarget } from './write-load';

export const ADMIN = 'bench-admin-token-0123456789';
const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const CONNECTIONS = 32;
const NETWORKS = 64;
const SCHOOLS = Array.from({ length: 16 }, (_, i) => String(10100 + i));

export async function post(url: string, token: string, body: unknown): Promise<{ token?: string; version?: number }> {
  const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body: JSON.stringify(body) });
  if (res.status >= 300) throw new Error(`${url}: ${res.status} ${await res.text()}`);
  return res.json() as Promise<{ token?: string }>;
}

/** 64 networks of 16 schools, each with its own network token (so auth reads the token table like in production). */
export async function seed(base: string): Promise<WriteTarget> {
  const tokens = new Map<string, string>();
  const networks = Array.from({ length: NETWORKS }, (_, i) => `bench-red-${i}`);
  for (const networkId of networks) {
    await post(`${base}/v1/networks`, ADMIN, { networkId, name: `Red ${networkId}`, region: 'Maule', registeredOn: '2015-12-01' });
    for (const schoolId of SCHOOLS) {
      await post(`${base}/v1/networks/${networkId}/schools`, ADMIN, {
        schoolId, name: `Escuela ${schoolId}`, dependency: 'slep', zone: 'rural', levels: ['basic'], joinedOn: '2015-12-01',
      });
    }
    tokens.set(networkId, (await post(`${base}/v1/tokens`, ADMIN, { role: 'network', networkId })).token!);
  }
  return { networks, schools: SCHOOLS, tokenFor: (id) => tokens.get(id)! };
}

function median(results: LoadResult[]): LoadResult {
  const sorted = [...results].sort((a, b) => a.rps - b.rps);
  return sorted[Math.floor(sorted.length / 2)];
}

async function measure(label: string, script: string, args: string[], env: Record<string, string>, seconds: number, runs: number, seeded: boolean) {
  const server = await startChildServer(script, args, { INDAGA_ADMIN_TOKEN: ADMIN, ...env });
  try {
    const target = seeded ? await seed(server.url) : { networks: ['bench-red-0'], schools: SCHOOLS, tokenFor: () => ADMIN };
    await runWriteLoad(server.url, target, CONNECTIONS, 2); // warm-up: JIT, caches, connection pools
    const results: LoadResult[] = [];
    for (let i = 0; i < runs; i++) {
      results.push(await runWriteLoad(server.url, target, CONNECTIONS, seconds));
      await sleep(500);
    }
    const state = seeded && label.includes('sqlite') ? await stateLatency(server.url, ADMIN, target) : undefined;
    return { label, result: median(results), state };
  } finally {
    await server.stop();
  }
}

/** Full-API writes on each store next to the framework ceiling, all in one run. */
export async function runApiBench(opts: { quick?: boolean } = {}): Promise<BenchSection[]> {
  const seconds = opts.quick ? 3 : 10;
  const runs = opts.quick ? 1 : 3;
  const dir = mkdtempSync(join(tmpdir(), 'indaga-bench-api-'));
  const pg = await createTempDatabase('indaga_bench');
  const prefix = `bench-${randomBytes(4).toString('hex')}`;
  try {
    const fastify = await measure('ceiling: NestJS + Fastify + ValidationPipe', 'ceiling-server.ts', ['fastify'], {}, seconds, runs, false);
    const express = await measure('ceiling: NestJS + Express + ValidationPipe', 'ceiling-server.ts', ['express'], {}, seconds, runs, false);
    // Projections are built by workers (REDIS_URL, INDAGA_ROLE=api): this measures the write path, catch-up enqueue included.
    const queue = { REDIS_URL, INDAGA_ROLE: 'api', INDAGA_QUEUE_PREFIX: prefix };
    const sqlite = await measure('full API, sqlite', 'api-server.ts', [], { ...queue, INDAGA_STORE: 'sqlite', INDAGA_SQLITE_PATH: join(dir, 'api.db') }, seconds, runs, true);
    const postgres = await measure('full API, postgres', 'api-server.ts', [], { ...queue, INDAGA_STORE: 'postgres', DATABASE_URL: pg.url }, seconds, runs, true);
    const ceiling = fastify.result.rps;
    const row = (m: { label: string; result: LoadResult }, target?: number) => ({
      workload: m.label,
      'req/s': m.result.rps,
      'p50 ms': m.result.p50,
      'p99 ms': m.result.p99,
      'ratio to Fastify ceiling': m.result.rps / ceiling,
      target: target === undefined ? '' : `≥ ${target}×`,
      'non-2xx': m.result.non2xx + m.result.errors,
    });
    const sections: BenchSection[] = [
      {
        title: `API writes, ${CONNECTIONS} connections (median of ${runs} × ${seconds} s)`,
        rows: [row(fastify), row(express), row(sqlite, 0.5), row(postgres, 0.4)],
        notes: [
          'Full API = bearer-token lookup, class-validator DTO, decider on cached state, durable group-committed append with its Idempotency-Key record, catch-up job enqueued in Redis; one write per request to 64 networks in turn. Projections run in worker processes (not running here); their lag is measured separately.',
          'Ceiling = the same Nest stack, pipe, filter and logger answering the same body without a store.',
          'Server in a child process, autocannon in the bench process: both share the 2 cores.',
        ],
      },
    ];
    if (sqlite.state) sections.push(sqlite.state);
    return sections;
  } finally {
    await pg.drop();
    rmSync(dir, { recursive: true, force: true });
    await deleteQueueKeys(REDIS_URL, prefix);
  }
}
