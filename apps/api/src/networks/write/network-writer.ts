import { Injectable } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ExecuteNetworkCommand, NetworkCommandInput } from './network-command';
import type { WriteContext } from './write-context.decorator';

export interface WriteRequest {
  networkId: string;
  command: NetworkCommandInput;
  /** 201 for creations, 200 for changes (SPEC section 3). */
  status: 200 | 201;
  createdId?: string;
}

/** SPEC 3's write answer body. */
export interface WriteAnswerBody {
  networkId: string;
  version: number;
  events: { type: string; version: number }[];
  id?: string;
}

/** What a write route returns; the write-answer hook (write-answer.ts) sends its body with its status and headers. */
export class WriteAnswer {
  constructor(
    readonly status: 200 | 201,
    readonly body: WriteAnswerBody,
    readonly replayed: boolean,
  ) {}
}

/**
 * Sends a write's command on the (typed) bus with the values its request
 * carried, and shapes SPEC 3's answer.
 */
@Injectable()
export class NetworkWriter {
  constructor(private readonly commandBus: CommandBus) {}

  async write(write: WriteRequest, context: WriteContext): Promise<WriteAnswer> {
    const result = await this.commandBus.execute(
      new ExecuteNetworkCommand(write.networkId, write.command, { ...context, createdId: write.createdId }),
    );
    const body: WriteAnswerBody = { networkId: write.networkId, version: result.version, events: result.events };
    if (result.createdId !== undefined) body.id = result.createdId;
    return new WriteAnswer(write.status, body, result.replayed);
  }
}
