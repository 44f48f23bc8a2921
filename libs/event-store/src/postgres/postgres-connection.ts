import { Pool, types } from 'pg';
import { StoreUnavailableError } from '../errors';

const SCHEMA_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

export function assertSchemaName(schema: string): void {
  // The name goes into search_path and DDL unquoted, so only plain lower-case identifiers are accepted.
  if (!SCHEMA_NAME.test(schema)) throw new RangeError(`invalid schema name: ${schema}`);
}

/**
 * A pool whose connections have search_path = `schema`, so every statement
 * (the store's and other modules' migrations) stays in it. int8 (positions)
 * is parsed to a number: positions stay far below 2^53.
 */
export function createPool(connectionString: string, schema: string, poolSize: number): Pool {
  assertSchemaName(schema);
  const pool = new Pool({
    connectionString,
    max: poolSize,
    options: `-c search_path=${schema}`,
    connectionTimeoutMillis: 5000,
    types: {
      getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
        oid === types.builtins.INT8 ? Number : types.getTypeParser(oid, format)) as typeof types.getTypeParser,
    },
  });
  // A client losing its connection, idle or checked out, must not crash the process; its query reports it.
  guardPoolClients(pool);
  return pool;
}

/**
 * pg-pool listens for a client's 'error' only while the client is idle; a
 * client checked out (a transaction, an append batch) whose connection drops
 * emits 'error' with no listener, which kills the process. The query in flight
 * already rejects with the same error, so this listener only keeps the process
 * alive; the caller releases the client as broken.
 */
export function guardPoolClients(pool: Pool): void {
  pool.on('error', () => undefined);
  pool.on('connect', (client) => client.on('error', () => undefined));
}

const UNAVAILABLE_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ENOTFOUND',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EPIPE',
  'EAI_AGAIN',
  '57P01',
  '57P02',
  '57P03',
  '53300',
  '08000',
  '08001',
  '08003',
  '08004',
  '08006',
]);
const UNAVAILABLE_MESSAGE =
  /Connection terminated|timeout exceeded when trying to connect|connection timeout|Client has encountered a connection error|Cannot use a pool after calling end/i;

export function isConnectionError(error: unknown): boolean {
  if (error instanceof AggregateError) return error.errors.some(isConnectionError);
  const code = (error as { code?: unknown })?.code;
  if (typeof code === 'string' && UNAVAILABLE_CODES.has(code)) return true;
  return error instanceof Error && UNAVAILABLE_MESSAGE.test(error.message);
}

/** Connection-level failures become StoreUnavailableError (503); everything else passes through. */
export function toStoreError(error: unknown): unknown {
  if (error instanceof StoreUnavailableError || !isConnectionError(error)) return error;
  return new StoreUnavailableError(`postgres: ${(error as Error).message || 'connection failed'}`, error);
}

/** A stable 32-bit key for a schema, so that stores in different schemas do not share advisory locks. */
export function schemaLockKey(schema: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < schema.length; i++) hash = Math.imul(hash ^ schema.charCodeAt(i), 0x01000193);
  return hash | 0;
}
