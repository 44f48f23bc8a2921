import { Body, Controller, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { NETWORK_WRITE } from '../../../auth/access.decorator';
import { NetworkIdParam, SchoolIdParam } from '../../../http/path-params';
import { NetworkWrite } from '../../write/write-answer';
import { Write, type WriteContext } from '../../write/write-context.decorator';
import { NetworkWriter } from '../../write/network-writer';
import { LeaveSchoolDto } from './leave-school.dto';

@ApiTags('schools')
@ApiBearerAuth()
@Controller('v1/networks/:networkId/schools/:schoolId/leave')
export class LeaveSchoolController {
  constructor(private readonly writer: NetworkWriter) {}

  @Post()
  @NetworkWrite(NETWORK_WRITE)
  leave(
    @NetworkIdParam() networkId: string,
    @SchoolIdParam() schoolId: string,
    @Body() body: LeaveSchoolDto,
    @Write() context: WriteContext,
  ) {
    return this.writer.write(
      {
        networkId,
        status: 201,
        command: {
          type: 'LeaveSchool',
          data: { schoolId, leftOn: body.leftOn, ...(body.reason ? { reason: body.reason } : {}) },
        },
      },
      context,
    );
  }
}
