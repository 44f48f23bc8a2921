import { StateQuery } from '../../networks/history/history.dto';
import { PeriodViewQuery } from '../../networks/queries/common/read-model-query.dto';
import {
  COLLABORATIVE_SHARE_DOC,
  COOPERATIVE_SHARE_DOC,
  AsOf,
  CountThreshold,
  On,
  ShareThreshold,
} from '../common/analysis-query.decorators';

/** GET /v1/networks/:id/trajectory with the level rule's thresholds (SPEC 5.3). */
export class TrajectoryQuery extends PeriodViewQuery {
  @ShareThreshold('cooperativeShare', COOPERATIVE_SHARE_DOC, 0.5)
  cooperativeShare?: number;

  @ShareThreshold('collaborativeShare', COLLABORATIVE_SHARE_DOC, 0.6)
  collaborativeShare?: number;

  @CountThreshold()
  minMultiSchoolJointActions?: number;
}

/** GET /v1/networks/:id/state with thresholds (SPEC 5.3) and `on`, as it happened (SPEC 5.6). */
export class StateAnalysisQuery extends StateQuery {
  /** Redeclared for its Swagger text, which sets it apart from `on`. */
  @AsOf()
  declare asOf?: string;

  @On()
  on?: string;

  @ShareThreshold('cooperativeShare', COOPERATIVE_SHARE_DOC, 0.5)
  cooperativeShare?: number;

  @ShareThreshold('collaborativeShare', COLLABORATIVE_SHARE_DOC, 0.6)
  collaborativeShare?: number;

  @CountThreshold()
  minMultiSchoolJointActions?: number;
}
