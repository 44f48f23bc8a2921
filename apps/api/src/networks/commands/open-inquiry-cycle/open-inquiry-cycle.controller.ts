import { Body, Controller, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { NETWORK_WRITE } from '../../../auth/access.decorator';
import { NetworkIdParam } from '../../../http/path-params';
import { newId } from '../../../new-id';
import { NetworkWrite } from '../../write/write-answer';
import { Write, type WriteContext } from '../../write/write-context.decorator';
import { NetworkWriter } from '../../write/network-writer';
import { OpenInquiryCycleDto } from './open-inquiry-cycle.dto';

@ApiTags('cycles')
@ApiBearerAuth()
@Controller('v1/networks/:networkId/cycles')
export class OpenInquiryCycleController {
  constructor(private readonly writer: NetworkWriter) {}

  @Post()
  @NetworkWrite(NETWORK_WRITE)
  open(@NetworkIdParam() networkId: string, @Body() body: OpenInquiryCycleDto, @Write() context: WriteContext) {
    const cycleId = body.cycleId ?? newId();
    const { question, prediction, focus, orientation, schools, openedOn } = body;
    return this.writer.write(
      {
        networkId,
        status: 201,
        createdId: cycleId,
        command: {
          type: 'OpenInquiryCycle',
          data: {
            cycleId,
            question,
            ...(prediction ? { prediction } : {}),
            ...(focus ? { focus } : {}),
            orientation,
            schools: [...schools],
            openedOn,
          },
        },
      },
      context,
    );
  }
}
