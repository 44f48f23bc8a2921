import type { JointActionCarriedOutData, SessionFields } from '../events';
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
    periods: historyPeriods(history, period).map((p) =>
      indicatorsPeriod(history, p, sessionsByPeriod.get(p) ?? [], actionsByPeriod.get(p) ?? []),
    ),
  };
}

/** One period's indicators; `sessions` and `actions` are those dated in the period. */
export function indicatorsPeriod(
  history: NetworkHistory,
  period: string,
  sessions: readonly SessionFields[],
  actions: readonly JointActionCarriedOutData[],
): IndicatorsPeriod {
  return { period, depth: depthOf(history, period, actions), leadership: leadershipOf(history, sessions) };
}
