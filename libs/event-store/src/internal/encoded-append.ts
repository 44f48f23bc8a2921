import type {
  AppendOptions,
  AppendResult,
  DataKeyChanges,
  EventMetadata,
  ExpectedVersion,
  IdempotencyRecord,
  NewEvent,
  RecordedEvent,
} from '../event-store.port';
import { WrongExpectedVersionError } from '../errors';

/** An event already serialised, so that no JSON work happens while a batch holds the write lock. */
export interface EncodedEvent {
  type: string;
  data: string;
  metadata: string;
}

/** An idempotency record as the SQL stores keep it: a row of their side-effect table, by kind. */
export interface SideEffect {
  kind: 'idempotency';
  scope: string;
  key: string;
  value: string;
  expiresAt: string;
}

/** One appendToStream call, validated and serialised when it is queued. */
export interface EncodedAppend {
  streamId: string;
  expectedVersion: ExpectedVersion;
  events: EncodedEvent[];
  recordedAt: string;
  sideEffects: SideEffect[];
  /** SPEC 6.1/6.2: data keys to store and to destroy in the same transaction (absent: none). */
  dataKeys?: DataKeyChanges;
}

/**
 * Validates and serialises an append. Throws (TypeError/RangeError) on bad input,
 * so a malformed call is rejected on its own and never poisons a batch.
 */
export function encodeAppend(streamId: string, events: NewEvent[], options: AppendOptions): EncodedAppend {
  if (typeof streamId !== 'string' || streamId.length === 0) throw new TypeError('streamId must be a non-empty string');
  if (!Array.isArray(events)) throw new TypeError('events must be an array');
  const expectedVersion = options?.expectedVersion;
  if (
    expectedVersion !== 'any' &&
    expectedVersion !== 'no_stream' &&
    !(Number.isSafeInteger(expectedVersion) && (expectedVersion as number) >= 0)
  ) {
    throw new RangeError(`expectedVersion must be a non-negative integer, 'no_stream' or 'any'`);
  }
  const recordedAt = new Date().toISOString();
  const recordedAtMember = `"recordedAt":"${recordedAt}"}`;
  const encoded = events.map((event) => {
    if (typeof event?.type !== 'string' || event.type.length === 0)
      throw new TypeError('event.type must be a non-empty string');
    const data = JSON.stringify(event.data ?? null) as string | undefined;
    if (data === undefined) throw new TypeError('event.data must be JSON-serialisable');
    return { type: event.type, data, metadata: encodeMetadata(event.metadata, recordedAt, recordedAtMember) };
  });
  const sideEffects = recordsOf(options?.idempotency).map((effect): SideEffect => {
    for (const field of ['scope', 'key', 'value'] as const) {
      if (typeof effect?.[field] !== 'string') throw new TypeError(`idempotency.${field} must be a string`);
    }
    const expires = new Date(effect.expiresAt);
    if (Number.isNaN(expires.getTime()))
      throw new RangeError(`idempotency.expiresAt is not a date: ${effect.expiresAt}`);
    // One canonical ISO form, so that SQLite can compare expiry times as text.
    return {
      kind: 'idempotency',
      scope: effect.scope,
      key: effect.key,
      value: effect.value,
      expiresAt: expires.toISOString(),
    };
  });
  const dataKeys = encodeDataKeys(options?.dataKeys);
  return { streamId, expectedVersion, events: encoded, recordedAt, sideEffects, ...(dataKeys ? { dataKeys } : {}) };
}

function encodeDataKeys(changes: DataKeyChanges | undefined): DataKeyChanges | undefined {
  if (!changes) return undefined;
  const put = changes.put ?? [];
  for (const key of put) {
    if (typeof key?.keyId !== 'string' || typeof key.wrapped !== 'string' || typeof key.streamId !== 'string')
      throw new TypeError('dataKeys.put: keyId, streamId and wrapped must be strings');
    if (!Number.isSafeInteger(key.version) || key.version < 1)
      throw new RangeError('dataKeys.put: version must be a positive integer');
  }
  const destroy = changes.destroy;
  if (destroy && destroy.versions !== 'all' && !destroy.versions.every((v) => Number.isSafeInteger(v)))
    throw new RangeError('dataKeys.destroy.versions must be integers or "all"');
  if (put.length === 0 && !destroy) return undefined;
  return { ...(put.length ? { put } : {}), ...(destroy ? { destroy } : {}) };
}

function recordsOf(idempotency: AppendOptions['idempotency']): readonly IdempotencyRecord[] {
  if (idempotency === undefined) return [];
  return isRecordList(idempotency) ? idempotency : [idempotency];
}

function isRecordList(value: IdempotencyRecord | readonly IdempotencyRecord[]): value is readonly IdempotencyRecord[] {
  return Array.isArray(value);
}

/**
 * Caller keys keep their order; recordedAt (the store's, overriding any given
 * value) comes last, or where the caller had put one. Spliced into the caller's JSON rather than spread
 * into a copy: this runs for every event of every append.
 */
function encodeMetadata(metadata: Record<string, unknown> | undefined, recordedAt: string, member: string): string {
  if (metadata === undefined || metadata === null) return `{${member}`;
  if (Object.prototype.hasOwnProperty.call(metadata, 'recordedAt'))
    return asObject(JSON.stringify({ ...metadata, recordedAt }));
  const json = asObject(JSON.stringify(metadata));
  return json === '{}' ? `{${member}` : `${json.slice(0, -1)},${member}`;
}

function asObject(json: string | undefined): string {
  if (json?.[0] !== '{') throw new TypeError('event.metadata must serialise to a JSON object');
  return json;
}

/** The conflict to report when `actual` does not satisfy the append's expectation. */
export function versionConflict(append: EncodedAppend, actual: number): WrongExpectedVersionError | undefined {
  const expected = append.expectedVersion;
  const ok = expected === 'any' || (expected === 'no_stream' ? actual === 0 : expected === actual);
  return ok ? undefined : new WrongExpectedVersionError(append.streamId, expected, actual);
}

/**
 * The result handed back to the caller. data and metadata are parsed from the
 * stored JSON, so they equal what a later read returns (a Date given in data
 * comes back as the string a read gives), but lazily, on first access: most
 * callers only want the version, and parsing every event of a bulk append
 * would cost as much as encoding it.
 */
export function appendResult(append: EncodedAppend, versionBefore: number, positions: number[]): AppendResult {
  const events: RecordedEvent[] = new Array(append.events.length);
  for (let i = 0; i < events.length; i++) {
    events[i] = recordedEvent(append.streamId, versionBefore + i + 1, positions[i], append.events[i]);
  }
  return {
    nextExpectedVersion: versionBefore + append.events.length,
    lastPosition: positions.length ? positions[positions.length - 1] : 0,
    events,
  };
}

function recordedEvent(streamId: string, version: number, position: number, encoded: EncodedEvent): RecordedEvent {
  let data: { value: unknown } | undefined;
  let metadata: EventMetadata | undefined;
  return {
    streamId,
    version,
    position,
    type: encoded.type,
    get data() {
      return (data ??= { value: JSON.parse(encoded.data) }).value;
    },
    get metadata() {
      return (metadata ??= JSON.parse(encoded.metadata) as EventMetadata);
    },
  };
}
