import { Module } from '@nestjs/common';
import { ExportsModule } from '../exports/exports.module';
import { NetworksModule } from '../networks/networks.module';
import { CohortsController } from './cohorts/cohorts.controller';
import { CollaborationController } from './collaboration/collaboration.controller';
import { NetworkAggregatesReader } from './common/network-aggregates.reader';
import { SensitivityController } from './sensitivity/sensitivity.controller';
import { SignalsController } from './signals/signals.controller';

const ANALYSIS_CONTROLLERS = [SignalsController, CollaborationController, SensitivityController, CohortsController];

/**
 * SPEC section 5 for researchers: analyses of one network replayed from its
 * stream, and across networks from the overview read model's aggregates.
 * (Thresholds and `on` on trajectory/state live in those routes; see ./state.)
 * It brings the exports of SPEC 5.5 along, so app.module imports one module.
 */
@Module({
  imports: [NetworksModule, ExportsModule],
  controllers: ANALYSIS_CONTROLLERS,
  providers: [NetworkAggregatesReader],
})
export class AnalysesModule {}
