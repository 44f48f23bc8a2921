import type { ReadAllOptions, ReadStreamOptions } from '../event-store.port';

export const DEFAULT_READ_LIMIT = 1000;

export interface StreamRange {
  fromVersion: number;
  toVersion: number;
  limit: number;
}

function positiveInt(value: number | undefined, fallback: number, name: string, min: number): number {
  if (value === undefined) return fallback;
  if (!Number.isSafeInteger(value) || value < min) throw new RangeError(`${name} must be an integer >= ${min}`);
  return value;
}

/** `maxVersion` is the adapter's column bound (PostgreSQL's version is int4). */
export function streamRange(options: ReadStreamOptions | undefined, maxVersion: number): StreamRange {
  const fromVersion = positiveInt(options?.fromVersion, 1, 'fromVersion', 0);
  const toVersion = Math.min(positiveInt(options?.toVersion, maxVersion, 'toVersion', 0), maxVersion);
  const limit = positiveInt(options?.limit, DEFAULT_READ_LIMIT, 'limit', 1);
  return { fromVersion, toVersion, limit };
}

export function allRange(options: ReadAllOptions | undefined): { after: number; limit: number } {
  return {
    after: positiveInt(options?.after, 0, 'after', 0),
    limit: positiveInt(options?.limit, DEFAULT_READ_LIMIT, 'limit', 1),
  };
}
