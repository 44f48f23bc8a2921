import { EVENT_STORE_MIGRATIONS, runMigrations } from '../../libs/event-store/src/postgres/migrations';
import { createPool } from '../../libs/event-store/src/postgres/postgres-connection';
import { ratePerSecond } from '../lib/measure';
import { benchData, benchMetadata } from '../lib/payload';
import type { RawBaseline } from './raw-baseline';

const INSERT_ONE = {
  name: 'raw_insert_one',
  text: 'INSERT INTO events (stream_id, version, type, data, metadata, recorded_at) VALUES ($1, $2, $3, $4, $5, $6)',
};
const INSERT_UNNEST = {
  name: 'raw_insert_unnest',
  text: `INSERT INTO events (stream_id, version, type, data, metadata, recorded_at)
         SELECT * FROM unnest($1::text[], $2::int[], $3::text[], $4::json[], $5::json[], $6::timestamptz[])`,
};
const PAGE = {
  name: 'raw_page',
  text: 'SELECT position, stream_id, version, type, data, metadata FROM events WHERE position > $1 ORDER BY position LIMIT 1000',
};

/** Raw pg on one connection in its own schema, same table, synchronous_commit as the server has it (on). */
export async function postgresRaw(connectionString: string, schema: string): Promise<RawBaseline> {
  const pool = createPool(connectionString, schema, 1);
  await runMigrations(pool, 'event-store', EVENT_STORE_MIGRATIONS, { schema });
  const versions = new Map<string, number>();
  const row = (stream = 'raw'): unknown[] => {
    const version = (versions.get(stream) ?? 0) + 1;
    versions.set(stream, version);
    return [
      stream,
      version,
      'CollaborativeSessionHeld',
      benchData(version),
      benchMetadata(version),
      new Date().toISOString(),
    ];
  };
  return {
    insertOnePerCommit: (rows) =>
      ratePerSecond(rows, async () => {
        for (let i = 0; i < rows; i++) await pool.query({ ...INSERT_ONE, values: row() });
      }),
    insertBatched: (rows, perCommit, streams = 1) =>
      ratePerSecond(rows, async () => {
        for (let done = 0; done < rows; done += perCommit) {
          const columns: unknown[][] = [[], [], [], [], [], []];
          for (let i = 0; i < Math.min(perCommit, rows - done); i++) {
            row(streams === 1 ? 'raw' : `raw-${i % streams}`).forEach((v, c) => columns[c].push(v));
          }
          await pool.query({ ...INSERT_UNNEST, values: columns });
        }
      }),
    readAndParse: (rows) =>
      ratePerSecond(rows, async () => {
        let after = 0;
        for (let read = 0; read < rows;) {
          // pg parses json columns with JSON.parse as it builds each row.
          const { rows: page } = await pool.query<{ position: number }>({ ...PAGE, values: [after] });
          if (page.length === 0) throw new Error(`only ${read} rows to read`);
          read += page.length;
          after = page[page.length - 1].position;
        }
      }),
    close: () => pool.end(),
  };
}
