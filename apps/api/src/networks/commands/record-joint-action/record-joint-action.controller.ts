import { Body, Controller, Post, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Access, NETWORK_WRITE } from '../../../auth/access.decorator';
import type { AuthenticatedRequest } from '../../../auth/auth.guard';
import { LocalIdParam, NetworkIdParam } from '../../../http/path-params';
import { newId } from '../../../new-id';
import { NetworkWriter } from '../../write/network-writer';
import { RecordJointActionDto } from './record-joint-action.dto';

@ApiTags('cycles')
@ApiBearerAuth()
@Controller('v1/networks/:networkId/cycles/:cycleId/actions')
export class RecordJointActionController {
  constructor(private readonly writer: NetworkWriter) {}

  @Post()
  @Access(NETWORK_WRITE)
  record(
    @NetworkIdParam() networkId: string,
    @LocalIdParam('cycleId') cycleId: string,
    @Body() body: RecordJointActionDto,
    @Req() req: AuthenticatedRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const actionId = body.actionId ?? newId();
    const { title, schools, depthReached, classroomsReached, teachersInvolved, carriedOutOn } = body;
    return this.writer.write(req, reply, {
      networkId,
      status: 201,
      createdId: actionId,
      command: {
        type: 'RecordJointAction',
        data: {
          cycleId,
          actionId,
          title,
          schools: [...schools],
          depthReached,
          classroomsReached,
          teachersInvolved,
          carriedOutOn,
        },
      },
    });
  }
}
