import { Body, Controller, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { NETWORK_WRITE } from '../../../auth/access.decorator';
import { LocalIdParam, NetworkIdParam } from '../../../http/path-params';
import { newId } from '../../../new-id';
import { NetworkWrite } from '../../write/write-answer';
import { Write, type WriteContext } from '../../write/write-context.decorator';
import { NetworkWriter } from '../../write/network-writer';
import { RecordJointActionDto } from './record-joint-action.dto';

@ApiTags('cycles')
@ApiBearerAuth()
@Controller('v1/networks/:networkId/cycles/:cycleId/actions')
export class RecordJointActionController {
  constructor(private readonly writer: NetworkWriter) {}

  @Post()
  @NetworkWrite(NETWORK_WRITE)
  record(
    @NetworkIdParam() networkId: string,
    @LocalIdParam('cycleId') cycleId: string,
    @Body() body: RecordJointActionDto,
    @Write() context: WriteContext,
  ) {
    const actionId = body.actionId ?? newId();
    const { title, schools, depthReached, classroomsReached, teachersInvolved, carriedOutOn } = body;
    return this.writer.write(
      {
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
      },
      context,
    );
  }
}
