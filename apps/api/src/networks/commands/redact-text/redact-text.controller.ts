import { Body, Controller, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { ADMIN_ONLY } from '../../../auth/access.decorator';
import { NetworkIdParam } from '../../../http/path-params';
import { NetworkWrite } from '../../write/write-answer';
import { Write, type WriteContext } from '../../write/write-context.decorator';
import { NetworkWriter } from '../../write/network-writer';
import { RedactTextDto } from './redact-text.dto';

/** SPEC 6.2: erasure by key destruction, recorded as TextRedacted (admin only). */
@ApiTags('personal data')
@ApiBearerAuth()
@Controller('v1/networks/:networkId/redactions')
export class RedactTextController {
  constructor(private readonly writer: NetworkWriter) {}

  @Post()
  @NetworkWrite(ADMIN_ONLY)
  redact(@NetworkIdParam() networkId: string, @Body() body: RedactTextDto, @Write() context: WriteContext) {
    return this.writer.write(
      {
        networkId,
        status: 201,
        command: { type: 'RedactText', data: { versions: body.versions, reason: body.reason } },
      },
      context,
    );
  }
}
