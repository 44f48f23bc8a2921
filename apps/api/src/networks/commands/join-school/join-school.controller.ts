import { Body, Controller, Post, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Access, NETWORK_WRITE } from '../../../auth/access.decorator';
import type { AuthenticatedRequest } from '../../../auth/auth.guard';
import { NetworkIdParam } from '../../../http/path-params';
import { NetworkWriter } from '../../write/network-writer';
import { JoinSchoolDto } from './join-school.dto';

@ApiTags('schools')
@ApiBearerAuth()
@Controller('v1/networks/:networkId/schools')
export class JoinSchoolController {
  constructor(private readonly writer: NetworkWriter) {}

  @Post()
  @Access(NETWORK_WRITE)
  join(
    @NetworkIdParam() networkId: string,
    @Body() body: JoinSchoolDto,
    @Req() req: AuthenticatedRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const { schoolId, name, dependency, zone, levels, joinedOn } = body;
    return this.writer.write(req, reply, {
      networkId,
      status: 201,
      command: {
        type: 'JoinSchool',
        data: { schoolId, name, dependency, zone, levels: [...new Set(levels)], joinedOn },
      },
    });
  }
}
