import { Body, Controller, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { NETWORK_WRITE } from '../../../auth/access.decorator';
import { NetworkIdParam } from '../../../http/path-params';
import { newId } from '../../../new-id';
import { NetworkWrite } from '../../write/write-answer';
import { Write, type WriteContext } from '../../write/write-context.decorator';
import { NetworkWriter } from '../../write/network-writer';
import { RecordSessionDto } from './record-session.dto';
import { toSessionFields } from './session-fields.dto';

@ApiTags('sessions')
@ApiBearerAuth()
@Controller('v1/networks/:networkId/sessions')
export class RecordSessionController {
  constructor(private readonly writer: NetworkWriter) {}

  @Post()
  @NetworkWrite(NETWORK_WRITE)
  record(@NetworkIdParam() networkId: string, @Body() body: RecordSessionDto, @Write() context: WriteContext) {
    const sessionId = body.sessionId ?? newId();
    return this.writer.write(
      {
        networkId,
        status: 201,
        createdId: sessionId,
        command: { type: 'RecordSession', data: toSessionFields(sessionId, body) },
      },
      context,
    );
  }
}
