import {
  allJointActions,
  depthOf,
  DepthIndicators,
  foldHistory,
  latestSessionDate,
  initialHistory,
  NetworkComposition,
  NetworkHistory,
  networkSummary,
  NetworkSummary,
  Period,
  periodOf,
  PERIODS,
  PracticeCategory,
  trajectory,
  TrajectoryPeriod,
} from '@indaga/domain';
import { DocumentParts } from '../incremental/document-parts';
import { PeriodViews } from '../incremental/period-views';
import type { NetworkProjection, ProjectionSerializer } from '../projection';
import { NETWORK_HISTORY_DOCUMENT } from '../network-views/network-views.projection';
import {
  AGGREGATES_KEY,
  aggregatesFromQuarters,
  OVERVIEW_AGGREGATES_PART,
  OVERVIEW_CLOSING_PART,
  OVERVIEW_ENTRIES_PART,
  overviewAggregates,
  StoredAggregates,
} from './overview-aggregates';

/** The overview's view: an entry per period kind, and the quarters' aggregates for the cross-network analyses. */
export type OverviewView = Record<Period, OverviewEntry> & { aggregates: StoredAggregates };

export interface OverviewEntry {
  networkId: string | null;
  name: string | null;
  region: string | null;
  commune?: string;
  schools: number;
  composition: NetworkComposition;
  version: number;
  /** The latest period that has a level, with its level, cooperation index and depth; nulls when none has. */
  period: string | null;
  level: PracticeCategory | null;
  cooperationIndex: number | null;
  depth: DepthIndicators | null;
  /** The latest live session's date (`heldOn`), whatever the period kind; null without sessions. */
  lastSessionDate: string | null;
}

/** One network's line of the overview for one period kind: pure, from the domain's functions. */
export function overviewEntry(
  history: NetworkHistory,
  version: number,
  period: Period,
  summary: NetworkSummary = networkSummary(history),
): OverviewEntry {
  const periods = trajectory(history, period).periods;
  let latest = -1;
  for (let i = periods.length - 1; i >= 0 && latest === -1; i--) if (periods[i].level !== null) latest = i;
  return entryOf(summary, latestSessionDate(history), version, latest >= 0 ? periods[latest] : undefined, (p) =>
    // Depth of that one period only (the same function the indicators use for every period).
    depthOf(
      history,
      p,
      allJointActions(history).filter((a) => periodOf(a.carriedOutOn, period) === p),
    ),
  );
}

/** The entry from the latest period with a level and the depth of one period, however they were computed. */
function entryOf(
  summary: NetworkSummary,
  lastSessionDate: string | null,
  version: number,
  practice: TrajectoryPeriod | undefined,
  depthIn: (period: string) => DepthIndicators,
): OverviewEntry {
  return {
    networkId: summary.networkId,
    name: summary.name,
    region: summary.region,
    ...(summary.commune === undefined ? {} : { commune: summary.commune }),
    schools: summary.schools,
    composition: summary.composition,
    version,
    period: practice?.period ?? null,
    level: practice?.level ?? null,
    cooperationIndex: practice?.cooperationIndex ?? null,
    depth: practice ? depthIn(practice.period) : null,
    lastSessionDate,
  };
}

/** Every network's latest level, cooperation index, depth and composition, per period kind (SPEC /v1/overview). */
export const overviewProjection: NetworkProjection<NetworkHistory, OverviewView> = {
  name: 'overview',
  initial: initialHistory,
  evolve: (doc, events) => foldHistory(events, doc),
  view: (doc, version) => {
    const summary = networkSummary(doc);
    const entries = Object.fromEntries(PERIODS.map((p) => [p, overviewEntry(doc, version, p, summary)]));
    return { ...entries, [AGGREGATES_KEY]: overviewAggregates(doc) } as OverviewView;
  },
  indexed: (doc) => ({ region: doc.region }),
  // The same history as network-views: folded once per catch-up, stored in network-views' row only.
  document: { kind: NETWORK_HISTORY_DOCUMENT, stored: false },
  /** The same entries from per-period values kept between catch-ups (see PeriodViews). */
  serializer: (): ProjectionSerializer<NetworkHistory> => {
    const periods = new PeriodViews();
    const document = new DocumentParts();
    return {
      document: (doc) => document.parts(doc),
      view: (doc, version) => {
        periods.update(doc);
        // Only the latest periods with a level are read, so only those (and the ones after them) are computed.
        const quarter = periods.latestWithLevel('quarter');
        const summary = networkSummary(doc, quarter ? [quarter] : []);
        const lastSession = latestSessionDate(doc);
        const view = Object.fromEntries(
          PERIODS.map((p) => [
            p,
            entryOf(summary, lastSession, version, periods.latestWithLevel(p), (label) => periods.depthOf(p, label)),
          ]),
        );
        // Entries and aggregates filed as separate parts (see overview-aggregates.ts).
        const aggregates = aggregatesFromQuarters(doc, periods.trajectoryPeriods('quarter'));
        return new Map([
          [OVERVIEW_ENTRIES_PART, `${JSON.stringify(view).slice(0, -1)},"${AGGREGATES_KEY}":`],
          [OVERVIEW_AGGREGATES_PART, JSON.stringify(aggregates)],
          [OVERVIEW_CLOSING_PART, '}'],
        ]);
      },
    };
  },
};
