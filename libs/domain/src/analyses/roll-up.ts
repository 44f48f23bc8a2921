// Half-year and year aggregates from the quarters': minutes and multi-school
// joint actions add up, and the members at a longer period's end are those
// at the end of its last quarter in the history (no membership changes after
// the latest fact, where the last quarter ends). A read model stores only
// the quarters.
import { periodOf, periodStart, type Period } from '../indicators/periods';
import type { PeriodAggregate } from './period-aggregates';

/**
 * `quarters`: every quarter of a history, in order (as `periodAggregates(history, 'quarter')`).
 * For `quarter` the same array is answered (nothing is copied: it is read per request for hundreds of networks).
 */
export function rollUpAggregates(quarters: readonly PeriodAggregate[], kind: Period): readonly PeriodAggregate[] {
  if (kind === 'quarter') return quarters;
  const rolled: PeriodAggregate[] = [];
  for (const q of quarters) {
    const period = periodOf(periodStart(q.period), kind);
    const last = rolled[rolled.length - 1];
    if (last === undefined || last.period !== period) {
      rolled.push({ ...q, period, minutes: { ...q.minutes } });
      continue;
    }
    last.minutes.informative += q.minutes.informative;
    last.minutes.collaborative += q.minutes.collaborative;
    last.minutes.cooperative += q.minutes.cooperative;
    last.multiSchoolJointActions += q.multiSchoolJointActions;
    last.zone = q.zone;
    last.dependency = q.dependency;
  }
  return rolled;
}
