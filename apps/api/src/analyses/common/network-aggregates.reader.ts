import { Inject, Injectable } from '@nestjs/common';
import { NetworkAggregates, Period, rollUpAggregates } from '@indaga/domain';
import { EVENT_STORE, EventStore } from '@indaga/event-store';
import {
  aggregateOfRow,
  aggregatesOfPart,
  entriesOfPart,
  OVERVIEW_AGGREGATES_PART,
  OVERVIEW_CLOSING_PART,
  OVERVIEW_ENTRIES_PART,
  OverviewView,
  overviewProjection,
} from '@indaga/projections';
import { ReadModelReader } from '../../networks/views/read-model-reader';

/**
 * Every network's per-period aggregates from the overview read model (the
 * part filed for the analyses), not from refolding streams: the
 * cross-network analyses of SPEC 5.3 and 5.4 read hundreds of networks.
 */
@Injectable()
export class NetworkAggregatesReader {
  constructor(
    private readonly reader: ReadModelReader,
    @Inject(EVENT_STORE) private readonly store: EventStore,
  ) {}

  /**
   * `position`: the log's head when the read began; the read models answer
   * what they had projected by then (their lag is in GET /v1/projections).
   */
  async read(
    period: Period,
    options: { region: boolean },
  ): Promise<{ position: number; networks: NetworkAggregates[] }> {
    const position = await this.store.headPosition();
    const parts: [number, number] = options.region
      ? [OVERVIEW_ENTRIES_PART, OVERVIEW_CLOSING_PART]
      : [OVERVIEW_AGGREGATES_PART, OVERVIEW_AGGREGATES_PART];
    const rows = await this.reader.activeViews(overviewProjection.name, { parts });
    const networks = rows.map(({ networkId, view }) => {
      let region: string | null = null;
      let quarters;
      if (options.region) {
        const whole = entriesOfPart<Partial<OverviewView>>(view);
        region = whole.quarter?.region ?? null;
        quarters = whole.aggregates ?? [];
      } else quarters = aggregatesOfPart(view);
      return { networkId, region, periods: rollUpAggregates(quarters.map(aggregateOfRow), period) };
    });
    return { position, networks };
  }
}
