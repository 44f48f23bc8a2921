import type { NetworkHistory } from '../history/network-history';
import { allJointActions } from '../history/network-history';
import { groupByPeriod, historyPeriods } from './buckets';
import { depthOf, type DepthIndicators } from './depth';
import { leadershipOf, type LeadershipIndicators } from './leadership';
import type { Period } from './periods';

export interface IndicatorsPeriod {
  period: string;
  depth: DepthIndicators;
  leadership: LeadershipIndicators;
}

export interface Indicators {
  periods: IndicatorsPeriod[];
}

/** Depth and leadership over the same periods as the trajectory. */
export function indicators(history: NetworkHistory, period: Period): Indicators {
  const sessionsByPeriod = groupByPeriod(history.sessions, (s) => s.heldOn, period);
  const actionsByPeriod = groupByPeriod(allJointActions(history), (a) => a.carriedOutOn, period);
  return {
    periods: historyPeriods(history, period).map((p) => ({
      period: p,
      depth: depthOf(history, p, actionsByPeriod.get(p) ?? []),
      leadership: leadershipOf(history, sessionsByPeriod.get(p) ?? []),
    })),
  };
}
