import { Command } from '@nestjs/cqrs';
import type { NetworkCommand } from '@indaga/domain';

/** A domain command without its metadata; the handler adds `today`. */
export type NetworkCommandInput = {
  [K in NetworkCommand['type']]: Omit<Extract<NetworkCommand, { type: K }>, 'metadata'>;
}[NetworkCommand['type']];

export interface IdempotencyRequest {
  /** Keys are scoped per token. */
  scope: string;
  key: string;
  /** SHA-256 of method, path and canonical body: the same key with another request is refused. */
  requestHash: string;
}

/** How to handle one command; nothing here knows HTTP. */
export interface HandleOptions {
  /** The client's expected version (If-Match at the edge): a stale one fails with StaleVersionError, never retried. */
  expectedVersion?: number;
  idempotency?: IdempotencyRequest;
  actor: string;
  correlationId: string;
  /** The id of what the command creates (sessionId, cycleId, actionId), kept with an idempotent answer. */
  createdId?: string;
}

export interface CommandResult {
  /** The stream's version after the command. */
  version: number;
  events: { type: string; version: number }[];
  createdId?: string;
  /** True when answered from the record of an earlier request with the same Idempotency-Key. */
  replayed: boolean;
}

/** The command bus message: typed, so `commandBus.execute` answers a CommandResult. */
export class ExecuteNetworkCommand extends Command<CommandResult> {
  constructor(
    readonly networkId: string,
    readonly command: NetworkCommandInput,
    readonly options: HandleOptions,
  ) {
    super();
  }
}
