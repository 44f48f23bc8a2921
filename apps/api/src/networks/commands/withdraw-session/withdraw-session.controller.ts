import { Body, Controller, HttpCode, Post, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Access, NETWORK_WRITE } from '../../../auth/access.decorator';
import type { AuthenticatedRequest } from '../../../auth/auth.guard';
import { LocalIdParam, NetworkIdParam } from '../../../http/path-params';
import { NetworkWriter } from '../../write/network-writer';
import { WithdrawSessionDto } from './withdraw-session.dto';

@ApiTags('sessions')
@ApiBearerAuth()
@Controller('v1/networks/:networkId/sessions/:sessionId/withdraw')
export class WithdrawSessionController {
  constructor(private readonly writer: NetworkWriter) {}

  @Post()
  @HttpCode(200)
  @Access(NETWORK_WRITE)
  withdraw(
    @NetworkIdParam() networkId: string,
    @LocalIdParam('sessionId') sessionId: string,
    @Body() body: WithdrawSessionDto,
    @Req() req: AuthenticatedRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    return this.writer.write(req, reply, {
      networkId,
      status: 200,
      command: { type: 'WithdrawSession', data: { sessionId, reason: body.reason } },
    });
  }
}
