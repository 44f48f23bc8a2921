import {
  type AppendStreamRequest,
  type AppendStreamState,
  type KurrentDBClient,
  NO_STREAM,
  WrongExpectedVersionError as KurrentWrongExpectedVersion,
} from '@kurrent/kurrentdb-client';
import type { AppendResult } from '../event-store.port';
import type { SideEffect } from '../internal/encoded-append';
import { IdempotencyKeyHeldError, WrongExpectedVersionError } from '../errors';
import { appendResult, type EncodedAppend } from '../internal/encoded-append';
import { expectedState, safePosition, toEventData, versionOf } from './kurrentdb-events';
import { recordEvent, RECORD_MAX_AGE_SECONDS } from './kurrentdb-records';

/** What the append needs from the store around it. */
export interface AppendContext {
  client: KurrentDBClient;
  wireName(streamId: string): string;
  recordName(record: SideEffect): string;
  /** The record's value when live, else undefined. */
  readRecord(record: SideEffect): Promise<string | undefined>;
  /** Reads back `count` events from `fromVersion` (for their positions). */
  readBack(streamId: string, fromVersion: number, count: number): Promise<AppendResult['events']>;
  /** Told when a record stream's $maxAge could not be set (the append itself committed). */
  onMetadataFailure(stream: string, error: unknown): void;
}

/** Expired records replaced by racing writers could make an append lose again and again; a few rounds is plenty. */
const MAX_ROUNDS = 5;

/**
 * One append, events and idempotency records together, in one multi-stream
 * append (all streams or none). Record streams are expected not to exist; when
 * one does, its last record decides: live, the append fails with
 * IdempotencyKeyHeldError (checked before the version conflict, as the SQL
 * adapters do, so a retried request is recognised); expired, the append is
 * retried expecting the revision the server reported, which replaces it.
 */
export async function appendWithRecords(
  ctx: AppendContext,
  append: EncodedAppend,
  versionBefore?: number,
): Promise<AppendResult> {
  const records = append.sideEffects;
  const recordStates: AppendStreamState[] = records.map(() => NO_STREAM);
  const names = records.map((r) => ctx.recordName(r));
  if (new Set(names).size !== names.length)
    throw new TypeError('an append cannot carry the same idempotency key twice');
  for (let round = 1; ; round++) {
    const requests: AppendStreamRequest[] = records.map((record, i) => ({
      streamName: names[i],
      events: [recordEvent(record)],
      expectedState: recordStates[i],
    }));
    if (append.events.length > 0) {
      requests.push({
        streamName: ctx.wireName(append.streamId),
        events: append.events.map(toEventData),
        expectedState: expectedState(append.expectedVersion),
      });
    }
    try {
      const result = await ctx.client.multiStreamAppend(requests);
      await setRecordMaxAge(
        ctx,
        names.filter((_, i) => recordStates[i] === NO_STREAM),
      );
      if (append.events.length === 0) return { nextExpectedVersion: versionBefore ?? 0, lastPosition: 0, events: [] };
      const revision = result.responses.find((r) => r.streamName === ctx.wireName(append.streamId))!.revision;
      const last = Number(revision) + 1;
      // The session's position is that of its last record. With one event and no record stream beside it, that is
      // the event's (no need to rely on the order in which the server lays out a session's streams); otherwise
      // the events are read back for their positions, since the answer gives only one.
      if (append.events.length === 1 && records.length === 0) {
        const position = safePosition(result.position);
        return {
          nextExpectedVersion: last,
          lastPosition: position,
          events: appendResult(append, last - 1, [position]).events,
        };
      }
      const events = await ctx.readBack(append.streamId, last - append.events.length + 1, append.events.length);
      return { nextExpectedVersion: last, lastPosition: events[events.length - 1].position, events };
    } catch (error) {
      if (!(error instanceof KurrentWrongExpectedVersion)) throw error;
      for (const record of records) {
        if ((await ctx.readRecord(record)) !== undefined) throw new IdempotencyKeyHeldError(record.scope, record.key);
      }
      const index = names.indexOf(error.streamName);
      if (index < 0) {
        throw new WrongExpectedVersionError(append.streamId, append.expectedVersion, versionOf(error.actualState));
      }
      // Others keep replacing this expired key: treat it as held, the caller reads the record that won.
      if (round >= MAX_ROUNDS) throw new IdempotencyKeyHeldError(records[index].scope, records[index].key);
      recordStates[index] = error.actualState as AppendStreamState; // the expired record's revision (or no stream again)
    }
  }
}

/** Not part of the append's transaction (metadata streams are not written through it), so a failure only leaks storage. */
async function setRecordMaxAge(ctx: AppendContext, created: string[]): Promise<void> {
  await Promise.all(
    created.map((stream) =>
      ctx.client.setStreamMetadata(stream, { maxAge: RECORD_MAX_AGE_SECONDS }).catch((error: unknown) => {
        ctx.onMetadataFailure(stream, error);
      }),
    ),
  );
}
