import { Controller, Get, Query, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { overviewLineQuery, overviewProjection } from '@indaga/projections';
import { Access, ANY_ROLE } from '../../../auth/access.decorator';
import type { AuthenticatedRequest } from '../../../auth/auth.guard';
import { ReadModelReader } from '../common/read-model-reader';
import { OverviewQuery } from './get-overview.dto';
import { overviewLine } from './overview-line';
import { regionMatches } from './region-match';

/** GET /v1/overview: every network for analysts; a network token sees its own line only (as in GET /v1/networks). */
@ApiTags('networks')
@ApiBearerAuth()
@Controller('v1')
export class GetOverviewController {
  constructor(private readonly reader: ReadModelReader) {}

  @Get('overview')
  @Access(ANY_ROLE)
  async overview(@Query() query: OverviewQuery, @Req() req: AuthenticatedRequest) {
    const period = query.period ?? 'quarter';
    const own = req.principal.role === 'network' ? req.principal.networkId : undefined;
    // The region is compared folded (case and accents), so it is filtered here rather than by the store's equality.
    const rows = await this.reader.queryAll(
      overviewProjection.name,
      overviewLineQuery,
      period,
      own ? { networkId: own, updatedAt: true } : { updatedAt: true },
    );
    // Read after the rows, so a stream is never behind its row: the lag is what the row does not reflect yet.
    const streams = await this.reader.streamVersions(rows.map((r) => r.networkId));
    const entries = rows.map((row) => overviewLine(row, streams));
    const inRegion = query.region ? regionMatches(query.region) : undefined;
    return {
      period,
      ...(query.region ? { region: query.region } : {}),
      networks: inRegion ? entries.filter((e) => inRegion(e.region)) : entries,
    };
  }
}
