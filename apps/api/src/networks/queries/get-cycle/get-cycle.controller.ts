import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { cycleQuery, networkViewsProjection } from '@indaga/projections';
import { Access, NETWORK_READ } from '../../../auth/access.decorator';
import { AccessLogged } from '../../../audit/access-logged.decorator';
import { ApiError } from '../../../http/api-error';
import { LocalIdParam, NetworkIdParam } from '../../../http/path-params';
import { HistoryReader } from '../../history/history-reader';
import { MinVersionQuery } from '../common/read-model-query.dto';
import { ReadModelReader } from '../common/read-model-reader';

/** GET /v1/networks/:id/cycles/:cycleId: a cycle's phase, joint actions and analysis, from network-views' document. */
@ApiTags('networks')
@ApiBearerAuth()
@Controller('v1')
export class GetCycleController {
  constructor(
    private readonly reader: ReadModelReader,
    private readonly history: HistoryReader,
  ) {}

  @Get('networks/:networkId/cycles/:cycleId')
  @Access(NETWORK_READ)
  @AccessLogged()
  async cycle(
    @NetworkIdParam() networkId: string,
    @LocalIdParam('cycleId') cycleId: string,
    @Query() query: MinVersionQuery,
  ) {
    const row = await this.reader.row(networkViewsProjection.name, networkId, query.minVersion, { document: true });
    // A row written by a rebuild holds no document until its next catch-up: fold the stream to the row's version.
    const document = row.document || (await this.history.at(networkId, { version: row.version })).history;
    const cycle = cycleQuery(document, cycleId);
    if (!cycle) throw new ApiError('CYCLE.NOT_FOUND', `network ${networkId} has no cycle ${cycleId}`);
    return { networkId, version: row.version, ...cycle };
  }
}
