import { jsonEvent, type EventData, type ResolvedEvent } from '@kurrent/kurrentdb-client';
import type { SideEffect } from '../internal/encoded-append';

/**
 * Idempotency records. Each scope+key is a stream of its own, written in the
 * same multi-stream append as the network's events with expected state "no
 * stream", so the server itself refuses a second append holding a live key.
 * Its last event is the record; an expired record is replaced by appending at
 * the revision the conflict reported. The server deletes old record streams
 * itself ($maxAge of a day on each stream's metadata), which is why the port's
 * purge does nothing on this store.
 */
export const RECORD_EVENT_TYPE = 'IdempotencyRecorded';
export const RECORD_MAX_AGE_SECONDS = 24 * 60 * 60;

export type RecordData = { scope: string; key: string; value: string; expiresAt: string };

/** Outside every prefix readAll asks for; the parts are URI-encoded so that no two scope/key pairs share a name. */
export function recordStream(prefix: string, namespace: string, scope: string, key: string): string {
  return `${prefix}${encodeURIComponent(namespace)}/${encodeURIComponent(scope)}/${encodeURIComponent(key)}`;
}

export function recordEvent(record: SideEffect): EventData {
  const data: RecordData = { scope: record.scope, key: record.key, value: record.value, expiresAt: record.expiresAt };
  return jsonEvent({ type: RECORD_EVENT_TYPE, data });
}

/** The record's value if it is still live at `now`, otherwise undefined. */
export function liveValue(resolved: ResolvedEvent | undefined, now: number): string | undefined {
  const data = resolved?.event?.data as RecordData | undefined;
  if (!data || typeof data.value !== 'string') return undefined;
  return Date.parse(data.expiresAt) > now ? data.value : undefined;
}
