import { Body, Controller, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { NETWORK_WRITE } from '../../../auth/access.decorator';
import { LocalIdParam, NetworkIdParam } from '../../../http/path-params';
import { NetworkWrite } from '../../write/write-answer';
import { Write, type WriteContext } from '../../write/write-context.decorator';
import { NetworkWriter } from '../../write/network-writer';
import { toSessionFields } from '../record-session/session-fields.dto';
import { CorrectSessionDto } from './correct-session.dto';

@ApiTags('sessions')
@ApiBearerAuth()
@Controller('v1/networks/:networkId/sessions/:sessionId')
export class CorrectSessionController {
  constructor(private readonly writer: NetworkWriter) {}

  @Put()
  @NetworkWrite(NETWORK_WRITE)
  correct(
    @NetworkIdParam() networkId: string,
    @LocalIdParam('sessionId') sessionId: string,
    @Body() body: CorrectSessionDto,
    @Write() context: WriteContext,
  ) {
    return this.writer.write(
      {
        networkId,
        status: 200,
        command: { type: 'CorrectSession', data: { ...toSessionFields(sessionId, body), reason: body.reason } },
      },
      context,
    );
  }
}
