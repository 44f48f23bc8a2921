import {
  foldHistory,
  indicators,
  initialHistory,
  Indicators,
  NetworkHistory,
  networkView,
  NetworkView,
  Period,
  PERIODS,
  Trajectory,
  trajectory,
} from '@indaga/domain';
import { documentJson } from '../incremental/document-json';
import { PeriodViews } from '../incremental/period-views';
import type { NetworkProjection, ProjectionSerializer } from '../projection';

export interface NetworkViews {
  network: NetworkView;
  trajectory: Record<Period, Trajectory>;
  indicators: Record<Period, Indicators>;
}

/**
 * Per network: its current state, and its trajectory and indicators for every
 * period kind, all computed by the pure functions of @indaga/domain from the
 * history document (so the read model cannot disagree with them). The
 * serializer gives the same text, recomputing only the periods a catch-up's
 * events touch (see PeriodViews).
 */
export const networkViewsProjection: NetworkProjection<NetworkHistory, NetworkViews> = {
  name: 'network-views',
  initial: initialHistory,
  evolve: (doc, events) => foldHistory(events, doc),
  view: (doc, version) => ({
    network: networkView(doc, version),
    trajectory: Object.fromEntries(PERIODS.map((p) => [p, trajectory(doc, p)])) as Record<Period, Trajectory>,
    indicators: Object.fromEntries(PERIODS.map((p) => [p, indicators(doc, p)])) as Record<Period, Indicators>,
  }),
  indexed: (doc) => ({ region: doc.region }),
  serializer: (): ProjectionSerializer<NetworkHistory> => {
    const periods = new PeriodViews();
    return {
      document: documentJson,
      view: (doc, version) => {
        periods.update(doc);
        const byKind = (json: (kind: Period) => string) => `{${PERIODS.map((p) => `${JSON.stringify(p)}:${json(p)}`).join(',')}}`;
        return `{"network":${JSON.stringify(networkView(doc, version))},"trajectory":${byKind((p) => periods.trajectoryJson(p))},"indicators":${byKind((p) => periods.indicatorsJson(p))}}`;
      },
    };
  },
};
