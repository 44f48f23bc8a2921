import { TEST_MASTER_KEY } from '../../test/support/postgres-database';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { get as httpGet } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openSqliteEventStore } from '../../libs/event-store/src';
import { SqliteSqlClient } from '../../libs/platform/src';
import { projectionServices, PROJECTIONS, ReadModelStore } from '../../libs/projections/src';
import { ChildServer, startChildServer } from '../api/child-server';
import { deleteQueueKeys } from '../lib/redis-keys';
import { seedDecades } from './seed-decade';

export const BENCH_ADMIN = 'bench-admin-token-0123456789';
const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';

export interface BenchApi {
  server: ChildServer;
  events: number;
  /** GET with the admin token: seconds to the last byte, and the body's bytes. */
  get(path: string): Promise<{ seconds: number; bytes: number; lines: number }>;
  stop(): Promise<void>;
}

/**
 * The real API in its own process on a SQLite file prepared in this one:
 * `prepare` fills the store (and may build the read models). INDAGA_ROLE=api
 * with a private BullMQ prefix, so the API runs no projection work while it is
 * measured (nothing is written during the benchmark).
 */
export async function benchApi(prepare: (path: string) => Promise<number>): Promise<BenchApi> {
  const dir = mkdtempSync(join(tmpdir(), 'indaga-bench-exports-'));
  const path = join(dir, 'indaga.db');
  const prefix = `bench-exports-${randomBytes(4).toString('hex')}`;
  const events = await prepare(path);
  const server = await startChildServer('../api/api-server.ts', [], {
    INDAGA_STORE: 'sqlite',
    INDAGA_SQLITE_PATH: path,
    INDAGA_ROLE: 'api',
    REDIS_URL,
    INDAGA_QUEUE_PREFIX: prefix,
    INDAGA_ADMIN_TOKEN: BENCH_ADMIN,
    INDAGA_MASTER_KEY: TEST_MASTER_KEY,
    NODE_OPTIONS: '--max-semi-space-size=32',
  });
  return {
    server,
    events,
    get: (p) =>
      // node:http rather than fetch: the client's own cost stays small next to a 450 MB body.
      new Promise((resolve, reject) => {
        const start = process.hrtime.bigint();
        const req = httpGet(`${server.url}${p}`, { headers: { authorization: `Bearer ${BENCH_ADMIN}` } }, (res) => {
          let bytes = 0;
          let lines = 0;
          let error = '';
          res.on('data', (chunk: Buffer) => {
            if (res.statusCode !== 200) error += chunk.toString();
            bytes += chunk.length;
            for (let i = chunk.indexOf(10); i !== -1; i = chunk.indexOf(10, i + 1)) lines++;
          });
          res.on('end', () =>
            res.statusCode === 200
              ? resolve({ seconds: Number(process.hrtime.bigint() - start) / 1e9, bytes, lines })
              : reject(new Error(`${p}: ${res.statusCode} ${error}`)),
          );
          res.on('error', reject);
        });
        req.on('error', reject);
      }),
    async stop() {
      await server.stop();
      await deleteQueueKeys(REDIS_URL, prefix);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** `networks` decade networks with both read models rebuilt (as `POST /rebuild` would). */
export async function prepareDecades(path: string, networks: number): Promise<number> {
  const store = await openSqliteEventStore({ path });
  const sql = SqliteSqlClient.open(path, { durable: false });
  try {
    const total = await seedDecades(store, networks);
    const readModels = new ReadModelStore(sql);
    await readModels.init(PROJECTIONS.map((p) => p.name));
    const { rebuilder } = projectionServices(store, readModels);
    for (const projection of PROJECTIONS) {
      const generation = (await readModels.rebuilds.startRebuild(projection.name, 'bench', total))!;
      const outcome = await rebuilder.run(projection.name, generation);
      if (outcome !== 'switched') throw new Error(`rebuild ${projection.name}: ${outcome}`);
    }
    return total;
  } finally {
    await store.close();
    await sql.close();
  }
}

/** A process's resident memory now and its peak so far (Linux /proc), in MiB. */
export function processMemory(pid: number): { rssMiB: number; peakMiB: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kib = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? NaN);
  return { rssMiB: Math.round(kib('VmRSS') / 1024), peakMiB: Math.round(kib('VmHWM') / 1024) };
}

export const medianSeconds = (values: number[]): number =>
  [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
