import type { MessagePort } from 'node:worker_threads';
import { IdempotencyKeyHeldError, StoreUnavailableError, WrongExpectedVersionError } from '../errors';
import type { ExpectedVersion } from '../event-store.port';
import type { EncodedAppend } from '../internal/encoded-append';
import type { AppendOutcome } from './sqlite-append-batch';

/*
 * Messages between the store and its writer thread. Structured clone keeps
 * plain data but not classes, so errors cross as tagged records and are
 * rebuilt as the same error classes on the other side.
 */

export interface WriterData {
  path: string;
  busyTimeoutMs: number;
}

export type ToWriter =
  /** The port the thread answers batches and purges on (sent once, before any request). */
  | { type: 'answer-port'; port: MessagePort }
  | { type: 'batch'; id: number; appends: EncodedAppend[] }
  | { type: 'purge'; id: number; now: string; limit: number }
  | { type: 'close' };

export type FromWriter =
  | { type: 'ready' }
  | { type: 'committed'; id: number; outcomes: WireOutcome[] }
  | { type: 'purged'; id: number; deleted: number }
  | { type: 'failed'; id: number; failure: WireError }
  | { type: 'open-failed'; failure: WireError }
  | { type: 'closed' };

export type WireError =
  | { kind: 'version'; streamId: string; expected: ExpectedVersion; actual: number }
  | { kind: 'key-held'; scope: string; key: string }
  | { kind: 'unavailable'; message: string }
  | { kind: 'other'; name: string; message: string; code?: string };

export type WireOutcome = { ok: true; versionBefore: number; positions: number[] } | { ok: false; error: WireError };

export function errorToWire(error: unknown): WireError {
  if (error instanceof WrongExpectedVersionError) {
    return { kind: 'version', streamId: error.streamId, expected: error.expectedVersion, actual: error.actualVersion };
  }
  if (error instanceof IdempotencyKeyHeldError) return { kind: 'key-held', scope: error.scope, key: error.key };
  if (error instanceof StoreUnavailableError) return { kind: 'unavailable', message: error.message };
  const e = error as { name?: string; message?: string; code?: unknown };
  return {
    kind: 'other',
    name: e?.name ?? 'Error',
    message: e?.message ?? String(error),
    ...(typeof e?.code === 'string' ? { code: e.code } : {}),
  };
}

export function errorFromWire(wire: WireError): Error {
  switch (wire.kind) {
    case 'version':
      return new WrongExpectedVersionError(wire.streamId, wire.expected, wire.actual);
    case 'key-held':
      return new IdempotencyKeyHeldError(wire.scope, wire.key);
    case 'unavailable':
      return new StoreUnavailableError(wire.message);
    default: {
      const error = Object.assign(new Error(wire.message), wire.code ? { code: wire.code } : {});
      error.name = wire.name;
      return error;
    }
  }
}

export const outcomeToWire = (o: AppendOutcome): WireOutcome => (o.ok ? o : { ok: false, error: errorToWire(o.error) });

export const outcomeFromWire = (o: WireOutcome): AppendOutcome =>
  o.ok ? o : { ok: false, error: errorFromWire(o.error) };
