import { openSqliteEventStore } from '@indaga/event-store';
import { IndagaConfig, openConfiguredSqlClient } from '@indaga/platform';
import { projectionServices, PROJECTIONS, ReadModelStore } from '@indaga/projections';
import { NETWORK_STREAM_PREFIX } from '@indaga/domain';

export interface RebuiltProjection {
  projection: string;
  generation: number;
  outcome: string;
  events: number;
}

/**
 * A restored file holds read models as they were when the backup was taken,
 * but nothing proves they match its events (a backup taken mid-catch-up, a
 * build with other projections). So every projection is rebuilt from the
 * restored events, the same way POST /v1/projections/:name/rebuild does,
 * and the restored rows are dropped when the new generation switches in.
 */
export async function rebuildReadModels(config: IndagaConfig): Promise<RebuiltProjection[]> {
  const store = await openSqliteEventStore({ path: config.sqlitePath });
  const sql = openConfiguredSqlClient(config, { durable: false });
  try {
    const readModels = new ReadModelStore(sql);
    await readModels.init(PROJECTIONS.map((p) => p.name));
    const { rebuilder } = projectionServices(store, readModels);
    const heads = (await store.streamHeads()).filter((h) => h.streamId.startsWith(NETWORK_STREAM_PREFIX));
    const events = heads.reduce((sum, h) => sum + h.version, 0);
    const rebuilt: RebuiltProjection[] = [];
    for (const { name } of PROJECTIONS) {
      const status = await readModels.rebuilds.status(name);
      // A rebuild that was running when the backup was taken is abandoned; this one replaces it.
      if (status.rebuildState === 'running' && status.rebuildGeneration !== null)
        await readModels.rebuilds.endRebuild(name, status.rebuildGeneration, 'cancelled');
      const generation = await readModels.rebuilds.startRebuild(name, 'restore', events);
      if (generation === undefined) throw new Error(`could not start a rebuild of ${name}`);
      const outcome = await rebuilder.run(name, generation);
      if (outcome !== 'switched') throw new Error(`rebuild of ${name} ended ${outcome}`);
      rebuilt.push({ projection: name, generation, outcome, events });
    }
    return rebuilt;
  } finally {
    await store.close();
    await sql.close();
  }
}
