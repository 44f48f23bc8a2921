// The per-quarter aggregates the cross-network analyses read (SPEC 5.3
// sensitivity, 5.4 cohorts), kept in the overview read model as a part of its
// view filed apart from the entries: GET /v1/overview reads only the entries'
// part, the analyses only this one, and neither refolds a stream.
import {
  compositionOn,
  NetworkHistory,
  PeriodAggregate,
  periodAggregates,
  periodEnd,
  TrajectoryPeriod,
} from '@indaga/domain';

/**
 * The quarters of one network, column by column: hundreds of networks × 40
 * quarters are parsed per request, and a few arrays of numbers parse several
 * times faster than an array of small arrays. `first` is the first quarter's
 * label; the others follow it without gaps.
 */
export interface StoredAggregates {
  first: string | null;
  informative: number[];
  collaborative: number[];
  cooperative: number[];
  multiSchoolJointActions: number[];
  zone: PeriodAggregate['zone'][];
  dependency: PeriodAggregate['dependency'][];
}

/** The view's part numbers: the entries `{"quarter":…,"half":…,"year":…,"aggregates":`, the aggregates, `}`. */
export const OVERVIEW_ENTRIES_PART = 0;
export const OVERVIEW_AGGREGATES_PART = 1;
export const OVERVIEW_CLOSING_PART = 2;
export const AGGREGATES_KEY = 'aggregates';

/** The stored columns of every quarter of a history's trajectory, in order. */
export function storedAggregates(quarters: readonly PeriodAggregate[]): StoredAggregates {
  return {
    first: quarters[0]?.period ?? null,
    informative: quarters.map((q) => q.minutes.informative),
    collaborative: quarters.map((q) => q.minutes.collaborative),
    cooperative: quarters.map((q) => q.minutes.cooperative),
    multiSchoolJointActions: quarters.map((q) => q.multiSchoolJointActions),
    zone: quarters.map((q) => q.zone),
    dependency: quarters.map((q) => q.dependency),
  };
}

/** The quarters back from their columns. */
export function quartersOf(stored: StoredAggregates): PeriodAggregate[] {
  const quarters: PeriodAggregate[] = [];
  if (stored.first === null) return quarters;
  let year = Number(stored.first.slice(0, 4));
  let quarter = Number(stored.first.slice(6));
  for (let i = 0; i < stored.informative.length; i++) {
    quarters.push({
      period: `${String(year).padStart(4, '0')}-Q${quarter}`,
      minutes: {
        informative: stored.informative[i],
        collaborative: stored.collaborative[i],
        cooperative: stored.cooperative[i],
      },
      multiSchoolJointActions: stored.multiSchoolJointActions[i],
      zone: stored.zone[i],
      dependency: stored.dependency[i],
    });
    if (quarter === 4) [year, quarter] = [year + 1, 1];
    else quarter++;
  }
  return quarters;
}

/** Pure: the stored aggregates of a history (every quarter of its trajectory). */
export function overviewAggregates(history: NetworkHistory): StoredAggregates {
  return storedAggregates(periodAggregates(history, 'quarter'));
}

/** The same columns from the quarters the incremental views already hold (their minutes and joint-action counts). */
export function aggregatesFromQuarters(
  history: NetworkHistory,
  quarters: readonly TrajectoryPeriod[],
): StoredAggregates {
  return storedAggregates(
    quarters.map((q) => ({
      period: q.period,
      minutes: q.minutes,
      multiSchoolJointActions: q.multiSchoolJointActions,
      ...compositionOn(history, periodEnd(q.period)),
    })),
  );
}

/** The entries from the entries' part alone (a row stored before the aggregates existed is one whole part). */
export function entriesOfPart<T>(text: string): T {
  const open = `,"${AGGREGATES_KEY}":`;
  return JSON.parse(text.endsWith(open) ? `${text}null}` : text) as T;
}

/** The quarters from the aggregates' part alone; none for a row stored before they existed (until its next catch-up or a rebuild). */
export function aggregatesOfPart(text: string | undefined): PeriodAggregate[] {
  return text ? quartersOf(JSON.parse(text) as StoredAggregates) : [];
}
