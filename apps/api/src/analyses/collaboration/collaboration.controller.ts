import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { collaborationGraph } from '@indaga/domain';
import { Access, NETWORK_READ } from '../../auth/access.decorator';
import { NetworkIdParam } from '../../http/path-params';
import { validationFailed } from '../../http/validation';
import { HistoryReader } from '../../networks/history/history-reader';
import { CollaborationQuery } from './collaboration.query.dto';

const EXAMPLE = {
  networkId: 'red-maule-sur',
  version: 214,
  from: '2019-03-01',
  to: '2019-12-31',
  nodes: [
    {
      schoolId: '10123',
      name: 'Escuela Los Aromos',
      zone: 'rural',
      dependency: 'slep',
      member: true,
      jointActions: 3,
      sessionsPresent: 7,
    },
  ],
  edges: [{ a: '10123', b: '10456', jointActions: 2 }],
  metrics: { density: 0.4, isolated: ['10789'], components: 2, degreeCentralization: 0.583 },
};

/** SPEC 5.2: who works with whom, from the joint actions recorded (replayed from the stream). */
@ApiTags('analyses')
@ApiBearerAuth()
@Controller('v1/networks/:networkId/collaboration')
export class CollaborationController {
  constructor(private readonly history: HistoryReader) {}

  @Get()
  @Access(NETWORK_READ)
  @ApiOperation({
    summary: 'Collaboration graph: schools, ties through common joint actions, density and centralization',
  })
  @ApiOkResponse({ schema: { example: EXAMPLE } })
  async collaboration(@NetworkIdParam() networkId: string, @Query() query: CollaborationQuery) {
    if (query.from !== undefined && query.to !== undefined && query.from > query.to)
      throw validationFailed([{ field: 'from', message: 'from must not be after to' }]);
    const { version, history } = await this.history.at(networkId, { asOf: query.asOf });
    const graph = collaborationGraph(history, { from: query.from, to: query.to })!;
    // One bound given past the other's default (from after the latest fact, to before registration).
    if (graph.from > graph.to)
      throw validationFailed([
        { field: query.from !== undefined ? 'from' : 'to', message: `the range ${graph.from}..${graph.to} is empty` },
      ]);
    return { networkId, version, ...(query.asOf ? { asOf: query.asOf } : {}), ...graph };
  }
}
