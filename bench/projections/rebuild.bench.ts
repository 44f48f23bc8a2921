import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openSqliteEventStore } from '../../libs/event-store/src';
import { SqliteSqlClient } from '../../libs/platform/src';
import { projectionServices, PROJECTIONS, ReadModelStore } from '../../libs/projections/src';
import type { BenchSection } from '../lib/bench-section';
import { mib, rssPeak } from '../lib/measure';
import { seedNetworks } from './seed-networks';

/**
 * Rebuild throughput of each projection over the whole log, next to the
 * store's own readAll rate over the same events in the same run (SQLite).
 */
export async function runRebuildBench(opts: { quick?: boolean } = {}): Promise<BenchSection> {
  const networks = opts.quick ? 100 : 1000;
  const perNetwork = 1000;
  const dir = mkdtempSync(join(tmpdir(), 'indaga-bench-rebuild-'));
  const path = join(dir, 'indaga.db');
  const store = await openSqliteEventStore({ path });
  const sql = SqliteSqlClient.open(path, { durable: false });
  try {
    const seedStart = Date.now();
    const total = await seedNetworks(store, networks, perNetwork);
    const seedSeconds = (Date.now() - seedStart) / 1000;

    // The store's readAll over the whole log (pages of 1,000, events parsed): the baseline.
    let start = process.hrtime.bigint();
    let read = 0;
    for (let after = 0; ;) {
      const page = await store.readAll({ after, limit: 1000 });
      if (page.length === 0) break;
      for (const e of page) void e.data;
      read += page.length;
      after = page[page.length - 1].position;
    }
    const readAllRate = read / (Number(process.hrtime.bigint() - start) / 1e9);

    const readModels = new ReadModelStore(sql);
    await readModels.init(PROJECTIONS.map((p) => p.name));
    const { rebuilder } = projectionServices(store, readModels);
    const rows: BenchSection['rows'] = [
      {
        workload: `store readAll, ${read.toLocaleString('en-US')} events (baseline)`,
        'events/s': readAllRate,
        seconds: read / readAllRate,
        'ratio to readAll': 1,
        target: '',
      },
    ];
    for (const projection of PROJECTIONS) {
      const generation = (await readModels.rebuilds.startRebuild(projection.name, 'bench', total))!;
      const rss = rssPeak();
      start = process.hrtime.bigint();
      const outcome = await rebuilder.run(projection.name, generation, { onProgress: () => rss.sample() });
      const seconds = Number(process.hrtime.bigint() - start) / 1e9;
      if (outcome !== 'switched') throw new Error(`rebuild ${projection.name}: ${outcome}`);
      rows.push({
        workload: `rebuild ${projection.name}`,
        'events/s': total / seconds,
        seconds,
        'ratio to readAll': total / seconds / readAllRate,
        target: '≥ 0.5×, < 60 s',
        'peak RSS MiB': mib(rss.peak()),
      });
    }
    return {
      title: `Projection rebuild over ${total.toLocaleString('en-US')} events (SQLite, ${networks} networks of ${perNetwork} events)`,
      rows,
      notes: [
        `Seeded in ${seedSeconds.toFixed(1)} s. A rebuild reads the log once in position order, folds each network's events as they come, and writes the network's views and checkpoint (not its document) when it reaches the version its stream had at the start; networks it leaves go through the live runner stream by stream.`,
      ],
    };
  } finally {
    await store.close();
    await sql.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
