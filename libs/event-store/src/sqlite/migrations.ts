import type { Database } from 'better-sqlite3';

/** One step of a named migration set. Versions are applied in ascending order, once. */
export interface SqliteMigration {
  version: number;
  description: string;
  up: string | ((db: Database) => void);
}

/** The event store's own set. Append new versions; never edit an applied one. */
export const EVENT_STORE_MIGRATIONS: SqliteMigration[] = [
  {
    version: 1,
    description: 'events and side effects',
    up: `
      -- AUTOINCREMENT: a position is never reused, even after the newest rows are deleted.
      -- UNIQUE (stream_id, version) is the optimistic-concurrency guard.
      CREATE TABLE events (
        position INTEGER PRIMARY KEY AUTOINCREMENT,
        stream_id TEXT NOT NULL,
        version INTEGER NOT NULL,
        type TEXT NOT NULL,
        data TEXT NOT NULL,
        metadata TEXT NOT NULL,
        recorded_at TEXT NOT NULL,
        UNIQUE (stream_id, version)
      ) STRICT;
      CREATE TABLE side_effects (
        kind TEXT NOT NULL,
        scope TEXT NOT NULL,
        key TEXT NOT NULL,
        value TEXT NOT NULL,
        expires_at TEXT NOT NULL,
        PRIMARY KEY (kind, scope, key)
      ) STRICT, WITHOUT ROWID;
      CREATE INDEX side_effects_expires_at ON side_effects (expires_at);
    `,
  },
  {
    version: 2,
    description: 'data keys (SPEC 6.1)',
    up: `
      -- One wrapped data key per event that carries free text. Erasure deletes the row.
      CREATE TABLE data_keys (
        key_id TEXT PRIMARY KEY,
        stream_id TEXT NOT NULL,
        version INTEGER NOT NULL,
        wrapped TEXT NOT NULL
      ) STRICT;
      CREATE INDEX data_keys_stream ON data_keys (stream_id, version);
    `,
  },
];

/**
 * Applies the missing migrations of set `name` and returns how many it applied.
 * Other modules (read models) call it with their own set name and list. The
 * whole run is one BEGIN IMMEDIATE transaction: a second process opening the
 * same file waits on busy_timeout, then finds the versions recorded and does
 * nothing, so running it twice or concurrently is safe.
 */
export function runMigrations(db: Database, name: string, migrations: SqliteMigration[]): number {
  const sorted = [...migrations].sort((a, b) => a.version - b.version);
  sorted.forEach((m, i) => {
    if (!Number.isSafeInteger(m.version) || m.version < 1 || (i > 0 && sorted[i - 1].version === m.version)) {
      throw new RangeError(`migration set ${name}: bad or duplicate version ${m.version}`);
    }
  });
  db.exec('BEGIN IMMEDIATE');
  try {
    db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
      name TEXT NOT NULL,
      version INTEGER NOT NULL,
      description TEXT NOT NULL,
      applied_at TEXT NOT NULL,
      PRIMARY KEY (name, version)
    ) STRICT`);
    const applied = new Set(db.prepare('SELECT version FROM schema_migrations WHERE name = ?').pluck().all(name));
    const record = db.prepare(
      'INSERT INTO schema_migrations (name, version, description, applied_at) VALUES (?, ?, ?, ?)',
    );
    let count = 0;
    for (const m of sorted) {
      if (applied.has(m.version)) continue;
      if (typeof m.up === 'string') db.exec(m.up);
      else m.up(db);
      record.run(name, m.version, m.description, new Date().toISOString());
      count++;
    }
    db.exec('COMMIT');
    return count;
  } catch (error) {
    if (db.inTransaction) db.exec('ROLLBACK');
    throw error;
  }
}
