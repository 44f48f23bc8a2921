import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { cohorts } from '@indaga/domain';
import { Access, ANALYSTS } from '../../auth/access.decorator';
import { NetworkAggregatesReader } from '../common/network-aggregates.reader';
import { CohortsQuery } from './cohorts.query.dto';

const EXAMPLE = {
  by: 'zone',
  period: 'year',
  position: 120_431,
  groups: [
    {
      group: 'rural',
      periods: [
        {
          period: '2019',
          networks: 31,
          levels: { informative: 12, collaborative: 14, cooperative: 5 },
          medianCooperationIndex: 0.412,
        },
      ],
    },
  ],
};

/** SPEC 5.4 across networks, from the overview read model's stored per-period aggregates. */
@ApiTags('analyses')
@ApiBearerAuth()
@Controller('v1/overview/cohorts')
export class CohortsController {
  constructor(private readonly aggregates: NetworkAggregatesReader) {}

  @Get()
  @Access(ANALYSTS)
  @ApiOperation({ summary: 'Groups of networks (by region, zone or dependency) compared period by period' })
  @ApiOkResponse({ schema: { example: EXAMPLE } })
  async cohorts(@Query() query: CohortsQuery) {
    const by = query.by ?? 'region';
    const period = query.period ?? 'quarter';
    const { position, networks } = await this.aggregates.read(period, { region: by === 'region' });
    return { by, period, position, groups: cohorts(networks, by) };
  }
}
