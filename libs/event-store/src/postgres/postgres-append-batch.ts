import type { Pool, PoolClient } from 'pg';
import type { AppendResult } from '../event-store.port';
import type { SideEffect } from '../internal/encoded-append';
import { IdempotencyKeyHeldError, WrongExpectedVersionError } from '../errors';
import { appendResult, type EncodedAppend } from '../internal/encoded-append';
import type { Pending } from '../group-commit-queue';
import type { StoreTestHooks } from '../internal/hooks';
import { type Decision, insertQuery, planBatch, sideEffectKey } from './postgres-batch-plan';
import { isConnectionError, toStoreError } from './postgres-connection';
import { destroyDataKeys } from './postgres-data-keys';
import { BATCH_STATE, beginAndLock, beginLockAndBatchState, STREAM_VERSIONS } from './postgres-sql';

/*
 * Gap safety. Positions come from an identity sequence, and nextval() is not
 * transactional: without care, writer A takes position 10, writer B takes 11
 * and commits first, a reader sees 11 and moves its checkpoint past 10, and
 * A's event is skipped forever when it commits. So every append transaction
 * first takes pg_advisory_xact_lock(APPEND_LOCK_CLASS, schema), and only then
 * inserts (taking positions). The lock is held to the end of the transaction,
 * and PostgreSQL makes a commit visible (ProcArrayEndTransaction) before it
 * releases the transaction's locks (LockReleaseAll in ResourceOwnerRelease).
 * So the next writer gets its positions only after the previous writer's rows
 * are visible: positions are handed out in commit order, and any snapshot that
 * shows position p shows every committed position below p. Group commit keeps
 * this serial section cheap: one lock per batch, not per append.
 */

export interface PostgresBatchContext {
  pool: Pool;
  schemaKey: number;
  hooks: StoreTestHooks;
}

type Outcome = { ok: true; result: AppendResult } | { ok: false; error: unknown };

/** A side-effect row written outside the append lock collided with this batch. */
class RaceDetected extends Error {}

const isUniqueViolation = (error: unknown): boolean => (error as { code?: string })?.code === '23505';

/**
 * Writes a batch in one transaction and three round trips: BEGIN, lock and
 * the versions of all its streams (one simple query); the accepted appends'
 * events, idempotency records and data keys (one statement); COMMIT.
 * Mismatches are rejected in between.
 * Should the statement fail anyway (a unique violation from a writer that
 * bypassed the lock, or one append's bad value), the batch is rolled back and
 * redone one append per savepoint, so only the culprit fails.
 */
export async function writePostgresBatch(
  ctx: PostgresBatchContext,
  batch: Array<Pending<EncodedAppend, AppendResult>>,
): Promise<void> {
  let client: PoolClient;
  try {
    client = await ctx.pool.connect();
  } catch (error) {
    throw toStoreError(error);
  }
  const appends = batch.map((p) => p.item);
  let destroy = false;
  try {
    let outcomes: Outcome[];
    try {
      outcomes = await writeTogether(client, ctx, appends);
    } catch (error) {
      if (isConnectionError(error)) throw error;
      await client.query('ROLLBACK');
      outcomes = await writeOneByOne(client, ctx, appends);
    }
    batch.forEach((pending, i) => {
      const outcome = outcomes[i];
      if (outcome.ok) pending.resolve(outcome.result);
      else pending.reject(outcome.error);
    });
  } catch (error) {
    // After a lost connection the outcome of an in-flight COMMIT is unknown; callers retry with their idempotency key.
    destroy = isConnectionError(error);
    if (!destroy) await client.query('ROLLBACK').catch(() => (destroy = true));
    throw toStoreError(error);
  } finally {
    client.release(destroy);
  }
}

async function writeTogether(
  client: PoolClient,
  ctx: PostgresBatchContext,
  appends: EncodedAppend[],
): Promise<Outcome[]> {
  const results = await client.query<[string, string, string | null, string | null]>({
    text: beginLockAndBatchState(
      ctx.schemaKey,
      [...new Set(appends.map((a) => a.streamId))],
      appends.flatMap((a) => a.sideEffects),
    ),
    rowMode: 'array',
  });
  // A query of several statements answers one result each; the state is the last.
  const { versions, live } = batchStateOf((results as unknown as Array<{ rows: StateRow[] }>).at(-1)!.rows);
  const decisions = planBatch(appends, versions, live);
  await ctx.hooks.afterVersionCheck?.();
  await destroyDataKeys(
    client,
    appends.filter((_, i) => !('error' in decisions[i])),
  );
  const positions = await insert(client, appends, decisions);
  // Settled before COMMIT: once it succeeds nothing may throw, or the batch would be redone.
  const outcomes = appends.map((append, i) => outcome(append, decisions[i], positions));
  await ctx.hooks.beforeCommit?.();
  await client.query('COMMIT');
  return outcomes;
}

async function writeOneByOne(
  client: PoolClient,
  ctx: PostgresBatchContext,
  appends: EncodedAppend[],
): Promise<Outcome[]> {
  await client.query(beginAndLock(ctx.schemaKey));
  const outcomes: Outcome[] = [];
  for (const append of appends) {
    await client.query('SAVEPOINT append');
    try {
      const { versions, live } = await readBatchState(client, [append.streamId], append.sideEffects);
      const decisions = planBatch([append], versions, live);
      if (!('error' in decisions[0])) await destroyDataKeys(client, [append]);
      const positions = await insert(client, [append], decisions);
      await client.query('RELEASE SAVEPOINT append');
      outcomes.push(outcome(append, decisions[0], positions));
    } catch (error) {
      if (isConnectionError(error)) throw error;
      await client.query('ROLLBACK TO SAVEPOINT append');
      outcomes.push({ ok: false, error: await ownFailure(client, append, error) });
    }
  }
  await ctx.hooks.beforeCommit?.();
  await client.query('COMMIT');
  return outcomes;
}

async function readVersions(client: PoolClient, streamIds: string[]): Promise<Map<string, number>> {
  const { rows } = await client.query<[string, number | null]>({
    ...STREAM_VERSIONS,
    values: [streamIds],
    rowMode: 'array',
  });
  const versions = new Map<string, number>();
  for (const [streamId, version] of rows) if (version !== null) versions.set(streamId, version);
  return versions;
}

async function readBatchState(
  client: PoolClient,
  streamIds: string[],
  effects: SideEffect[],
): Promise<{ versions: Map<string, number>; live: Set<string> }> {
  const { rows } = await client.query<StateRow>({
    ...BATCH_STATE,
    values: [streamIds, effects.map((e) => e.kind), effects.map((e) => e.scope), effects.map((e) => e.key)],
    rowMode: 'array',
  });
  return batchStateOf(rows);
}

/** BATCH_STATE's tagged rows: ('v', stream_id, version, null) or ('k', kind, scope, key). */
type StateRow = [string, string, string | null, string | null];

function batchStateOf(rows: StateRow[]): { versions: Map<string, number>; live: Set<string> } {
  const versions = new Map<string, number>();
  const live = new Set<string>();
  for (const [tag, a, b, c] of rows) {
    if (tag === 'k') live.add(sideEffectKey({ kind: a, scope: b as string, key: c as string }));
    else if (b !== null) versions.set(a, Number(b));
  }
  return { versions, live };
}

const rowKey = (streamId: string, version: number): string => `${version}\u0000${streamId}`;

/** Inserts the accepted appends; returns each event's position by stream and version. */
async function insert(
  client: PoolClient,
  appends: EncodedAppend[],
  decisions: Decision[],
): Promise<Map<string, number>> {
  const { name, text, values, events, sideEffects: expected } = insertQuery(appends, decisions);
  const positions = new Map<string, number>();
  if (events === 0 && expected === 0) return positions;
  const { rows } = await client.query<[number, string, number]>({ name, text, values, rowMode: 'array' });
  let sideEffects = 0;
  for (const [position, streamId, version] of rows) {
    if (position === -1) sideEffects = version;
    else positions.set(rowKey(streamId, version), position);
  }
  if (sideEffects !== expected) throw new RaceDetected('a side-effect key was taken outside the append lock');
  return positions;
}

function outcome(append: EncodedAppend, decision: Decision, positions: Map<string, number>): Outcome {
  if ('error' in decision) return { ok: false, error: decision.error };
  const before = decision.versionBefore;
  const eventPositions = append.events.map((_, j) => positions.get(rowKey(append.streamId, before + j + 1)) as number);
  return { ok: true, result: appendResult(append, before, eventPositions) };
}

/** A unique violation or a short side-effect count means another writer got there first. */
async function ownFailure(client: PoolClient, append: EncodedAppend, error: unknown): Promise<unknown> {
  if (isUniqueViolation(error) && (error as { constraint?: string }).constraint === 'events_stream_version') {
    const actual = (await readVersions(client, [append.streamId])).get(append.streamId) ?? 0;
    return new WrongExpectedVersionError(append.streamId, append.expectedVersion, actual);
  }
  if (isUniqueViolation(error) || error instanceof RaceDetected) {
    const e = append.sideEffects[0];
    return new IdempotencyKeyHeldError(e.scope, e.key);
  }
  return error;
}
