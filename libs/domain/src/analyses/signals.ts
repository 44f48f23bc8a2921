// SPEC §5.1: the run chart of one measure of a network's periods.
import { allJointActions, type NetworkHistory } from '../history/network-history';
import { groupByPeriod, historyPeriods } from '../indicators/buckets';
import { depthOf } from '../indicators/depth';
import { addLeadershipSession, leadershipFrom, leadershipTally, type LeadershipTally } from '../indicators/leadership';
import type { SessionFields } from '../events';
import { membersTimeline } from '../network/membership';
import type { Period } from '../indicators/periods';
import { assessPractice } from '../indicators/practice-level';
import { sessionMinutes } from '../indicators/practice';
import { runChart, type RunChart, type RunChartPoint } from './run-chart';

export const SIGNAL_MEASURES = [
  'cooperationIndex',
  'depthIndex',
  'schoolReach',
  'tieDensity',
  'sostenedorPresence',
  'schoolAttendance',
] as const;
export type SignalMeasure = (typeof SIGNAL_MEASURES)[number];

export interface Signals extends RunChart {
  period: Period;
  measure: SignalMeasure;
}

const unrounded = (value: number | null): number | null => value;

/**
 * The measure's unrounded value in each period of the history that has one,
 * by the same functions as the trajectory and indicators (with their display
 * rounding switched off).
 */
export function measureSeries(history: NetworkHistory, period: Period, measure: SignalMeasure): RunChartPoint[] {
  const sessions = groupByPeriod(history.sessions, (s) => s.heldOn, period);
  const actions = groupByPeriod(allJointActions(history), (a) => a.carriedOutOn, period);
  const valueOf = (p: string): number | null => {
    switch (measure) {
      case 'cooperationIndex':
        return assessPractice(sessionMinutes(sessions.get(p) ?? []), 0).cooperationIndex;
      case 'depthIndex':
      case 'schoolReach':
      case 'tieDensity':
        return depthOf(history, p, actions.get(p) ?? [], unrounded)[measure];
      case 'sostenedorPresence':
      case 'schoolAttendance':
        return leadershipFrom(tallyOf(history, sessions.get(p) ?? []), unrounded)[measure];
      default: {
        const unknown: never = measure;
        throw new RangeError(`unknown measure ${String(unknown)}`);
      }
    }
  };
  const points: RunChartPoint[] = [];
  for (const p of historyPeriods(history, period)) {
    const value = valueOf(p);
    if (value !== null) points.push({ period: p, value });
  }
  return points;
}

export function signals(history: NetworkHistory, period: Period, measure: SignalMeasure): Signals {
  return { period, measure, ...runChart(measureSeries(history, period, measure)) };
}

/** The tally leadershipOf folds (same sessions, same order), to read its ratios unrounded. */
function tallyOf(history: NetworkHistory, sessions: readonly SessionFields[]): LeadershipTally {
  const tally = leadershipTally();
  const membersAt = membersTimeline(history.memberships);
  for (const session of sessions) addLeadershipSession(tally, session, membersAt);
  return tally;
}
