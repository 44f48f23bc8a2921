import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { type BenchSection } from '../lib/bench-section';
import { deleteQueueKeys } from '../lib/redis-keys';
import { createTempDatabase } from '../../test/support/postgres-database';
import { BENCH_REDIS_URL, writeBenchEnv } from '../lib/write-bench-env';
import { type Contender, contender, median } from '../api/api.bench';
import { runWriteLoad } from '../api/write-load';

const CONNECTIONS = 32;

/**
 * SPEC 6.1's cost on the write path (issue 14 point 5): the full API writing
 * sessions with a summary, free text sealed (a data key generated, wrapped
 * and stored per event, AES-256-GCM) next to the same server writing it plain
 * (a bench-only switch of bench/api/api-server.ts), on SQLite and PostgreSQL,
 * rounds interleaved and the ratio taken within each round.
 */
export async function runSealingWriteBench(opts: { quick?: boolean } = {}): Promise<BenchSection> {
  const seconds = opts.quick ? 3 : 6;
  const runs = opts.quick ? 3 : 5;
  const dir = mkdtempSync(join(tmpdir(), 'indaga-bench-sealing-'));
  const pgSealed = await createTempDatabase('indaga_bench');
  const pgPlain = await createTempDatabase('indaga_bench');
  const prefix = `bench-${randomBytes(4).toString('hex')}`;
  const contenders: Contender[] = [];
  try {
    const env = writeBenchEnv(prefix);
    const sqlite = (file: string) => ({ ...env, INDAGA_STORE: 'sqlite', INDAGA_SQLITE_PATH: join(dir, file) });
    const postgres = (url: string) => ({ ...env, INDAGA_STORE: 'postgres', DATABASE_URL: url });
    contenders.push(await contender('sqlite, text sealed', 'api-server.ts', [], sqlite('sealed.db'), true, 0.9));
    contenders.push(await contender('sqlite, text plain', 'api-server.ts', ['--plain-text'], sqlite('plain.db'), true));
    contenders.push(await contender('postgres, text sealed', 'api-server.ts', [], postgres(pgSealed.url), true, 0.9));
    contenders.push(
      await contender('postgres, text plain', 'api-server.ts', ['--plain-text'], postgres(pgPlain.url), true),
    );
    for (let round = 0; round < runs; round++) {
      for (const c of contenders) {
        c.rounds.push(await runWriteLoad(c.server.url, c.target, CONNECTIONS, seconds));
        await sleep(500);
      }
    }
    const rows = contenders.map((c, i) => {
      const plain = contenders[i - (i % 2) + 1];
      return {
        workload: `full API, ${c.label}`,
        'req/s': median(c.rounds.map((r) => r.rps)),
        'p50 ms': median(c.rounds.map((r) => r.p50)),
        'p99 ms': median(c.rounds.map((r) => r.p99)),
        'ratio to plain': median(c.rounds.map((r, k) => r.rps / plain.rounds[k].rps)),
        target: c.targetRatio === undefined ? '' : `≥ ${c.targetRatio}×`,
        'non-2xx': c.rounds.reduce((n, r) => n + r.non2xx + r.errors, 0),
      };
    });
    return {
      title: `Write throughput with free text sealed vs plain, ${CONNECTIONS} connections (medians of ${runs} interleaved rounds × ${seconds} s)`,
      rows,
      notes: [
        "Each request records a SessionHeld whose first activity has a summary (free text): sealed, it gets a fresh data key, wrapped by the master key and stored in data_keys in the append's transaction.",
        'Plain = the same server with sealing switched off by a bench-only argument (events then written as schema version 1, as before SPEC 6).',
        'A ratio is taken within a round (same machine conditions), and the median over rounds is shown. Servers in child processes, autocannon in the bench process, all on the same shared cores.',
      ],
    };
  } finally {
    for (const c of contenders) await c.server.stop();
    await pgSealed.drop();
    await pgPlain.drop();
    rmSync(dir, { recursive: true, force: true });
    await deleteQueueKeys(BENCH_REDIS_URL, prefix);
  }
}
