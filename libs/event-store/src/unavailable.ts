import { StoreUnavailableError } from './errors';
import { isConnectionError, toStoreError as toPostgresStoreError } from './postgres/postgres-connection';
import { toStoreError as toSqliteStoreError } from './sqlite/sqlite-connection';

/**
 * The one answer to "does this error mean the store cannot be reached right
 * now?", whatever raised it: an adapter's StoreUnavailableError (the SQLite
 * writer thread died, a pool connection failed), or a raw driver error from a
 * module that talks SQL directly (tokens, idempotency records, read models):
 * pg connection errors and the SQLite codes that mean the file is unusable.
 * Answers the StoreUnavailableError to report, or undefined.
 */
export function asStoreUnavailable(error: unknown): StoreUnavailableError | undefined {
  if (error instanceof StoreUnavailableError) return error;
  if (isConnectionError(error)) return toPostgresStoreError(error) as StoreUnavailableError;
  const sqlite = toSqliteStoreError(error);
  if (sqlite instanceof StoreUnavailableError) return sqlite;
  const cause = (error as { cause?: unknown })?.cause;
  return cause && cause !== error ? asStoreUnavailable(cause) : undefined;
}
