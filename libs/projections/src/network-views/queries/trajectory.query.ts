import type { Period, Trajectory } from '@indaga/domain';
import { runRange } from '../../read-models/text-parts';
import type { ViewQuery } from '../../view-query';
import type { NetworkViews } from '../network-views.projection';
import { NETWORK_PART, runValue, trajectoryRun, wholeView } from '../view-layout';

/** GET /v1/networks/:id/trajectory: the trajectory for one period kind, read without the others. */
export const trajectoryQuery: ViewQuery<Period, Trajectory> = {
  parts: (period) => [[NETWORK_PART, NETWORK_PART], runRange(trajectoryRun(period))],
  answer: (parts, period) => {
    const text = runValue(parts, trajectoryRun(period), period);
    return text === undefined ? wholeView<NetworkViews>(parts).trajectory[period] : (JSON.parse(text) as Trajectory);
  },
};
