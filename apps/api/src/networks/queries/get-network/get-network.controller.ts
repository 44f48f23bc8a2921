import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { networkQuery, networkViewsProjection } from '@indaga/projections';
import { Access, NETWORK_READ } from '../../../auth/access.decorator';
import { AccessLogged } from '../../../audit/access-logged.decorator';
import { NetworkIdParam } from '../../../http/path-params';
import { MinVersionQuery } from '../common/read-model-query.dto';
import { ReadModelReader } from '../common/read-model-reader';

/** GET /v1/networks/:id: the network's current state (SPEC 3), from network-views. */
@ApiTags('networks')
@ApiBearerAuth()
@Controller('v1')
export class GetNetworkController {
  constructor(private readonly reader: ReadModelReader) {}

  @Get('networks/:networkId')
  @Access(NETWORK_READ)
  @AccessLogged()
  async network(@NetworkIdParam() networkId: string, @Query() query: MinVersionQuery) {
    const { answer } = await this.reader.query(
      networkViewsProjection.name,
      networkId,
      networkQuery,
      undefined,
      query.minVersion,
    );
    return answer;
  }
}
