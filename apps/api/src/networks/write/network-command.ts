import type { NetworkCommand } from '@indaga/domain';

/** A domain command without its metadata; the handler adds `today`. */
export type NetworkCommandInput = {
  [K in NetworkCommand['type']]: Omit<Extract<NetworkCommand, { type: K }>, 'metadata'>;
}[NetworkCommand['type']];

export interface IdempotencyRequest {
  /** Keys are scoped per token. */
  scope: string;
  key: string;
  /** SHA-256 of method, path and canonical body: the same key with another body is refused. */
  requestHash: string;
}

/** What the HTTP edge asks the command bus to do for one write request. */
export class ExecuteNetworkCommand {
  constructor(
    readonly networkId: string,
    readonly command: NetworkCommandInput,
    readonly options: {
      /** HTTP status of a successful answer (201 for creations, 200 otherwise). */
      status: number;
      /** From If-Match: the client's expected version; a stale one is 412, never retried. */
      ifMatch?: number;
      idempotency?: IdempotencyRequest;
      actor: string;
      correlationId: string;
      /** The id the server generated or the client chose for what was created (sessionId, cycleId, actionId). */
      createdId?: string;
    },
  ) {}
}

export interface WriteAnswerBody {
  networkId: string;
  version: number;
  events: { type: string; version: number }[];
  id?: string;
}

export interface WriteAnswer {
  status: number;
  body: WriteAnswerBody;
  /** True when the answer was stored by an earlier request with the same Idempotency-Key. */
  replayed: boolean;
}
