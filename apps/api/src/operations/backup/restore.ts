import { existsSync } from 'node:fs';
import type { IndagaConfig } from '@indaga/platform';
import { checkBackup, copyInto, inUse } from './sqlite-backup';
import { rebuildReadModels, RebuiltProjection } from './rebuild-after-restore';
import { reapplyErasures } from './reapply-erasures';

export class RestoreRefused extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RestoreRefused';
  }
}

export interface RestoreReport {
  target: string;
  pages: number;
  /** A service had the file open (only with force): it must be restarted, its caches hold the old history. */
  serviceWasRunning: boolean;
  /** Data keys deleted again because the restored log records their erasure (SPEC 6.2). */
  erasedKeys: number;
  rebuilt: RebuiltProjection[];
}

/**
 * Restores a SQLite backup into INDAGA_SQLITE_PATH, then rebuilds every read
 * model from the restored events. An existing database is overwritten only
 * with `force` (events written after the backup are lost), and the refusal
 * says when a running service has it open.
 */
export async function restoreSqlite(backup: string, config: IndagaConfig, force = false): Promise<RestoreReport> {
  checkBackup(backup);
  const target = config.sqlitePath;
  const running = inUse(target);
  if (!force && running)
    throw new RestoreRefused(
      `a running indaga service has ${target} open; stop it first, or pass --force (then restart it after the restore)`,
    );
  if (!force && existsSync(target))
    throw new RestoreRefused(
      `${target} exists; restoring replaces its events with the backup's (later events are lost): pass --force to do it`,
    );
  const pages = await copyInto(backup, target);
  const erasedKeys = reapplyErasures(target);
  const rebuilt = await rebuildReadModels(config);
  return { target, pages, serviceWasRunning: running, erasedKeys, rebuilt };
}
