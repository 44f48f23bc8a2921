import { ApiErrorCode, ERROR_STATUS } from './error-codes';

/**
 * An error with a stable code from the registry (error-codes.ts), raised by
 * the HTTP layer itself (auth, preconditions, reads). Its status comes from
 * the registry, never from the call site. Domain and write-path errors stay
 * in their own layers and are mapped by the exception filter.
 */
export class ApiError extends Error {
  readonly status: number;

  constructor(
    readonly code: ApiErrorCode,
    message: string,
    readonly details?: unknown,
    readonly headers?: Record<string, string>,
  ) {
    super(message);
    this.name = 'ApiError';
    this.status = ERROR_STATUS[code];
  }
}
