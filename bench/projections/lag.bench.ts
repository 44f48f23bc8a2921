import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { SqliteSqlClient } from '../../libs/platform/src';
import { ADMIN, seed } from '../api/api.bench';
import { startChildServer } from '../api/child-server';
import { runWriteLoad, sessionBody } from '../api/write-load';
import type { BenchSection } from '../lib/bench-section';
import { percentile } from '../lib/measure';
import { deleteQueueKeys } from '../lib/redis-keys';

const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';

/**
 * Projection lag under the REST benchmark's write load: while 32 connections
 * write, a sampler writes one more session every 50 ms and times from its
 * acknowledgement to the moment both read models of that network reflect its
 * version (polled straight from the read-model table every 2 ms).
 */
export async function runLagBench(opts: { quick?: boolean } = {}): Promise<BenchSection> {
  const seconds = opts.quick ? 5 : 15;
  const dir = mkdtempSync(join(tmpdir(), 'indaga-bench-lag-'));
  const prefix = `bench-${randomBytes(4).toString('hex')}`;
  const env = {
    INDAGA_STORE: 'sqlite',
    INDAGA_SQLITE_PATH: join(dir, 'indaga.db'),
    REDIS_URL,
    INDAGA_QUEUE_PREFIX: prefix,
    INDAGA_ADMIN_TOKEN: ADMIN,
    INDAGA_RATE_LIMIT_PER_TOKEN: '0',
    INDAGA_RATE_LIMIT_PER_IP: '0',
  };
  const api = await startChildServer('api-server.ts', [], { ...env, INDAGA_ROLE: 'api' });
  const worker = await startChildServer('../projections/worker-process.ts', [], { ...env, INDAGA_ROLE: 'worker' });
  const sql = SqliteSqlClient.open(join(dir, 'indaga.db'));
  try {
    const target = await seed(api.url);
    const reflected = async (networkId: string) => {
      const rows = await sql.query<{ version: number }>(
        `SELECT r.version FROM read_models r JOIN projection_status s ON s.projection = r.projection AND s.active_generation = r.generation WHERE r.network_id = $1`,
        [networkId],
      );
      return rows.length < 2 ? 0 : Math.min(...rows.map((r) => Number(r.version)));
    };
    const lags: number[] = [];
    let stop = false;
    const sampler = (async () => {
      for (let n = 0; !stop; n++) {
        const networkId = target.networks[(n * 7) % target.networks.length];
        const res = await fetch(`${api.url}/v1/networks/${networkId}/sessions`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${target.tokenFor(networkId)}` },
          body: sessionBody(target.schools, n + 1_000_000),
        });
        const acked = performance.now();
        const { version } = (await res.json()) as { version: number };
        while ((await reflected(networkId)) < version) await sleep(2);
        lags.push(performance.now() - acked);
        await sleep(50);
      }
    })();
    const load = await runWriteLoad(api.url, target, 32, seconds);
    stop = true;
    await sampler;
    lags.sort((a, b) => a - b);
    return {
      title: `Projection lag under write load (SQLite store and read models, BullMQ with one worker process, ${seconds} s)`,
      rows: [
        {
          'write load req/s': load.rps,
          'write p99 ms': load.p99,
          samples: lags.length,
          'lag p50 ms': percentile(lags, 50),
          'lag p99 ms': percentile(lags, 99),
          'lag max ms': lags[lags.length - 1],
          target: 'p99 < 200 ms',
        },
      ],
      notes: [
        "Lag = from the write's acknowledgement to both read models (network-views, overview) of that network at its version.",
      ],
    };
  } finally {
    await sql.close();
    await worker.stop();
    await api.stop();
    await deleteQueueKeys(REDIS_URL, prefix);
    rmSync(dir, { recursive: true, force: true });
  }
}
