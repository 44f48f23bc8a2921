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

/** One quarter, compact (hundreds of networks × 40 quarters are read per request): */
export type AggregateRow = [
  period: string,
  informative: number,
  collaborative: number,
  cooperative: number,
  multiSchoolJointActions: number,
  zone: PeriodAggregate['zone'],
  dependency: PeriodAggregate['dependency'],
];

/** The view's part numbers: the entries `{"quarter":…,"half":…,"year":…,"aggregates":`, the aggregates, `}`. */
export const OVERVIEW_ENTRIES_PART = 0;
export const OVERVIEW_AGGREGATES_PART = 1;
export const OVERVIEW_CLOSING_PART = 2;
export const AGGREGATES_KEY = 'aggregates';

export function aggregateRow(a: PeriodAggregate): AggregateRow {
  return [
    a.period,
    a.minutes.informative,
    a.minutes.collaborative,
    a.minutes.cooperative,
    a.multiSchoolJointActions,
    a.zone,
    a.dependency,
  ];
}

export function aggregateOfRow(row: AggregateRow): PeriodAggregate {
  const [period, informative, collaborative, cooperative, multiSchoolJointActions, zone, dependency] = row;
  return { period, minutes: { informative, collaborative, cooperative }, multiSchoolJointActions, zone, dependency };
}

/** Pure: the stored aggregates of a history (every quarter of its trajectory). */
export function overviewAggregates(history: NetworkHistory): AggregateRow[] {
  return periodAggregates(history, 'quarter').map(aggregateRow);
}

/** The same rows from the quarters the incremental views already hold (their minutes and joint-action counts). */
export function aggregatesFromQuarters(history: NetworkHistory, quarters: readonly TrajectoryPeriod[]): AggregateRow[] {
  return quarters.map((q) => {
    const { zone, dependency } = compositionOn(history, periodEnd(q.period));
    return [
      q.period,
      q.minutes.informative,
      q.minutes.collaborative,
      q.minutes.cooperative,
      q.multiSchoolJointActions,
      zone,
      dependency,
    ];
  });
}

/** The entries from the entries' part alone (a row stored before the aggregates existed is one whole part). */
export function entriesOfPart<T>(text: string): T {
  const open = `,"${AGGREGATES_KEY}":`;
  return JSON.parse(text.endsWith(open) ? `${text}null}` : text) as T;
}

/** The aggregates from their part alone; none for a row stored before they existed (until its next catch-up or a rebuild). */
export function aggregatesOfPart(text: string | undefined): AggregateRow[] {
  return text ? (JSON.parse(text) as AggregateRow[]) : [];
}
