import { Body, Controller, Post, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Access, NETWORK_WRITE } from '../../../auth/access.decorator';
import type { AuthenticatedRequest } from '../../../auth/auth.guard';
import { NetworkIdParam } from '../../../http/path-params';
import { newId } from '../../../new-id';
import { NetworkWriter } from '../../write/network-writer';
import { RecordSessionDto } from './record-session.dto';
import { toSessionFields } from './session-fields.dto';

@ApiTags('sessions')
@ApiBearerAuth()
@Controller('v1/networks/:networkId/sessions')
export class RecordSessionController {
  constructor(private readonly writer: NetworkWriter) {}

  @Post()
  @Access(NETWORK_WRITE)
  record(
    @NetworkIdParam() networkId: string,
    @Body() body: RecordSessionDto,
    @Req() req: AuthenticatedRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const sessionId = body.sessionId ?? newId();
    return this.writer.write(req, reply, {
      networkId,
      status: 201,
      createdId: sessionId,
      command: { type: 'RecordSession', data: toSessionFields(sessionId, body) },
    });
  }
}
