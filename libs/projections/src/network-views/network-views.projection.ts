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
import { DocumentParts } from '../incremental/document-parts';
import { PeriodViews } from '../incremental/period-views';
import type { NetworkProjection, ProjectionSerializer } from '../projection';
import { PartsBuilder } from '../read-models/text-parts';

/** The document network-views stores and the overview shares (see NetworkProjection.document). */
export const NETWORK_HISTORY_DOCUMENT = 'network-history';

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
  document: { kind: NETWORK_HISTORY_DOCUMENT, stored: true },
  serializer: (): ProjectionSerializer<NetworkHistory> => {
    const periods = new PeriodViews();
    const document = new DocumentParts();
    return {
      document: (doc) => document.parts(doc),
      // One part per period of each trajectory and indicators list, so a catch-up writes only the periods it changed;
      // runs in the order view-layout.ts names them, for the typed queries (queries/) to read one period kind alone.
      view: (doc, version) => {
        periods.update(doc);
        const parts = new PartsBuilder().text(`{"network":${JSON.stringify(networkView(doc, version))},"trajectory":{`);
        PERIODS.forEach((p, i) =>
          parts
            .text(`${i ? ',' : ''}${JSON.stringify(p)}:${periods.trajectoryHead(p)}`)
            .run(periods.trajectoryParts(p))
            .text(']}'),
        );
        parts.text('},"indicators":{');
        PERIODS.forEach((p, i) =>
          parts
            .text(`${i ? ',' : ''}${JSON.stringify(p)}:{"periods":[`)
            .run(periods.indicatorsParts(p))
            .text(']}'),
        );
        return parts.text('}}').build();
      },
    };
  },
};
