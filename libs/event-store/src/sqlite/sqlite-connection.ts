import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { StoreUnavailableError } from '../errors';

export const DEFAULT_BUSY_TIMEOUT_MS = 5000;

/**
 * Opens one connection with the store's durability settings. busy_timeout is set
 * first, so that switching to WAL while another process holds the file waits
 * instead of failing. FULL syncs the WAL on every commit: an acknowledged append
 * survives power loss (NORMAL would only survive a process crash). secure_delete
 * zeroes deleted rows (an erased data key, SPEC 6.2) in the database file.
 * temp_store MEMORY keeps statement journals and temporary B-trees off disk.
 * The measurements are in BENCHMARKS.md (issue 15, stop 13).
 */
export function openSqliteConnection(path: string, busyTimeoutMs = DEFAULT_BUSY_TIMEOUT_MS): Database.Database {
  try {
    if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
    const db = new Database(path);
    db.pragma(`busy_timeout = ${Math.trunc(busyTimeoutMs)}`);
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
    // SPEC 6.2: a destroyed data key is overwritten, not left in a free page for a later backup to copy.
    db.pragma('secure_delete = ON');
    // A batch's savepoints journal in memory: past 64 KiB SQLite spilled them to a temp file, created,
    // written and unlinked inside the commit (a fifth of the API's batches here, a quarter of their pwrites).
    db.pragma('temp_store = MEMORY');
    // wal_autocheckpoint stays SQLite's 1,000 pages: 4,000 made a batch 14–16 % cheaper, but each
    // checkpoint's flush held up the projection workers' fsyncs on the same disk (lag p99 ×1.3–2.3).
    return db;
  } catch (error) {
    throw toStoreError(error);
  }
}

const UNAVAILABLE =
  /^(SQLITE_(BUSY|LOCKED|IOERR|CANTOPEN|FULL|READONLY|NOTADB|PERM|AUTH)|EACCES|EPERM|EROFS|ENOTDIR|EEXIST|ENOSPC)/;

/** Maps the failures that mean "the file cannot be used right now" to StoreUnavailableError. */
export function toStoreError(error: unknown): unknown {
  if (error instanceof StoreUnavailableError) return error;
  const code = (error as { code?: unknown })?.code;
  if (typeof code === 'string' && UNAVAILABLE.test(code)) {
    return new StoreUnavailableError(`sqlite: ${(error as Error).message}`, error);
  }
  if (/database connection is not open/i.test((error as Error)?.message ?? '')) {
    return new StoreUnavailableError('sqlite: the event store is closed', error);
  }
  return error;
}
