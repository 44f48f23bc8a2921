import type { Database } from 'better-sqlite3';
import type { AppendResult } from '../event-store.port';
import { SideEffectConflictError, StoreUnavailableError, WrongExpectedVersionError } from '../errors';
import { appendResult, type EncodedAppend, versionConflict } from '../internal/encoded-append';
import type { Pending } from '../internal/group-commit-queue';
import type { StoreTestHooks } from '../internal/hooks';
import { toStoreError } from './sqlite-connection';
import type { WriteStatements } from './sqlite-statements';

type Outcome = { ok: true; result: AppendResult } | { ok: false; error: unknown };

/**
 * Writes a batch of appends in ONE `BEGIN IMMEDIATE … COMMIT`, so one WAL sync
 * serves them all. Each append runs in its own savepoint and reads its stream's
 * version inside the transaction (nothing is cached between batches, since
 * another process may write between them); a failing append rolls back only
 * itself. Every promise is settled only after COMMIT returned.
 */
export async function writeSqliteBatch(
  db: Database,
  s: WriteStatements,
  batch: Array<Pending<EncodedAppend, AppendResult>>,
  hooks: StoreTestHooks,
): Promise<void> {
  const outcomes: Outcome[] = [];
  try {
    s.begin.run();
    const now = new Date().toISOString();
    for (const pending of batch) outcomes.push(appendInSavepoint(s, pending.item, now));
    if (hooks.beforeCommit) await hooks.beforeCommit();
    s.commit.run();
  } catch (error) {
    if (db.inTransaction) s.rollback.run();
    throw toStoreError(error);
  }
  batch.forEach((pending, i) => {
    const outcome = outcomes[i];
    if (outcome.ok) pending.resolve(outcome.result);
    else pending.reject(outcome.error);
  });
}

function appendInSavepoint(s: WriteStatements, append: EncodedAppend, now: string): Outcome {
  s.savepoint.run();
  try {
    const result = appendOne(s, append, now);
    s.release.run();
    return { ok: true, result };
  } catch (error) {
    // The file failing (I/O, disk full, lock lost) aborts the batch; anything else is this append's own failure.
    if (toStoreError(error) instanceof StoreUnavailableError) throw error;
    s.rollbackToSavepoint.run();
    s.release.run();
    return { ok: false, error: ownFailure(s, append, error) };
  }
}

function appendOne(s: WriteStatements, append: EncodedAppend, now: string): AppendResult {
  // Side effects first: a replayed idempotent request is reported as such even when its version is stale too.
  for (const e of append.sideEffects) {
    if (s.upsertSideEffect.run(e.kind, e.scope, e.key, e.value, e.expiresAt, now).changes === 0) {
      throw new SideEffectConflictError(e.kind, e.scope, e.key);
    }
  }
  const actual = s.streamVersion.get(append.streamId) ?? 0;
  const conflict = versionConflict(append, actual);
  if (conflict) throw conflict;
  const positions: number[] = new Array(append.events.length);
  for (let i = 0; i < append.events.length; i++) {
    const e = append.events[i];
    const info = s.insertEvent.run(append.streamId, actual + i + 1, e.type, e.data, e.metadata, append.recordedAt);
    positions[i] = Number(info.lastInsertRowid);
  }
  return appendResult(append, actual, positions);
}

/** A unique violation means another writer got there first. */
function ownFailure(s: WriteStatements, append: EncodedAppend, error: unknown): unknown {
  const code = (error as { code?: string }).code;
  const message = (error as Error).message ?? '';
  if (code === 'SQLITE_CONSTRAINT_UNIQUE' && message.includes('events.')) {
    return new WrongExpectedVersionError(append.streamId, append.expectedVersion, s.streamVersion.get(append.streamId) ?? 0);
  }
  if (code === 'SQLITE_CONSTRAINT_PRIMARYKEY' && message.includes('side_effects.')) {
    const e = append.sideEffects[0];
    return new SideEffectConflictError(e.kind, e.scope, e.key);
  }
  return error;
}
