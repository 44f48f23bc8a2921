/**
 * An error with an HTTP status and a stable code, raised by the HTTP layer
 * itself (auth, idempotency, preconditions). Domain errors stay in the domain
 * and are mapped by the exception filter.
 */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: unknown,
    readonly headers?: Record<string, string>,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}
