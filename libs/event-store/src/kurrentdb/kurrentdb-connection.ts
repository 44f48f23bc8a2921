import {
  CancelledError,
  DeadlineExceededError,
  KurrentDBClient,
  NotLeaderError,
  UnavailableError,
} from '@kurrent/kurrentdb-client';
import { StoreUnavailableError } from '../errors';

/** The v2 call behind the client's multiStreamAppend; servers before 25.1 do not offer it. */
const APPEND_SESSION = '/kurrentdb.protocol.v2.streams.StreamsService/AppendSession';
export const REQUIRED_VERSION = '25.1';

interface ServerFeatures {
  serverVersion: string;
  supports(method: { path: string }): boolean;
}

/**
 * Connects and asks the server which calls it offers (the client caches the
 * answer). The client connects lazily, so this first call is what proves the
 * server is there; a server without the multi-stream append is refused here,
 * at boot, rather than on the first idempotent request.
 */
export async function connectKurrentDb(url: string): Promise<KurrentDBClient> {
  let client: KurrentDBClient;
  try {
    client = KurrentDBClient.connectionString(url);
  } catch (error) {
    throw new StoreUnavailableError(`KURRENTDB_URL is not a KurrentDB connection string: ${messageOf(error)}`, error);
  }
  let features: ServerFeatures;
  try {
    // `capabilities` is protected in the client's typings; it is the call its own multiStreamAppend checks.
    features = await (client as unknown as { capabilities: Promise<ServerFeatures> }).capabilities;
  } catch (error) {
    await client.dispose();
    throw new StoreUnavailableError(`KurrentDB is unreachable at ${redact(url)}: ${messageOf(error)}`, error);
  }
  if (!features.supports({ path: APPEND_SESSION })) {
    await client.dispose();
    throw new StoreUnavailableError(
      `KurrentDB at ${redact(url)} is version ${features.serverVersion}; indaga needs KurrentDB ${REQUIRED_VERSION} or later ` +
        '(multi-stream append commits idempotency records with the events)',
    );
  }
  return client;
}

/** Connection-level failures become the port's StoreUnavailableError (503); anything else is rethrown as is. */
export function storeError(error: unknown): unknown {
  if (
    error instanceof UnavailableError ||
    error instanceof DeadlineExceededError ||
    error instanceof CancelledError ||
    error instanceof NotLeaderError
  ) {
    return new StoreUnavailableError(`KurrentDB: ${messageOf(error)}`, error);
  }
  return error;
}

/** Drops user:password from a connection string before it reaches a log or an error message. */
export function redact(url: string): string {
  return url.replace(/\/\/[^@/]*@/, '//***@');
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
