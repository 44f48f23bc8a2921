import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type EventStore, openSqliteEventStore } from '../../libs/event-store/src';
import { SqliteSqlClient } from '../../libs/platform/src';
import { projectionServices, PROJECTIONS, ReadModelStore, type Rebuilder } from '../../libs/projections/src';
import type { BenchSection } from '../lib/bench-section';
import { median } from '../api/api.bench';
import { seedWithText } from './seed-with-text';

interface Side {
  label: string;
  dir: string;
  store: EventStore;
  sql: SqliteSqlClient;
  readModels: ReadModelStore;
  rebuilder: Rebuilder;
  total: number;
}

async function side(label: string, networks: number, perNetwork: number, master?: Buffer): Promise<Side> {
  const dir = mkdtempSync(join(tmpdir(), 'indaga-bench-sealed-rebuild-'));
  const path = join(dir, 'indaga.db');
  const store = await openSqliteEventStore({ path });
  const sql = SqliteSqlClient.open(path, { durable: false });
  const total = await seedWithText(store, networks, perNetwork, master);
  const readModels = new ReadModelStore(sql);
  await readModels.init(PROJECTIONS.map((p) => p.name));
  return { label, dir, store, sql, readModels, rebuilder: projectionServices(store, readModels).rebuilder, total };
}

async function rebuildRate(s: Side, projection: string): Promise<number> {
  const generation = (await s.readModels.rebuilds.startRebuild(projection, 'bench', s.total))!;
  const start = process.hrtime.bigint();
  const outcome = await s.rebuilder.run(projection, generation, {});
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  if (outcome !== 'switched') throw new Error(`rebuild ${projection}: ${outcome}`);
  return s.total / seconds;
}

/**
 * Issue 14 point 5: a projection rebuild over a log whose free text is sealed,
 * as a ratio to the same log with the text plain (as before SPEC 6).
 * Projections never decrypt: the sealed strings are carried as opaque text,
 * so the difference is only the longer strings to parse and store.
 */
export async function runSealedRebuildBench(opts: { quick?: boolean } = {}): Promise<BenchSection> {
  const networks = opts.quick ? 40 : 200;
  const perNetwork = 1000;
  const runs = opts.quick ? 3 : 5;
  const sides = [
    await side('sealed', networks, perNetwork, randomBytes(32)),
    await side('plain', networks, perNetwork),
  ];
  try {
    const rows: BenchSection['rows'] = [];
    for (const projection of PROJECTIONS.map((p) => p.name)) {
      const rates: number[][] = [[], []];
      // Alternating which side goes first, so warm-up and garbage left by the previous run fall on both alike.
      for (let r = 0; r < runs; r++)
        for (const k of r % 2 === 0 ? [0, 1] : [1, 0]) rates[k].push(await rebuildRate(sides[k], projection));
      for (let k = 0; k < 2; k++) {
        rows.push({
          workload: `rebuild ${projection}, text ${sides[k].label}`,
          'events/s': median(rates[k]),
          'ratio to plain': median(rates[k].map((rate, r) => rate / rates[1][r])),
          target: k === 0 ? '≥ 0.9×' : '',
        });
      }
    }
    return {
      title: `Projection rebuild with free text sealed vs plain (SQLite, ${networks} networks of ${perNetwork} events, medians of ${runs} alternating runs)`,
      rows,
      notes: [
        "Both logs hold the same events with a summary on every session and a prediction and focus on every cycle; in the sealed one each is AES-256-GCM under its event's data key (the store also holds the wrapped keys). A ratio is taken within a run.",
      ],
    };
  } finally {
    for (const s of sides) {
      await s.store.close();
      await s.sql.close();
      rmSync(s.dir, { recursive: true, force: true });
    }
  }
}
