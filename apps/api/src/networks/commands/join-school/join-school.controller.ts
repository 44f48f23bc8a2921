import { Body, Controller, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { NETWORK_WRITE } from '../../../auth/access.decorator';
import { NetworkIdParam } from '../../../http/path-params';
import { NetworkWrite } from '../../write/write-answer';
import { Write, type WriteContext } from '../../write/write-context.decorator';
import { NetworkWriter } from '../../write/network-writer';
import { JoinSchoolDto } from './join-school.dto';

@ApiTags('schools')
@ApiBearerAuth()
@Controller('v1/networks/:networkId/schools')
export class JoinSchoolController {
  constructor(private readonly writer: NetworkWriter) {}

  @Post()
  @NetworkWrite(NETWORK_WRITE)
  join(@NetworkIdParam() networkId: string, @Body() body: JoinSchoolDto, @Write() context: WriteContext) {
    const { schoolId, name, dependency, zone, levels, joinedOn } = body;
    return this.writer.write(
      {
        networkId,
        status: 201,
        command: {
          type: 'JoinSchool',
          data: { schoolId, name, dependency, zone, levels: [...new Set(levels)], joinedOn },
        },
      },
      context,
    );
  }
}
