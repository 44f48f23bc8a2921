import { Injectable } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import type { FastifyReply } from 'fastify';
import type { AuthenticatedRequest } from '../../auth/auth.guard';
import { ApiError } from '../../http/api-error';
import { validationFailed } from '../../http/validation';
import { IDEMPOTENCY_KEY_PATTERN, requestHash } from './idempotency';
import { ExecuteNetworkCommand, NetworkCommandInput, WriteAnswerBody } from './network-command';

export interface WriteRequest {
  networkId: string;
  command: NetworkCommandInput;
  /** 201 for creations, 200 for changes (SPEC section 3). */
  status: 200 | 201;
  createdId?: string;
}

/** `"12"` (or W/"12") → 12. */
export function parseIfMatch(header: string | undefined): number | undefined {
  if (header === undefined) return undefined;
  const match = /^\s*(?:W\/)?"(\d{1,15})"\s*$/.exec(header);
  if (!match) throw validationFailed([{ field: 'If-Match', message: 'If-Match must be a quoted version, e.g. "12"' }]);
  return Number(match[1]);
}

/**
 * The HTTP half of every write: reads If-Match and Idempotency-Key, sends the
 * command on the bus, and answers `{ networkId, version, events, id? }` with
 * the version as ETag.
 */
@Injectable()
export class NetworkWriter {
  constructor(private readonly commandBus: CommandBus) {}

  async write(request: AuthenticatedRequest, reply: FastifyReply, write: WriteRequest): Promise<WriteAnswerBody> {
    const headers = request.headers;
    const ifMatch = parseIfMatch(headers['if-match'] as string | undefined);
    const key = headers['idempotency-key'] as string | undefined;
    if (key !== undefined && !IDEMPOTENCY_KEY_PATTERN.test(key)) {
      throw validationFailed([
        { field: 'Idempotency-Key', message: 'Idempotency-Key must be 1-255 visible ASCII characters' },
      ]);
    }
    const path = request.url.split('?')[0];
    const answer = await this.commandBus.execute(
      new ExecuteNetworkCommand(write.networkId, write.command, {
        status: write.status,
        ifMatch,
        idempotency:
          key === undefined
            ? undefined
            : { scope: request.principal.tokenId, key, requestHash: requestHash(request.method, path, request.body) },
        actor: request.principal.tokenId,
        correlationId: String(request.id),
        createdId: write.createdId,
      }),
    );
    if (!answer) throw new ApiError(500, 'INTERNAL', 'the command produced no answer');
    reply.status(answer.status);
    reply.header('ETag', `"${answer.body.version}"`);
    if (answer.replayed) reply.header('Idempotent-Replayed', 'true');
    return answer.body;
  }
}
