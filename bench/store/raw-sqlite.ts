import { EVENT_STORE_MIGRATIONS, runMigrations } from '../../libs/event-store/src/sqlite/migrations';
import { openSqliteConnection } from '../../libs/event-store/src/sqlite/sqlite-connection';
import { ratePerSecond } from '../lib/measure';
import { benchData, benchMetadata } from '../lib/payload';
import type { RawBaseline } from './raw-baseline';

/** Raw better-sqlite3 on its own file, with the store's pragmas (WAL, synchronous=FULL) and table. */
export function sqliteRaw(path: string): RawBaseline {
  const db = openSqliteConnection(path);
  runMigrations(db, 'event-store', EVENT_STORE_MIGRATIONS);
  const insert = db.prepare(
    'INSERT INTO events (stream_id, version, type, data, metadata, recorded_at) VALUES (?, ?, ?, ?, ?, ?)',
  );
  const page = db.prepare(
    'SELECT position, stream_id, version, type, data, metadata FROM events WHERE position > ? ORDER BY position LIMIT 1000',
  );
  const versions = new Map<string, number>();
  const insertRow = (stream = 'raw'): void => {
    const version = (versions.get(stream) ?? 0) + 1;
    versions.set(stream, version);
    insert.run(
      stream,
      version,
      'CollaborativeSessionHeld',
      benchData(version),
      benchMetadata(version),
      new Date().toISOString(),
    );
  };
  const insertMany = db.transaction((count: number, streams: number) => {
    for (let i = 0; i < count; i++) insertRow(streams === 1 ? 'raw' : `raw-${i % streams}`);
  });
  return {
    insertOnePerCommit: (rows) =>
      ratePerSecond(rows, () => {
        for (let i = 0; i < rows; i++) insertRow(); // autocommit: one transaction, one WAL sync per row
      }),
    insertBatched: (rows, perCommit, streams = 1) =>
      ratePerSecond(rows, () => {
        for (let done = 0; done < rows; done += perCommit) insertMany(Math.min(perCommit, rows - done), streams);
      }),
    readAndParse: (rows) =>
      ratePerSecond(rows, () => {
        let after = 0;
        for (let read = 0; read < rows;) {
          const result = page.all(after) as Array<{ position: number; data: string; metadata: string }>;
          if (result.length === 0) throw new Error(`only ${read} rows to read`);
          for (const row of result) {
            JSON.parse(row.data);
            JSON.parse(row.metadata);
          }
          read += result.length;
          after = result[result.length - 1].position;
        }
      }),
    close: async () => void db.close(),
  };
}
