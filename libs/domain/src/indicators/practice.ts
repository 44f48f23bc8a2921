// The practice trajectory (SPEC §2): from informative to cooperative work.
import { ACTIVITY_CATEGORY, type PracticeCategory } from '../enums';
import type { JointActionCarriedOutData, SessionFields } from '../events';
import { allJointActions, type NetworkHistory } from '../history/network-history';
import { groupByPeriod, historyPeriods } from './buckets';
import { explainLevel } from './explanation';
import {
  assessPractice,
  DEFAULT_THRESHOLDS,
  type LevelCondition,
  type LevelThresholds,
  type PracticeMinutes,
  type PracticeShares,
} from './practice-level';
import type { Period } from './periods';
import { round3OrNull } from './ratios';

export interface TrajectoryPeriod {
  period: string;
  minutes: PracticeMinutes;
  /** Rounded to 3 decimals; null when the period has no counted minutes. */
  shares: PracticeShares;
  cooperationIndex: number | null;
  multiSchoolJointActions: number;
  level: PracticeCategory | null;
  explanation: string;
  conditions: LevelCondition[];
}

export interface Trajectory {
  period: Period;
  /** First period at collaborative or above (cooperative counts as reaching collaborative). */
  firstCollaborative: string | null;
  firstCooperative: string | null;
  periods: TrajectoryPeriod[];
}

export function trajectory(
  history: NetworkHistory,
  period: Period,
  thresholds: Readonly<LevelThresholds> = DEFAULT_THRESHOLDS,
): Trajectory {
  const sessionsByPeriod = groupByPeriod(history.sessions, (s) => s.heldOn, period);
  const actionsByPeriod = groupByPeriod(allJointActions(history), (a) => a.carriedOutOn, period);
  const periods = historyPeriods(history, period).map((p) =>
    trajectoryPeriod(p, sessionsByPeriod.get(p) ?? [], actionsByPeriod.get(p) ?? [], thresholds),
  );
  return trajectoryOf(period, periods);
}

/** The trajectory over its periods, already computed one by one (in order, every period of the history). */
export function trajectoryOf(period: Period, periods: TrajectoryPeriod[]): Trajectory {
  return {
    period,
    firstCollaborative: periods.find((p) => p.level === 'collaborative' || p.level === 'cooperative')?.period ?? null,
    firstCooperative: periods.find((p) => p.level === 'cooperative')?.period ?? null,
    periods,
  };
}

export function sessionMinutes(sessions: readonly SessionFields[]): PracticeMinutes {
  const minutes: PracticeMinutes = { informative: 0, collaborative: 0, cooperative: 0 };
  for (const session of sessions) addSessionMinutes(minutes, session);
  return minutes;
}

/**
 * Adds one session's activity minutes to `minutes`, in place: `sessionMinutes`
 * is this, session by session (whole minutes, so the order does not matter),
 * which lets a read model add a new session to a period's totals.
 */
export function addSessionMinutes(minutes: PracticeMinutes, session: SessionFields): void {
  for (const activity of session.activities) {
    const category = ACTIVITY_CATEGORY[activity.kind];
    if (category !== null) minutes[category] += activity.minutes;
  }
}

export function countMultiSchoolJointActions(actions: readonly JointActionCarriedOutData[]): number {
  return actions.filter((a) => new Set(a.schools).size >= 2).length;
}

/**
 * One period of the trajectory. `sessions`: the live sessions with heldOn in
 * the period; `actions`: the joint actions with carriedOutOn in it. Nothing
 * else is read, so a period whose sessions and actions are unchanged keeps
 * its value (what the incremental read models rely on).
 */
export function trajectoryPeriod(
  period: string,
  sessions: readonly SessionFields[],
  actions: readonly JointActionCarriedOutData[],
  thresholds: Readonly<LevelThresholds> = DEFAULT_THRESHOLDS,
): TrajectoryPeriod {
  return practiceFrom(period, sessionMinutes(sessions), countMultiSchoolJointActions(actions), thresholds);
}

/** One period of the trajectory from its session minutes and its joint actions with ≥ 2 schools (`minutes` is copied). */
export function practiceFrom(
  period: string,
  sessionMinutesOfPeriod: Readonly<PracticeMinutes>,
  multiSchoolJointActions: number,
  thresholds: Readonly<LevelThresholds> = DEFAULT_THRESHOLDS,
): TrajectoryPeriod {
  const minutes: PracticeMinutes = { ...sessionMinutesOfPeriod };
  const assessment = assessPractice(minutes, multiSchoolJointActions, thresholds);
  return {
    period,
    minutes,
    shares: {
      informative: round3OrNull(assessment.shares.informative),
      collaborative: round3OrNull(assessment.shares.collaborative),
      cooperative: round3OrNull(assessment.shares.cooperative),
    },
    cooperationIndex: round3OrNull(assessment.cooperationIndex),
    multiSchoolJointActions,
    level: assessment.level,
    explanation: explainLevel(assessment, multiSchoolJointActions, thresholds),
    conditions: assessment.conditions,
  };
}
