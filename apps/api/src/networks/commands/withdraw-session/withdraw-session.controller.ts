import { Body, Controller, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { NETWORK_WRITE } from '../../../auth/access.decorator';
import { LocalIdParam, NetworkIdParam } from '../../../http/path-params';
import { NetworkWrite } from '../../write/write-answer';
import { Write, type WriteContext } from '../../write/write-context.decorator';
import { NetworkWriter } from '../../write/network-writer';
import { WithdrawSessionDto } from './withdraw-session.dto';

@ApiTags('sessions')
@ApiBearerAuth()
@Controller('v1/networks/:networkId/sessions/:sessionId/withdraw')
export class WithdrawSessionController {
  constructor(private readonly writer: NetworkWriter) {}

  @Post()
  @NetworkWrite(NETWORK_WRITE)
  withdraw(
    @NetworkIdParam() networkId: string,
    @LocalIdParam('sessionId') sessionId: string,
    @Body() body: WithdrawSessionDto,
    @Write() context: WriteContext,
  ) {
    return this.writer.write(
      {
        networkId,
        status: 200,
        command: { type: 'WithdrawSession', data: { sessionId, reason: body.reason } },
      },
      context,
    );
  }
}
