import { existsSync, renameSync, rmSync } from 'node:fs';
import Database from 'better-sqlite3';

/** Pages per backup step: all of them (better-sqlite3's largest; 0 would copy nothing and never finish). */
const ALL_PAGES = 0x7fffffff;

/**
 * Copies a live SQLite database with SQLite's online backup API: a
 * consistent snapshot (one read transaction) while the service goes on
 * writing. In WAL mode a reader does not block writers, so the copy is taken
 * in one step: copied page by page, every write of the service in between
 * would restart it. Answers how many pages were copied.
 */
export async function backupSqlite(source: string, destination: string): Promise<number> {
  if (!existsSync(source)) throw new Error(`no database at ${source}`);
  if (existsSync(destination)) throw new Error(`${destination} exists; choose a new file for the backup`);
  const db = new Database(source, { readonly: true, fileMustExist: true });
  const partial = `${destination}.partial`;
  try {
    const { totalPages } = await db.backup(partial, { progress: () => ALL_PAGES });
    // A reader of the backup file never sees it half written.
    renameSync(partial, destination);
    return totalPages;
  } catch (error) {
    rmSync(partial, { force: true });
    throw error;
  } finally {
    db.close();
  }
}

/** Whether another connection (a running service) has the database open: it then refuses an exclusive lock. */
export function inUse(path: string): boolean {
  if (!existsSync(path)) return false;
  const db = new Database(path, { timeout: 0, fileMustExist: true });
  try {
    db.pragma('locking_mode = EXCLUSIVE');
    db.exec('BEGIN EXCLUSIVE; COMMIT');
    return false;
  } catch (error) {
    if ((error as { code?: string }).code?.startsWith('SQLITE_BUSY')) return true;
    throw error;
  } finally {
    db.close();
  }
}

/** Refuses a file that is not an intact indaga database before anything is overwritten. */
export function checkBackup(path: string): void {
  if (!existsSync(path)) throw new Error(`no backup at ${path}`);
  const db = new Database(path, { readonly: true, fileMustExist: true });
  try {
    const integrity = db.pragma('integrity_check', { simple: true });
    if (integrity !== 'ok') throw new Error(`${path} is damaged: ${String(integrity)}`);
    const events = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'events'").get();
    if (!events) throw new Error(`${path} holds no indaga event store (no events table)`);
  } finally {
    db.close();
  }
}

/**
 * Writes a backup over `target` (created when missing) through the backup
 * API, so connections that still have the target open see either the old
 * database or the restored one, never a mix. Answers the pages copied.
 */
export async function copyInto(backup: string, target: string): Promise<number> {
  const db = new Database(backup, { readonly: true, fileMustExist: true });
  try {
    return (await db.backup(target, { progress: () => ALL_PAGES })).totalPages;
  } finally {
    db.close();
  }
}
