import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { type ExplanationLanguage, trajectory } from '@indaga/domain';
import { networkViewsProjection, trajectoryQuery } from '@indaga/projections';
import { Access, NETWORK_READ } from '../../../auth/access.decorator';
import { inLanguage, Language } from '../../../http/language';
import { NetworkIdParam } from '../../../http/path-params';
import { givenThresholds } from '../../../analyses/common/analysis-query.decorators';
import { TrajectoryQuery } from '../../../analyses/state/state.query.dto';
import { HistoryReader } from '../../history/history-reader';
import { ReadModelReader } from '../common/read-model-reader';

/** GET /v1/networks/:id/trajectory: the level per period (SPEC 2), from network-views or, with thresholds, the stream. */
@ApiTags('networks')
@ApiBearerAuth()
@Controller('v1')
export class GetTrajectoryController {
  constructor(
    private readonly reader: ReadModelReader,
    private readonly history: HistoryReader,
  ) {}

  @Get('networks/:networkId/trajectory')
  @Access(NETWORK_READ)
  async trajectory(
    @NetworkIdParam() networkId: string,
    @Query() query: TrajectoryQuery,
    @Language() language: ExplanationLanguage,
  ) {
    const period = query.period ?? 'quarter';
    // With thresholds (SPEC 5.3) the answer is computed from the stream, not the read model.
    const thresholds = givenThresholds(query);
    if (thresholds) {
      const { version, history } = await this.history.at(networkId);
      return {
        ...inLanguage({ networkId, version, ...trajectory(history, period, thresholds) }, language),
        thresholds,
      };
    }
    const { version, answer } = await this.reader.query(
      networkViewsProjection.name,
      networkId,
      trajectoryQuery,
      period,
      query.minVersion,
    );
    return inLanguage({ networkId, version, ...answer }, language);
  }
}
