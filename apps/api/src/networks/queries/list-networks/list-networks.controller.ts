import { Controller, Get, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { networkListQuery, overviewProjection } from '@indaga/projections';
import { Access, ANY_ROLE } from '../../../auth/access.decorator';
import type { AuthenticatedRequest } from '../../../auth/auth.guard';
import { ReadModelReader } from '../common/read-model-reader';

/** GET /v1/networks: every network for analysts, a network token's own for it; from the overview read model. */
@ApiTags('networks')
@ApiBearerAuth()
@Controller('v1')
export class ListNetworksController {
  constructor(private readonly reader: ReadModelReader) {}

  @Get('networks')
  @Access(ANY_ROLE)
  async list(@Req() req: AuthenticatedRequest) {
    const own = req.principal.role === 'network' ? req.principal.networkId : undefined;
    const rows = await this.reader.queryAll(
      overviewProjection.name,
      networkListQuery,
      undefined,
      own ? { networkId: own } : {},
    );
    return rows.map(({ networkId, version, answer }) => ({ networkId, ...answer, version }));
  }
}
