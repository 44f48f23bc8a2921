import { Body, Controller, HttpCode, Put, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Access, NETWORK_WRITE } from '../../../auth/access.decorator';
import type { AuthenticatedRequest } from '../../../auth/auth.guard';
import { LocalIdParam, NetworkIdParam } from '../../../http/path-params';
import { NetworkWriter } from '../../write/network-writer';
import { toSessionFields } from '../record-session/session-fields.dto';
import { CorrectSessionDto } from './correct-session.dto';

@ApiTags('sessions')
@ApiBearerAuth()
@Controller('v1/networks/:networkId/sessions/:sessionId')
export class CorrectSessionController {
  constructor(private readonly writer: NetworkWriter) {}

  @Put()
  @HttpCode(200)
  @Access(NETWORK_WRITE)
  correct(
    @NetworkIdParam() networkId: string,
    @LocalIdParam('sessionId') sessionId: string,
    @Body() body: CorrectSessionDto,
    @Req() req: AuthenticatedRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    return this.writer.write(req, reply, {
      networkId,
      status: 200,
      command: { type: 'CorrectSession', data: { ...toSessionFields(sessionId, body), reason: body.reason } },
    });
  }
}
