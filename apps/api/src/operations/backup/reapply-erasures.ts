import Database from 'better-sqlite3';

/**
 * SPEC 6.2 after a restore: every TextRedacted in the restored log destroys
 * its keys again. A key store restored from a copy older than an erasure
 * (keys are in the same file, but an operator may bring an older file's
 * `data_keys` back) would otherwise make erased text readable again; after
 * this, the restored log's own erasures hold whatever keys came with it.
 * Answers how many key rows were deleted (0 when the backup was consistent).
 */
export function reapplyErasures(path: string): number {
  const db = new Database(path, { fileMustExist: true });
  try {
    db.pragma('secure_delete = ON');
    const hasKeys = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'data_keys'").get();
    if (!hasKeys) return 0;
    const redactions = db
      .prepare<[], { stream_id: string; version: number; data: string }>(
        "SELECT stream_id, version, data FROM events WHERE type = 'TextRedacted' ORDER BY position",
      )
      .all();
    const all = db.prepare('DELETE FROM data_keys WHERE stream_id = ? AND version < ?');
    const some = db.prepare(
      'DELETE FROM data_keys WHERE stream_id = ? AND version IN (SELECT value FROM json_each(?))',
    );
    let deleted = 0;
    db.transaction(() => {
      for (const r of redactions) {
        const versions = (JSON.parse(r.data) as { versions: number[] | 'all' }).versions;
        deleted +=
          versions === 'all'
            ? all.run(r.stream_id, r.version).changes
            : some.run(r.stream_id, JSON.stringify(versions)).changes;
      }
    })();
    return deleted;
  } finally {
    db.close();
  }
}
