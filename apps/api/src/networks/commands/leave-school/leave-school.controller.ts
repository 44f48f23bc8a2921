import { Body, Controller, Post, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Access, NETWORK_WRITE } from '../../../auth/access.decorator';
import type { AuthenticatedRequest } from '../../../auth/auth.guard';
import { NetworkIdParam, SchoolIdParam } from '../../../http/path-params';
import { NetworkWriter } from '../../write/network-writer';
import { LeaveSchoolDto } from './leave-school.dto';

@ApiTags('schools')
@ApiBearerAuth()
@Controller('v1/networks/:networkId/schools/:schoolId/leave')
export class LeaveSchoolController {
  constructor(private readonly writer: NetworkWriter) {}

  @Post()
  @Access(NETWORK_WRITE)
  leave(
    @NetworkIdParam() networkId: string,
    @SchoolIdParam() schoolId: string,
    @Body() body: LeaveSchoolDto,
    @Req() req: AuthenticatedRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    return this.writer.write(req, reply, {
      networkId,
      status: 201,
      command: {
        type: 'LeaveSchool',
        data: { schoolId, leftOn: body.leftOn, ...(body.reason ? { reason: body.reason } : {}) },
      },
    });
  }
}
