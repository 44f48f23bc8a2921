import { hash } from 'node:crypto';
import type { CommandResult } from './network-command';

/** SPEC 3: an Idempotency-Key's first answer is kept 24 h. */
export const IDEMPOTENCY_TTL_MS = 24 * 60 * 60 * 1000;
export const IDEMPOTENCY_KEY_PATTERN = /^[\x21-\x7e]{1,255}$/;

/** What is stored with the events of the first request made with a key. */
export interface StoredResult {
  requestHash: string;
  version: number;
  events: CommandResult['events'];
  createdId?: string;
}

/** Records written before the handler knew no HTTP held the answer's body; read both shapes. */
interface StoredAnswerV1 {
  requestHash: string;
  body: { version: number; events: CommandResult['events']; id?: string };
}

export function storedResult(result: Omit<CommandResult, 'replayed'>, requestHash: string): string {
  const stored: StoredResult = { requestHash, version: result.version, events: result.events };
  if (result.createdId !== undefined) stored.createdId = result.createdId;
  return JSON.stringify(stored);
}

export function parseStoredResult(raw: string): StoredResult {
  const parsed = JSON.parse(raw) as StoredResult | StoredAnswerV1;
  if ('body' in parsed) {
    const { version, events, id } = parsed.body;
    return { requestHash: parsed.requestHash, version, events, ...(id === undefined ? {} : { createdId: id }) };
  }
  return parsed;
}

/** JSON with object keys sorted, so that the same body hashes the same whatever its key order. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.keys(value as object)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonicalJson((value as Record<string, unknown>)[k])}`);
    return `{${entries.join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

export function requestHash(method: string, path: string, body: unknown): string {
  return hash('sha256', `${method} ${path}\n${canonicalJson(body ?? null)}`, 'hex');
}
