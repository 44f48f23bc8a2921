/**
 * Not part of `npm run bench`: CPU time per session write through the real
 * app in this process (Fastify inject: no sockets, no load generator on the
 * same cores), 32 concurrent callers over 64 networks, each write with its
 * own Idempotency-Key. process.cpuUsage() counts every thread of the process
 * (the SQLite writer thread included), so the figure moves far less with the
 * machine's load than req/s does: use it to compare two versions run one
 * after the other (alternate them, several runs each).
 *
 *   npx ts-node --transpile-only -r tsconfig-paths/register bench/api/cpu-per-write.ts [sqlite|postgres]
 *   env: ROUNDS (3), WRITES per round (3000), PLAIN=1 (free text not sealed), NO_KEY=1 (no Idempotency-Key)
 */
import 'reflect-metadata';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig, TextSealing } from '@indaga/platform';
import { createTempDatabase } from '../../test/support/postgres-database';
import { BENCH_REDIS_URL, writeBenchEnv } from '../lib/write-bench-env';
import { deleteQueueKeys } from '../lib/redis-keys';
import { median } from '../lib/measure';
import { createApp } from '../../apps/api/src/create-app';
import { ADMIN, benchSchool } from './api.bench';
import { sessionBody } from './write-load';

const CALLERS = 32;
const NETWORKS = 64;

async function main() {
  const kind = process.argv[2] === 'postgres' ? 'postgres' : 'sqlite';
  const dir = mkdtempSync(join(tmpdir(), 'indaga-cpu-per-write-'));
  const pg = kind === 'postgres' ? await createTempDatabase('indaga_cpu') : undefined;
  const prefix = `bench-cpu-${process.pid}`;
  Object.assign(process.env, {
    LOG_LEVEL: 'warn',
    INDAGA_ADMIN_TOKEN: ADMIN,
    ...writeBenchEnv(prefix),
    ...(pg
      ? { INDAGA_STORE: 'postgres', DATABASE_URL: pg.url }
      : { INDAGA_STORE: 'sqlite', INDAGA_SQLITE_PATH: join(dir, 'api.db') }),
  });
  const app = await createApp(loadConfig(), { docs: false });
  try {
    await app.init();
    if (process.env.PLAIN === '1') app.get(TextSealing).enabled = false;
    const fastify = app.getHttpAdapter().getInstance();
    const post = async (url: string, token: string, body: unknown, headers: Record<string, string> = {}) => {
      const res = await fastify.inject({
        method: 'POST',
        url,
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}`, ...headers },
        payload: typeof body === 'string' ? body : JSON.stringify(body),
      });
      if (res.statusCode >= 300) throw new Error(`${url}: ${res.statusCode} ${res.body}`);
      return res.json() as { token?: string };
    };
    const schools = Array.from({ length: 16 }, (_, i) => String(10100 + i));
    const networks = Array.from({ length: NETWORKS }, (_, i) => `bench-red-${i}`);
    const tokens = new Map<string, string>();
    for (const networkId of networks) {
      await post('/v1/networks', ADMIN, {
        networkId,
        name: `Red ${networkId}`,
        region: 'Maule',
        registeredOn: '2015-12-01',
      });
      for (const schoolId of schools) {
        await post(`/v1/networks/${networkId}/schools`, ADMIN, benchSchool(schoolId));
      }
      tokens.set(networkId, (await post('/v1/tokens', ADMIN, { role: 'network', networkId })).token!);
    }
    let n = 0;
    const writes = async (total: number) => {
      let left = total;
      await Promise.all(
        Array.from({ length: CALLERS }, async () => {
          while (left-- > 0) {
            const i = n++;
            const networkId = networks[i % NETWORKS];
            const key: Record<string, string> =
              process.env.NO_KEY === '1' ? {} : { 'idempotency-key': `${prefix}-${i}` };
            await post(`/v1/networks/${networkId}/sessions`, tokens.get(networkId)!, sessionBody(schools, i), key);
          }
        }),
      );
    };
    await writes(3000); // warm-up: JIT, caches
    const perWrite: number[] = [];
    const count = Number(process.env.WRITES ?? 3000);
    for (let round = 0; round < Number(process.env.ROUNDS ?? 3); round++) {
      const before = process.cpuUsage();
      await writes(count);
      const used = process.cpuUsage(before);
      perWrite.push((used.user + used.system) / count);
    }
    console.log(
      `${kind}: CPU µs per write, median ${median(perWrite).toFixed(0)} (rounds: ${perWrite.map((v) => v.toFixed(0)).join(', ')})`,
    );
  } finally {
    await app.close();
    await pg?.drop();
    await deleteQueueKeys(BENCH_REDIS_URL, prefix);
    rmSync(dir, { recursive: true, force: true });
  }
}

main().then(
  () => process.exit(0),
  (error) => {
    console.error(error);
    process.exit(1);
  },
);
