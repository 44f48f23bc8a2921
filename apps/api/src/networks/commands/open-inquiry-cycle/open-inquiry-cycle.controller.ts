import { Body, Controller, Post, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Access, NETWORK_WRITE } from '../../../auth/access.decorator';
import type { AuthenticatedRequest } from '../../../auth/auth.guard';
import { NetworkIdParam } from '../../../http/path-params';
import { newId } from '../../../new-id';
import { NetworkWriter } from '../../write/network-writer';
import { OpenInquiryCycleDto } from './open-inquiry-cycle.dto';

@ApiTags('cycles')
@ApiBearerAuth()
@Controller('v1/networks/:networkId/cycles')
export class OpenInquiryCycleController {
  constructor(private readonly writer: NetworkWriter) {}

  @Post()
  @Access(NETWORK_WRITE)
  open(
    @NetworkIdParam() networkId: string,
    @Body() body: OpenInquiryCycleDto,
    @Req() req: AuthenticatedRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const cycleId = body.cycleId ?? newId();
    const { question, prediction, focus, orientation, schools, openedOn } = body;
    return this.writer.write(req, reply, {
      networkId,
      status: 201,
      createdId: cycleId,
      command: {
        type: 'OpenInquiryCycle',
        data: {
          cycleId,
          question,
          ...(prediction ? { prediction } : {}),
          ...(focus ? { focus } : {}),
          orientation,
          schools: [...schools],
          openedOn,
        },
      },
    });
  }
}
