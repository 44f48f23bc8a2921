import { Body, Controller, Post, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Access, NETWORK_WRITE } from '../../../auth/access.decorator';
import type { AuthenticatedRequest } from '../../../auth/auth.guard';
import { LocalIdParam, NetworkIdParam } from '../../../http/path-params';
import { NetworkWriter } from '../../write/network-writer';
import { RecordCycleAnalysisDto } from './record-cycle-analysis.dto';

@ApiTags('cycles')
@ApiBearerAuth()
@Controller('v1/networks/:networkId/cycles/:cycleId/analysis')
export class RecordCycleAnalysisController {
  constructor(private readonly writer: NetworkWriter) {}

  @Post()
  @Access(NETWORK_WRITE)
  record(
    @NetworkIdParam() networkId: string,
    @LocalIdParam('cycleId') cycleId: string,
    @Body() body: RecordCycleAnalysisDto,
    @Req() req: AuthenticatedRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const { findings, evidenceLevel, predictionMet, lessonsLearned, analysedOn } = body;
    return this.writer.write(req, reply, {
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
    });
  }
}
