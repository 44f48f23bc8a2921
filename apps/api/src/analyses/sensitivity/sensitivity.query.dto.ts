import { PeriodQuery } from '../../networks/history/history.dto';
import {
  COLLABORATIVE_SHARE_DOC,
  COOPERATIVE_SHARE_DOC,
  CountThreshold,
  ShareThreshold,
} from '../common/analysis-query.decorators';

/** GET /v1/overview/sensitivity (SPEC 5.3). */
export class SensitivityQuery extends PeriodQuery {
  @ShareThreshold('cooperativeShare', COOPERATIVE_SHARE_DOC, 0.5)
  cooperativeShare?: number;

  @ShareThreshold('collaborativeShare', COLLABORATIVE_SHARE_DOC, 0.6)
  collaborativeShare?: number;

  @CountThreshold()
  minMultiSchoolJointActions?: number;
}
