import { Body, Controller, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { NETWORK_WRITE } from '../../../auth/access.decorator';
import { LocalIdParam, NetworkIdParam } from '../../../http/path-params';
import { NetworkWrite } from '../../write/write-answer';
import { Write, type WriteContext } from '../../write/write-context.decorator';
import { NetworkWriter } from '../../write/network-writer';
import { CloseInquiryCycleDto } from './close-inquiry-cycle.dto';

@ApiTags('cycles')
@ApiBearerAuth()
@Controller('v1/networks/:networkId/cycles/:cycleId/close')
export class CloseInquiryCycleController {
  constructor(private readonly writer: NetworkWriter) {}

  @Post()
  @NetworkWrite(NETWORK_WRITE)
  close(
    @NetworkIdParam() networkId: string,
    @LocalIdParam('cycleId') cycleId: string,
    @Body() body: CloseInquiryCycleDto,
    @Write() context: WriteContext,
  ) {
    return this.writer.write(
      {
        networkId,
        status: 200,
        command: { type: 'CloseInquiryCycle', data: { cycleId, decision: body.decision, closedOn: body.closedOn } },
      },
      context,
    );
  }
}
