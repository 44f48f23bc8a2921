import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  NetworkCommand,
  networkDecider,
  NetworkEvent,
  networkStreamId,
  NetworkState,
  toNetworkEvents,
} from '@indaga/domain';
import { EventStore, openPostgresEventStore, openSqliteEventStore } from '@indaga/event-store';
import { PostgresSqlClient, SqlClient, SqliteSqlClient } from '@indaga/platform';
import { createTempDatabase } from '../../../test/support/postgres-database';
import type { NetworkProjection } from '../src/projection';
import { ReadModelStore } from '../src/read-models/read-model-store';
import type { CatchUpService } from '../src/runner/catch-up.service';
import { projectionServices } from '../src/runner/projection-services';

export type StoreKind = 'sqlite' | 'postgres';

export interface Harness {
  store: EventStore;
  sql: SqlClient;
  readModels: ReadModelStore;
  /** Runner, catch-up service and rebuilder sharing one runner (a process's). */
  services: (projections?: readonly NetworkProjection[]) => ReturnType<typeof projectionServices>;
  catchUp: (projections?: readonly NetworkProjection[]) => CatchUpService;
  /** Decides and appends a command for a network, as the API would; answers the new events. */
  write(networkId: string, command: NetworkCommand): Promise<NetworkEvent[]>;
  events(networkId: string): Promise<NetworkEvent[]>;
  close(): Promise<void>;
}

/** A real store and read-model database (SQLite file or a fresh PostgreSQL database) for the projection tests. */
export async function openHarness(kind: StoreKind, projections: readonly NetworkProjection[]): Promise<Harness> {
  const dir = mkdtempSync(join(tmpdir(), 'indaga-proj-'));
  const pg = kind === 'postgres' ? await createTempDatabase('indaga_proj') : undefined;
  const store = pg
    ? await openPostgresEventStore({ connectionString: pg.url })
    : await openSqliteEventStore({ path: join(dir, 'e.db') });
  const sql: SqlClient = pg ? PostgresSqlClient.open(pg.url) : SqliteSqlClient.open(join(dir, 'e.db'));
  const readModels = new ReadModelStore(sql);
  await readModels.init(projections.map((p) => p.name));
  const states = new Map<string, { version: number; state: NetworkState }>();
  return {
    store,
    sql,
    readModels,
    services: (ps = projections) => projectionServices(store, readModels, ps),
    catchUp: (ps = projections) => projectionServices(store, readModels, ps).catchUp,
    async write(networkId, command) {
      const streamId = networkStreamId(networkId);
      const current = states.get(streamId) ?? { version: 0, state: networkDecider.initialState() };
      const events = networkDecider.decide(command, current.state);
      await store.appendToStream(streamId, events, {
        expectedVersion: current.version === 0 ? 'no_stream' : current.version,
      });
      states.set(streamId, {
        version: current.version + events.length,
        state: events.reduce(networkDecider.evolve, current.state),
      });
      return events;
    },
    async events(networkId) {
      return toNetworkEvents(await store.readStream(networkStreamId(networkId), { limit: 100_000 }));
    },
    async close() {
      await store.close();
      await sql.close();
      await pg?.drop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** What the read model must equal: the projection's view over the pure fold of every event. */
export function expectedView(projection: NetworkProjection, events: NetworkEvent[]): unknown {
  return JSON.parse(JSON.stringify(projection.view(projection.evolve(projection.initial(), events), events.length)));
}

export async function storedView(
  h: Harness,
  projection: NetworkProjection,
  networkId: string,
): Promise<{ version: number; view: unknown } | undefined> {
  const { activeGeneration } = await h.readModels.rebuilds.status(projection.name);
  const row = await h.readModels.rows.row(projection.name, activeGeneration, networkId);
  return row ? { version: row.version, view: JSON.parse(row.view) } : undefined;
}
