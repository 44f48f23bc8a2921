import { Inject, Injectable } from '@nestjs/common';
import { NetworkAggregates, Period, PeriodAggregate, rollUpAggregates } from '@indaga/domain';
import { EVENT_STORE, EventStore } from '@indaga/event-store';
import {
  aggregatesOfPart,
  entriesOfPart,
  OVERVIEW_AGGREGATES_PART,
  OVERVIEW_CLOSING_PART,
  OVERVIEW_ENTRIES_PART,
  OverviewView,
  overviewProjection,
  quartersOf,
} from '@indaga/projections';
import { ReadModelReader } from '../../networks/queries/common/read-model-reader';

/** A network's stored text and what was parsed from it (kept while the text is unchanged). */
interface Parsed {
  text: string;
  region: string | null;
  quarters: readonly PeriodAggregate[];
  rolled: Map<Period, readonly PeriodAggregate[]>;
}

/** Networks whose parsed aggregates are kept; past it the cache starts over (it only saves parsing). */
const MAX_CACHED = 20_000;

/**
 * Every network's per-period aggregates from the overview read model (the
 * part filed for the analyses), not from refolding streams: the
 * cross-network analyses of SPEC 5.3 and 5.4 read hundreds of networks.
 * A network's parsed aggregates are kept while its stored text is the same
 * string, so a request parses only the networks that changed since the last.
 */
@Injectable()
export class NetworkAggregatesReader {
  private readonly parsed = { aggregates: new Map<string, Parsed>(), whole: new Map<string, Parsed>() };

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
    const cache = options.region ? this.parsed.whole : this.parsed.aggregates;
    if (cache.size > MAX_CACHED) cache.clear();
    const networks = rows.map(({ networkId, view }) => {
      let entry = cache.get(networkId);
      if (entry?.text !== view) cache.set(networkId, (entry = parse(view, options.region)));
      let periods = entry.rolled.get(period);
      if (periods === undefined) entry.rolled.set(period, (periods = rollUpAggregates(entry.quarters, period)));
      return { networkId, region: entry.region, periods };
    });
    return { position, networks };
  }
}

function parse(text: string, withRegion: boolean): Parsed {
  if (!withRegion) return { text, region: null, quarters: aggregatesOfPart(text), rolled: new Map() };
  const whole = entriesOfPart<Partial<OverviewView>>(text);
  return {
    text,
    region: whole.quarter?.region ?? null,
    quarters: whole.aggregates ? quartersOf(whole.aggregates) : [],
    rolled: new Map(),
  };
}
