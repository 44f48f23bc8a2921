import type { ExpectedVersion } from './event-store.port';

/** Optimistic concurrency failure: the stream is not at the version the caller expected. */
export class WrongExpectedVersionError extends Error {
  readonly code = 'VERSION.CONFLICT';
  constructor(
    readonly streamId: string,
    readonly expectedVersion: ExpectedVersion,
    /** The stream's actual version (0 when it does not exist). */
    readonly actualVersion: number,
  ) {
    super(`stream ${streamId}: expected version ${String(expectedVersion)}, actual ${actualVersion}`);
    this.name = 'WrongExpectedVersionError';
  }
}

/** The store cannot be reached (connection refused, file unwritable…). Mapped to 503 STORE.UNAVAILABLE. */
export class StoreUnavailableError extends Error {
  readonly code = 'STORE.UNAVAILABLE';
  constructor(
    message: string,
    override readonly cause?: unknown,
  ) {
    super(message);
    this.name = 'StoreUnavailableError';
  }
}

/**
 * An append carried an idempotency record whose key is already held by a live
 * record. The append wrote nothing; the caller reads the stored record
 * (readIdempotencyRecord) and answers with it.
 */
export class IdempotencyKeyHeldError extends Error {
  readonly code = 'IDEMPOTENCY.KEY_HELD';
  constructor(
    readonly scope: string,
    readonly key: string,
  ) {
    super(`idempotency key ${scope}/${key} is held by a live record`);
    this.name = 'IdempotencyKeyHeldError';
  }
}
