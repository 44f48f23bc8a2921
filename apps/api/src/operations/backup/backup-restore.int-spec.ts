import { randomBytes } from 'node:crypto';
import { copyFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import Database from 'better-sqlite3';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { networkRegistered, schoolJoined, sessionHeld } from '@indaga/domain/testing';
import { networkStreamId, type NetworkEvent } from '@indaga/domain';
import { EventStore, openSqliteEventStore } from '@indaga/event-store';
import { loadConfig, sealEvents, SqliteSqlClient } from '@indaga/platform';
import { PROJECTIONS, ReadModelStore } from '@indaga/projections';
import { expectedView } from '../../../../../libs/projections/test/projection-harness';
import { backupSqlite } from './sqlite-backup';
import { restoreSqlite, RestoreRefused } from './restore';

const NETWORKS = ['red-respaldo-a', 'red-respaldo-b', 'red-respaldo-c'];
const day = (n: number) => `2024-${String(1 + (n % 12)).padStart(2, '0')}-${String(1 + (n % 28)).padStart(2, '0')}`;

async function seed(store: EventStore): Promise<void> {
  for (const networkId of NETWORKS)
    await store.appendToStream(
      networkStreamId(networkId),
      [
        networkRegistered({ networkId, registeredOn: '2024-01-01' }),
        schoolJoined('10123', '2024-01-01'),
        schoolJoined('10456', '2024-01-01'),
      ],
      { expectedVersion: 'no_stream' },
    );
}

/** Appends sessions to every network, one after the other per network, until stopped; answers how many. */
function writeUntil(store: EventStore, stop: { now: boolean }): Promise<number> {
  return Promise.all(
    NETWORKS.map(async (networkId) => {
      let n = 0;
      for (let version = 3; !stop.now; version++, n++)
        await store.appendToStream(
          networkStreamId(networkId),
          [sessionHeld(`s-${n}`, day(n), { schoolsPresent: ['10123', '10456'] })],
          { expectedVersion: version },
        );
      return n;
    }),
  ).then((counts) => counts.reduce((a, b) => a + b, 0));
}

describe('npm run backup / restore (SQLite)', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'indaga-backup-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('a backup taken while the service writes restores identical streams, positions and trajectories', async () => {
    const live = join(dir, 'live.db');
    const store = await openSqliteEventStore({ path: live });
    await seed(store);
    const stop = { now: false };
    const writing = writeUntil(store, stop);
    await new Promise((r) => setTimeout(r, 300));
    await backupSqlite(live, join(dir, 'backup.db'));
    await new Promise((r) => setTimeout(r, 300));
    stop.now = true;
    const written = await writing;

    const config = loadConfig({ INDAGA_SQLITE_PATH: join(dir, 'restored.db') });
    const report = await restoreSqlite(join(dir, 'backup.db'), config);
    expect(report.rebuilt.map((r) => r.projection).sort()).toEqual(PROJECTIONS.map((p) => p.name).sort());

    const restored = await openSqliteEventStore({ path: config.sqlitePath });
    const sql = SqliteSqlClient.open(config.sqlitePath);
    try {
      // The restored log is exactly the live log up to one position: a snapshot at a commit, no gap, no torn batch.
      const after = await restored.readAll({ limit: 1_000_000 });
      const before = await store.readAll({ limit: 1_000_000 });
      expect(after.length).toBeGreaterThan(3 * NETWORKS.length);
      expect(after.length).toBeLessThan(before.length);
      expect(written).toBeGreaterThan(after.length - 3 * NETWORKS.length);
      expect(after).toEqual(before.slice(0, after.length));

      const readModels = new ReadModelStore(sql);
      for (const networkId of NETWORKS) {
        const events = await restored.readStream(networkStreamId(networkId), { limit: 1_000_000 });
        expect(events).toEqual(
          (await store.readStream(networkStreamId(networkId), { limit: 1_000_000 })).slice(0, events.length),
        );
        // The rebuilt read models say what the domain's pure functions say of the restored events.
        for (const projection of PROJECTIONS) {
          const { activeGeneration } = await readModels.rebuilds.status(projection.name);
          const row = await readModels.rows.row(projection.name, activeGeneration, networkId);
          expect(row?.version).toBe(events.length);
          expect(JSON.parse(row!.view)).toEqual(expectedView(projection, events as unknown as NetworkEvent[]));
        }
      }
    } finally {
      await restored.close();
      await sql.close();
      await store.close();
    }
  });

  it('refuses to overwrite a database a running service has open, or any existing one, without --force', async () => {
    const live = join(dir, 'live.db');
    const store = await openSqliteEventStore({ path: live });
    await seed(store);
    await backupSqlite(live, join(dir, 'backup.db'));
    const config = loadConfig({ INDAGA_SQLITE_PATH: live });
    await expect(restoreSqlite(join(dir, 'backup.db'), config)).rejects.toThrow(/running indaga service/);
    await store.close();
    await expect(restoreSqlite(join(dir, 'backup.db'), config)).rejects.toThrow(RestoreRefused);
    await expect(restoreSqlite(join(dir, 'backup.db'), config, true)).resolves.toMatchObject({ target: live });
  });

  it('an erased key is in no backup taken after the erasure, and a restore erases again what its log says (SPEC 6.2)', async () => {
    const live = join(dir, 'live.db');
    const store = await openSqliteEventStore({ path: live });
    const streamId = networkStreamId('red-borrada');
    const opened: NetworkEvent = {
      type: 'InquiryCycleOpened',
      data: { cycleId: 'c1', question: 'Ana Pérez', orientation: 'improvement', schools: [], openedOn: '2024-02-01' },
    };
    const sealed = sealEvents(randomBytes(32), streamId, 2, [opened]);
    const key = sealed.keys[0];
    await store.appendToStream(streamId, [networkRegistered({ networkId: 'red-borrada' }), ...sealed.events], {
      expectedVersion: 'no_stream',
      dataKeys: { put: sealed.keys },
    });
    await store.appendToStream(streamId, [{ type: 'TextRedacted', data: { versions: [2], reason: 'pedido' } }], {
      expectedVersion: 2,
      dataKeys: { destroy: { streamId, versions: [2] } },
    });
    await store.close();
    await backupSqlite(live, join(dir, 'after-erasure.db'));
    for (const file of ['after-erasure.db', 'live.db'])
      expect(readFileSync(join(dir, file)).toString('latin1')).not.toContain(key.wrapped);

    // An older key store brought back beside the log: the restore destroys the key again.
    const db = new Database(join(dir, 'after-erasure.db'));
    db.prepare('INSERT INTO data_keys (key_id, stream_id, version, wrapped) VALUES (?, ?, ?, ?)').run(
      key.keyId,
      key.streamId,
      key.version,
      key.wrapped,
    );
    db.close();
    const config = loadConfig({ INDAGA_SQLITE_PATH: join(dir, 'restored.db') });
    expect((await restoreSqlite(join(dir, 'after-erasure.db'), config)).erasedKeys).toBe(1);
    const restored = await openSqliteEventStore({ path: config.sqlitePath });
    try {
      expect((await restored.readDataKeys([key.keyId])).size).toBe(0);
    } finally {
      await restored.close();
    }
  });

  it('refuses a file that is not an indaga database, and a backup over an existing file', async () => {
    const other = join(dir, 'other.db');
    const sql = SqliteSqlClient.open(other);
    await sql.close();
    const config = loadConfig({ INDAGA_SQLITE_PATH: join(dir, 'new.db') });
    await expect(restoreSqlite(other, config)).rejects.toThrow(/no indaga event store/);
    copyFileSync(other, join(dir, 'taken.db'));
    await expect(backupSqlite(other, join(dir, 'taken.db'))).rejects.toThrow(/exists/);
  });
});
