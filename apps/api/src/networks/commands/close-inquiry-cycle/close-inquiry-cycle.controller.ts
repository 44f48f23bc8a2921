import { Body, Controller, HttpCode, Post, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Access, NETWORK_WRITE } from '../../../auth/access.decorator';
import type { AuthenticatedRequest } from '../../../auth/auth.guard';
import { LocalIdParam, NetworkIdParam } from '../../../http/path-params';
import { NetworkWriter } from '../../write/network-writer';
import { CloseInquiryCycleDto } from './close-inquiry-cycle.dto';

@ApiTags('cycles')
@ApiBearerAuth()
@Controller('v1/networks/:networkId/cycles/:cycleId/close')
export class CloseInquiryCycleController {
  constructor(private readonly writer: NetworkWriter) {}

  @Post()
  @HttpCode(200)
  @Access(NETWORK_WRITE)
  close(
    @NetworkIdParam() networkId: string,
    @LocalIdParam('cycleId') cycleId: string,
    @Body() body: CloseInquiryCycleDto,
    @Req() req: AuthenticatedRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    return this.writer.write(req, reply, {
      networkId,
      status: 200,
      command: { type: 'CloseInquiryCycle', data: { cycleId, decision: body.decision, closedOn: body.closedOn } },
    });
  }
}
