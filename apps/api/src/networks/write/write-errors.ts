/**
 * Why a write was refused by the handler (not by the domain): each carries a
 * stable code of the API's registry; the edge maps the code to a status.
 */
export abstract class WriteError extends Error {
  abstract readonly code: 'VERSION.MISMATCH' | 'VERSION.CONFLICT' | 'IDEMPOTENCY.KEY_REUSED';
  abstract readonly details: Record<string, unknown>;
}

/** The client's expected version (If-Match) is not the network's: never retried. */
export class StaleVersionError extends WriteError {
  readonly code = 'VERSION.MISMATCH';
  readonly details: Record<string, unknown>;

  constructor(
    readonly expectedVersion: number,
    readonly actualVersion: number,
  ) {
    super(`the network is at version ${actualVersion}`);
    this.name = 'StaleVersionError';
    this.details = { expectedVersion, actualVersion };
  }
}

/** Without If-Match, the network kept changing through every automatic retry. */
export class ConflictRetriesExhaustedError extends WriteError {
  readonly code = 'VERSION.CONFLICT';
  readonly details: Record<string, unknown>;

  constructor(readonly attempts: number) {
    super('the network kept changing while this write was retried; retry later');
    this.name = 'ConflictRetriesExhaustedError';
    this.details = { attempts };
  }
}

/** The Idempotency-Key was used before with another request. */
export class IdempotencyKeyReusedError extends WriteError {
  readonly code = 'IDEMPOTENCY.KEY_REUSED';
  readonly details: Record<string, unknown>;

  constructor(readonly key: string) {
    super('this Idempotency-Key was already used with another request body');
    this.name = 'IdempotencyKeyReusedError';
    this.details = { idempotencyKey: key };
  }
}
