import type { Database, Statement } from 'better-sqlite3';
import type { AllEventRow, AllTextRow, StreamEventRow, StreamTextRow } from '../internal/text-rows';

/** Statements of the writing connection, prepared once per store. */
export interface WriteStatements {
  begin: Statement;
  commit: Statement;
  rollback: Statement;
  savepoint: Statement;
  release: Statement;
  rollbackToSavepoint: Statement;
  streamVersion: Statement<[string], number>;
  insertEvent: Statement<[string, number, string, string, string, string]>;
  /** Replaces an expired record; a live one is left alone (changes = 0). */
  upsertSideEffect: Statement<[string, string, string, string, string, string]>;
  /** Deletes up to `limit` records expired by `now`. */
  purgeExpired: Statement<[string, number]>;
  insertDataKey: Statement<[string, string, number, string]>;
  /** Deletes the keys of the versions given as a JSON array. */
  destroyDataKeys: Statement<[string, string]>;
  destroyStreamDataKeys: Statement<[string]>;
}

export function prepareWrites(db: Database): WriteStatements {
  return {
    begin: db.prepare('BEGIN IMMEDIATE'),
    commit: db.prepare('COMMIT'),
    rollback: db.prepare('ROLLBACK'),
    savepoint: db.prepare('SAVEPOINT append'),
    release: db.prepare('RELEASE append'),
    rollbackToSavepoint: db.prepare('ROLLBACK TO append'),
    streamVersion: db
      .prepare<[string], number>('SELECT coalesce(max(version), 0) FROM events WHERE stream_id = ?')
      .pluck(),
    insertEvent: db.prepare(
      'INSERT INTO events (stream_id, version, type, data, metadata, recorded_at) VALUES (?, ?, ?, ?, ?, ?)',
    ),
    upsertSideEffect: db.prepare(
      `INSERT INTO side_effects (kind, scope, key, value, expires_at) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT (kind, scope, key) DO UPDATE SET value = excluded.value, expires_at = excluded.expires_at
       WHERE side_effects.expires_at <= ?`,
    ),
    purgeExpired: db.prepare(
      `DELETE FROM side_effects WHERE (kind, scope, key) IN
         (SELECT kind, scope, key FROM side_effects WHERE expires_at <= ? ORDER BY expires_at LIMIT ?)`,
    ),
    insertDataKey: db.prepare('INSERT INTO data_keys (key_id, stream_id, version, wrapped) VALUES (?, ?, ?, ?)'),
    destroyDataKeys: db.prepare(
      'DELETE FROM data_keys WHERE stream_id = ? AND version IN (SELECT value FROM json_each(?))',
    ),
    destroyStreamDataKeys: db.prepare('DELETE FROM data_keys WHERE stream_id = ?'),
  };
}

/** Row shapes are positional (`raw()`): no per-row object with named keys to build and throw away. */
/** The parsed reads' rows: JSON columns as SQLite keeps them (text), parsed by the store. */
export type StreamRow = StreamEventRow;
export type AllRow = AllEventRow;

export interface ReadStatements {
  readStream: Statement<[string, number, number, number], StreamRow>;
  readAll: Statement<[number, number], AllRow>;
  readStreamText: Statement<[string, number, number, number], StreamTextRow>;
  readAllText: Statement<[number, number], AllTextRow>;
  streamVersion: Statement<[string], number>;
  headPosition: Statement<[], number>;
  readSideEffect: Statement<[string, string, string, string], string>;
  readDataKeys: Statement<[string], [string, string]>;
  ping: Statement<[], number>;
}

export function prepareReads(db: Database): ReadStatements {
  return {
    readStream: db
      .prepare<[string, number, number, number], StreamRow>(
        `SELECT position, version, type, data, metadata FROM events
         WHERE stream_id = ? AND version >= ? AND version <= ? ORDER BY version LIMIT ?`,
      )
      .raw(),
    readAll: db
      .prepare<[number, number], AllRow>(
        'SELECT position, stream_id, version, type, data, metadata FROM events WHERE position > ? ORDER BY position LIMIT ?',
      )
      .raw(),
    // The text reads bring each event's data key beside it (data_keys_stream index), for the export to open.
    readStreamText: db
      .prepare<[string, number, number, number], StreamTextRow>(
        `SELECT e.position, e.version, e.type, e.data, e.metadata, k.key_id, k.wrapped FROM events e
         LEFT JOIN data_keys k ON k.stream_id = e.stream_id AND k.version = e.version
         WHERE e.stream_id = ? AND e.version >= ? AND e.version <= ? ORDER BY e.version LIMIT ?`,
      )
      .raw(),
    readAllText: db
      .prepare<[number, number], AllTextRow>(
        `SELECT e.position, e.stream_id, e.version, e.type, e.data, e.metadata, k.key_id, k.wrapped FROM events e
         LEFT JOIN data_keys k ON k.stream_id = e.stream_id AND k.version = e.version
         WHERE e.position > ? ORDER BY e.position LIMIT ?`,
      )
      .raw(),
    streamVersion: db
      .prepare<[string], number>('SELECT coalesce(max(version), 0) FROM events WHERE stream_id = ?')
      .pluck(),
    headPosition: db.prepare<[], number>('SELECT coalesce(max(position), 0) FROM events').pluck(),
    readSideEffect: db
      .prepare<[string, string, string, string], string>(
        'SELECT value FROM side_effects WHERE kind = ? AND scope = ? AND key = ? AND expires_at > ?',
      )
      .pluck(),
    readDataKeys: db
      .prepare<[string], [string, string]>(
        'SELECT key_id, wrapped FROM data_keys WHERE key_id IN (SELECT value FROM json_each(?))',
      )
      .raw(),
    ping: db.prepare<[], number>('SELECT 1').pluck(),
  };
}
