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

export interface WriteAnswer {
  status: 200 | 201;
  body: WriteAnswerBody;
  replayed: boolean;
}

/**
 * Sends a write's command on the (typed) bus with the values its request
 * carried, and shapes SPEC 3's answer; WriteAnswerInterceptor sends it.
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
    return { status: write.status, body, replayed: result.replayed };
  }
}
