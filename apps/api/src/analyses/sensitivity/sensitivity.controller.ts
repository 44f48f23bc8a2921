import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { levelThresholds, sensitivity } from '@indaga/domain';
import { Access, ANALYSTS } from '../../auth/access.decorator';
import { NetworkAggregatesReader } from '../common/network-aggregates.reader';
import { SensitivityQuery } from './sensitivity.query.dto';

const EXAMPLE = {
  period: 'quarter',
  thresholds: { cooperativeShare: 0.5, collaborativeShare: 0.5, minMultiSchoolJointActions: 1 },
  position: 120_431,
  periods: [
    {
      period: '2019-Q1',
      default: { informative: 40, collaborative: 35, cooperative: 12 },
      alternative: { informative: 40, collaborative: 41, cooperative: 6 },
    },
  ],
  changed: [{ networkId: 'red-maule-sur', defaultLevel: 'cooperative', alternativeLevel: 'collaborative' }],
};

/** SPEC 5.3 across networks, from the overview read model's stored per-period aggregates. */
@ApiTags('analyses')
@ApiBearerAuth()
@Controller('v1/overview/sensitivity')
export class SensitivityController {
  constructor(private readonly aggregates: NetworkAggregatesReader) {}

  @Get()
  @Access(ANALYSTS)
  @ApiOperation({ summary: 'Networks by level per period under the default and the given thresholds' })
  @ApiOkResponse({ schema: { example: EXAMPLE } })
  async sensitivity(@Query() query: SensitivityQuery) {
    const period = query.period ?? 'quarter';
    const { position, networks } = await this.aggregates.read(period, { region: false });
    const { thresholds, periods, changed } = sensitivity(networks, levelThresholds(query));
    return { period, thresholds, position, periods, changed };
  }
}
