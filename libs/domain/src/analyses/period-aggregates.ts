// What the cross-network analyses (sensitivity, cohorts) need of each
// network's period, and nothing more: the level rule reads only the minutes
// by category and the multi-school joint actions, cohorts also the members'
// composition at the period's end. A read model stores these per network.
import type { Dependency, Zone } from '../enums';
import { allJointActions, type NetworkHistory } from '../history/network-history';
import { groupByPeriod, historyPeriods } from '../indicators/buckets';
import { periodEnd, type Period } from '../indicators/periods';
import { countMultiSchoolJointActions, sessionMinutes } from '../indicators/practice';
import type { PracticeMinutes } from '../indicators/practice-level';
import { membersOn } from '../network/membership';

/** `mixed` when the members on end(P) differ, `none` without members then (SPEC §5.4). */
export type CohortZone = Zone | 'mixed' | 'none';
export type CohortDependency = Dependency | 'mixed' | 'none';

export interface PeriodAggregate {
  period: string;
  minutes: PracticeMinutes;
  multiSchoolJointActions: number;
  zone: CohortZone;
  dependency: CohortDependency;
}

export interface NetworkAggregates {
  networkId: string;
  region: string | null;
  periods: readonly PeriodAggregate[];
}

/** Every period of the trajectory (registration to the latest fact), with its aggregates. */
export function periodAggregates(history: NetworkHistory, period: Period): PeriodAggregate[] {
  const sessions = groupByPeriod(history.sessions, (s) => s.heldOn, period);
  const actions = groupByPeriod(allJointActions(history), (a) => a.carriedOutOn, period);
  return historyPeriods(history, period).map((p) =>
    periodAggregate(
      history,
      p,
      sessionMinutes(sessions.get(p) ?? []),
      countMultiSchoolJointActions(actions.get(p) ?? []),
    ),
  );
}

/** One period's aggregate from its minutes and multi-school joint actions (`minutes` is copied). */
export function periodAggregate(
  history: NetworkHistory,
  period: string,
  minutes: Readonly<PracticeMinutes>,
  multiSchoolJointActions: number,
): PeriodAggregate {
  const { zone, dependency } = compositionOn(history, periodEnd(period));
  return { period, minutes: { ...minutes }, multiSchoolJointActions, zone, dependency };
}

/** The members' shared zone and dependency on `date` (attributes as given at each school's latest join). */
export function compositionOn(
  history: NetworkHistory,
  date: string,
): { zone: CohortZone; dependency: CohortDependency } {
  const members = new Set(membersOn(history.memberships, date));
  const schools = history.schools.filter((s) => members.has(s.schoolId));
  return { zone: shared(schools.map((s) => s.zone)), dependency: shared(schools.map((s) => s.dependency)) };
}

function shared<T extends string>(values: readonly T[]): T | 'mixed' | 'none' {
  if (values.length === 0) return 'none';
  return values.every((v) => v === values[0]) ? values[0] : 'mixed';
}
