import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { signals } from '@indaga/domain';
import { Access, NETWORK_READ } from '../../auth/access.decorator';
import { NetworkIdParam } from '../../http/path-params';
import { HistoryReader } from '../../networks/history/history-reader';
import { SignalsQuery } from './signals.query.dto';

const EXAMPLE = {
  networkId: 'red-maule-sur',
  version: 214,
  period: 'quarter',
  measure: 'cooperationIndex',
  median: 0.31,
  baselinePoints: 12,
  insufficientData: false,
  points: [
    { period: '2016-Q2', value: 0.25 },
    { period: '2016-Q3', value: 0.3 },
  ],
  signals: [{ rule: 'shift', direction: 'up', fromPeriod: '2019-Q1', toPeriod: '2020-Q2', points: 6 }],
};

/** SPEC 5.1: run-chart signals of one measure, replayed from the stream (optionally as recorded at `asOf`). */
@ApiTags('analyses')
@ApiBearerAuth()
@Controller('v1/networks/:networkId/signals')
export class SignalsController {
  constructor(private readonly history: HistoryReader) {}

  @Get()
  @Access(NETWORK_READ)
  @ApiOperation({ summary: 'Run-chart signals (shift, trend) of a measure over the periods that have it' })
  @ApiOkResponse({ schema: { example: EXAMPLE } })
  async signals(@NetworkIdParam() networkId: string, @Query() query: SignalsQuery) {
    const { version, history } = await this.history.at(networkId, { asOf: query.asOf });
    return {
      networkId,
      version,
      ...(query.asOf ? { asOf: query.asOf } : {}),
      ...signals(history, query.period ?? 'quarter', query.measure ?? 'cooperationIndex'),
    };
  }
}
