import type { Database } from 'better-sqlite3';
import type { AppendResult } from '../event-store.port';
import { IdempotencyKeyHeldError, StoreUnavailableError, WrongExpectedVersionError } from '../errors';
import { appendResult, type EncodedAppend, versionConflict } from '../internal/encoded-append';
import type { Pending } from '../group-commit-queue';
import type { StoreTestHooks } from '../internal/hooks';
import { toStoreError } from './sqlite-connection';
import type { WriteStatements } from './sqlite-statements';

/** What became of one append of a batch: where its events went, or why it wrote nothing. */
export type AppendOutcome = { ok: true; versionBefore: number; positions: number[] } | { ok: false; error: unknown };

/**
 * Writes a batch of appends in ONE `BEGIN IMMEDIATE … COMMIT`, so one WAL sync
 * serves them all. Each append runs in its own savepoint and reads its stream's
 * version inside the transaction (nothing is cached between batches, since
 * another process may write between them); a failing append rolls back only
 * itself. Throws (rolling back) when the file itself fails. Synchronous: this
 * is what the writer thread runs.
 */
export function commitSqliteBatch(
  db: Database,
  s: WriteStatements,
  appends: readonly EncodedAppend[],
): AppendOutcome[] {
  try {
    s.begin.run();
  } catch (error) {
    throw toStoreError(error);
  }
  return writeAndCommit(db, s, appends);
}

/**
 * The same, except that a file whose write lock another connection holds is
 * not waited for: `undefined` then, with nothing written (BEGIN IMMEDIATE
 * failed before any row). For the lone-append path, which must never block
 * its event loop on another process (sqlite-lone-appends.ts).
 */
export function tryCommitSqliteBatch(
  db: Database,
  s: WriteStatements,
  appends: readonly EncodedAppend[],
): AppendOutcome[] | undefined {
  try {
    s.begin.run();
  } catch (error) {
    if ((error as { code?: string }).code === 'SQLITE_BUSY') return undefined;
    throw toStoreError(error);
  }
  return writeAndCommit(db, s, appends);
}

/** After BEGIN: the rows, then COMMIT; rolled back when anything throws. */
function writeAndCommit(db: Database, s: WriteStatements, appends: readonly EncodedAppend[]): AppendOutcome[] {
  try {
    const outcomes = writeRows(s, appends);
    s.commit.run();
    return outcomes;
  } catch (error) {
    if (db.inTransaction) s.rollback.run();
    throw toStoreError(error);
  }
}

/**
 * The same on the calling thread, with the test hook awaited before COMMIT
 * (the event loop is free while the transaction is held open). Every promise
 * is settled only after COMMIT returned.
 */
export async function writeSqliteBatch(
  db: Database,
  s: WriteStatements,
  batch: Array<Pending<EncodedAppend, AppendResult>>,
  hooks: StoreTestHooks,
): Promise<void> {
  let outcomes: AppendOutcome[];
  try {
    s.begin.run();
    outcomes = writeRows(
      s,
      batch.map((p) => p.item),
    );
    if (hooks.beforeCommit) await hooks.beforeCommit();
    s.commit.run();
  } catch (error) {
    if (db.inTransaction) s.rollback.run();
    throw toStoreError(error);
  }
  settleBatch(batch, outcomes);
}

/** Resolves or rejects each caller of a committed batch with its own outcome. */
export function settleBatch(
  batch: ReadonlyArray<Pending<EncodedAppend, AppendResult>>,
  outcomes: readonly AppendOutcome[],
): void {
  batch.forEach((pending, i) => {
    const outcome = outcomes[i];
    if (outcome.ok) pending.resolve(appendResult(pending.item, outcome.versionBefore, outcome.positions));
    else pending.reject(outcome.error);
  });
}

function writeRows(s: WriteStatements, appends: readonly EncodedAppend[]): AppendOutcome[] {
  const now = new Date().toISOString();
  const outcomes: AppendOutcome[] = new Array(appends.length);
  for (let i = 0; i < appends.length; i++) outcomes[i] = appendInSavepoint(s, appends[i], now);
  return outcomes;
}

function appendInSavepoint(s: WriteStatements, append: EncodedAppend, now: string): AppendOutcome {
  s.savepoint.run();
  try {
    const outcome = appendOne(s, append, now);
    s.release.run();
    return outcome;
  } catch (error) {
    // The file failing (I/O, disk full, lock lost) aborts the batch; anything else is this append's own failure.
    if (toStoreError(error) instanceof StoreUnavailableError) throw error;
    s.rollbackToSavepoint.run();
    s.release.run();
    return { ok: false, error: ownFailure(s, append, error) };
  }
}

function appendOne(s: WriteStatements, append: EncodedAppend, now: string): AppendOutcome {
  // Side effects first: a replayed idempotent request is reported as such even when its version is stale too.
  for (const e of append.sideEffects) {
    if (s.upsertSideEffect.run(e.kind, e.scope, e.key, e.value, e.expiresAt, now).changes === 0) {
      throw new IdempotencyKeyHeldError(e.scope, e.key);
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
  writeDataKeys(s, append);
  return { ok: true, versionBefore: actual, positions };
}

/**
 * SPEC 6.1/6.2: the append's data keys destroyed and stored in its own
 * savepoint, so with its events. Destroyed first: `all` means the keys the
 * stream had, never those of this append (a redaction's own reason).
 */
function writeDataKeys(s: WriteStatements, append: EncodedAppend): void {
  const changes = append.dataKeys;
  if (!changes) return;
  const destroy = changes.destroy;
  if (destroy?.versions === 'all') s.destroyStreamDataKeys.run(destroy.streamId);
  else if (destroy) s.destroyDataKeys.run(destroy.streamId, JSON.stringify(destroy.versions));
  for (const k of changes.put ?? []) s.insertDataKey.run(k.keyId, k.streamId, k.version, k.wrapped);
}

/** A unique violation means another writer got there first. */
function ownFailure(s: WriteStatements, append: EncodedAppend, error: unknown): unknown {
  const code = (error as { code?: string }).code;
  const message = (error as Error).message ?? '';
  if (code === 'SQLITE_CONSTRAINT_UNIQUE' && message.includes('events.')) {
    return new WrongExpectedVersionError(
      append.streamId,
      append.expectedVersion,
      s.streamVersion.get(append.streamId) ?? 0,
    );
  }
  if (code === 'SQLITE_CONSTRAINT_PRIMARYKEY' && message.includes('side_effects.')) {
    const e = append.sideEffects[0];
    return new IdempotencyKeyHeldError(e.scope, e.key);
  }
  return error;
}
