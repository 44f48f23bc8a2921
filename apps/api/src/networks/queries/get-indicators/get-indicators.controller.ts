import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { indicatorsQuery, networkViewsProjection } from '@indaga/projections';
import { Access, NETWORK_READ } from '../../../auth/access.decorator';
import { NetworkIdParam } from '../../../http/path-params';
import { PeriodViewQuery } from '../common/read-model-query.dto';
import { ReadModelReader } from '../common/read-model-reader';

/** GET /v1/networks/:id/indicators: depth and leadership per period (SPEC 2), from network-views. */
@ApiTags('networks')
@ApiBearerAuth()
@Controller('v1')
export class GetIndicatorsController {
  constructor(private readonly reader: ReadModelReader) {}

  @Get('networks/:networkId/indicators')
  @Access(NETWORK_READ)
  async indicators(@NetworkIdParam() networkId: string, @Query() query: PeriodViewQuery) {
    const { version, answer } = await this.reader.query(
      networkViewsProjection.name,
      networkId,
      indicatorsQuery,
      query.period ?? 'quarter',
      query.minVersion,
    );
    return { networkId, version, ...answer };
  }
}
