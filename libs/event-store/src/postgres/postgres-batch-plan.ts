import { INSERT_EVENTS_AS_ARRAYS, INSERT_EVENTS_AS_JSON } from './postgres-sql';
import { IdempotencyKeyHeldError } from '../errors';
import { type EncodedAppend, versionConflict } from '../internal/encoded-append';

/** Per append: the stream version it starts from, or the error it fails with. */
export type Decision = { versionBefore: number } | { error: Error };

export const sideEffectKey = (e: { kind: string; scope: string; key: string }): string =>
  `${e.kind}\u0000${e.scope}\u0000${e.key}`;

/**
 * Checks a batch in arrival order against the versions and live side-effect
 * keys read under the append lock. Accepted appends advance `versions`, so a
 * second append to the same stream is checked against the first's result, and
 * claim their keys, so two appends with one idempotency key write once.
 */
export function planBatch(appends: EncodedAppend[], versions: Map<string, number>, liveKeys: Set<string>): Decision[] {
  const claimed = new Set(liveKeys);
  return appends.map((append) => {
    const keys = append.sideEffects.map(sideEffectKey);
    const taken = keys.findIndex((k, i) => claimed.has(k) || keys.indexOf(k) !== i);
    if (taken >= 0) {
      const e = append.sideEffects[taken];
      return { error: new IdempotencyKeyHeldError(e.scope, e.key) };
    }
    const actual = versions.get(append.streamId) ?? 0;
    const conflict = versionConflict(append, actual);
    if (conflict) return { error: conflict };
    for (const k of keys) claimed.add(k);
    versions.set(append.streamId, actual + append.events.length);
    return { versionBefore: actual };
  });
}

export interface InsertQuery {
  name: string;
  text: string;
  values: unknown[];
  events: number;
  sideEffects: number;
}

/** The insert of the accepted appends and their new data keys (see postgres-sql.ts for the two encodings). */
export function insertQuery(appends: EncodedAppend[], decisions: Decision[]): InsertQuery {
  const accepted = appends.filter((_, i) => 'versionBefore' in decisions[i]);
  const before = decisions
    .filter((d): d is { versionBefore: number } => 'versionBefore' in d)
    .map((d) => d.versionBefore);
  const effects = accepted.flatMap((a) => a.sideEffects);
  const sideEffectColumns = [
    effects.map((e) => e.kind),
    effects.map((e) => e.scope),
    effects.map((e) => e.key),
    effects.map((e) => e.value),
    effects.map((e) => e.expiresAt),
  ];
  const keys = accepted.flatMap((a) => a.dataKeys?.put ?? []);
  const keyColumns = [
    keys.map((k) => k.keyId),
    keys.map((k) => k.streamId),
    keys.map((k) => k.version),
    keys.map((k) => k.wrapped),
  ];
  const escaped = accepted.some((a) => a.events.some((e) => e.data.includes('\\u') || e.metadata.includes('\\u')));
  const events = escaped ? eventArrays(accepted, before) : eventJson(accepted, before);
  return {
    ...(escaped ? INSERT_EVENTS_AS_ARRAYS : INSERT_EVENTS_AS_JSON),
    values: [...events.values, ...sideEffectColumns, ...keyColumns],
    events: events.count,
    sideEffects: effects.length,
  };
}

function eventJson(appends: EncodedAppend[], before: number[]): { values: unknown[]; count: number } {
  const rows: string[] = [];
  appends.forEach((append, i) => {
    const head = `{"s":${JSON.stringify(append.streamId)},"a":"${append.recordedAt}","v":`;
    append.events.forEach((event, j) => {
      // data and metadata come from JSON.stringify, so the concatenation is valid JSON.
      rows.push(
        `${head}${before[i] + j + 1},"t":${JSON.stringify(event.type)},"d":${event.data},"m":${event.metadata}}`,
      );
    });
  });
  return { values: [`[${rows.join(',')}]`], count: rows.length };
}

function eventArrays(appends: EncodedAppend[], before: number[]): { values: unknown[]; count: number } {
  const columns: [string[], number[], string[], string[], string[], string[]] = [[], [], [], [], [], []];
  appends.forEach((append, i) => {
    append.events.forEach((event, j) => {
      columns[0].push(append.streamId);
      columns[1].push(before[i] + j + 1);
      columns[2].push(event.type);
      columns[3].push(event.data);
      columns[4].push(event.metadata);
      columns[5].push(append.recordedAt);
    });
  });
  return { values: columns, count: columns[0].length };
}
