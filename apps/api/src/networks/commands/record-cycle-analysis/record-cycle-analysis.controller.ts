import { Body, Controller, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { NETWORK_WRITE } from '../../../auth/access.decorator';
import { LocalIdParam, NetworkIdParam } from '../../../http/path-params';
import { NetworkWrite } from '../../write/write-answer';
import { Write, type WriteContext } from '../../write/write-context.decorator';
import { NetworkWriter } from '../../write/network-writer';
import { RecordCycleAnalysisDto } from './record-cycle-analysis.dto';

@ApiTags('cycles')
@ApiBearerAuth()
@Controller('v1/networks/:networkId/cycles/:cycleId/analysis')
export class RecordCycleAnalysisController {
  constructor(private readonly writer: NetworkWriter) {}

  @Post()
  @NetworkWrite(NETWORK_WRITE)
  record(
    @NetworkIdParam() networkId: string,
    @LocalIdParam('cycleId') cycleId: string,
    @Body() body: RecordCycleAnalysisDto,
    @Write() context: WriteContext,
  ) {
    const { findings, evidenceLevel, predictionMet, lessonsLearned, analysedOn } = body;
    return this.writer.write(
      {
        networkId,
        status: 201,
        command: {
          type: 'RecordCycleAnalysis',
          data: {
            cycleId,
            findings,
            evidenceLevel,
            ...(predictionMet ? { predictionMet } : {}),
            lessonsLearned: [...lessonsLearned],
            analysedOn,
          },
        },
      },
      context,
    );
  }
}
