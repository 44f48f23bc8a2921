import type { Period } from '@indaga/domain';
import type { ViewQuery } from '../../view-query';
import { entriesOfPart, OVERVIEW_ENTRIES_PART } from '../overview-aggregates';
import type { OverviewEntry } from '../overview.projection';

/** GET /v1/overview: one network's line for one period kind, from the entries' part (not the aggregates). */
export const overviewLineQuery: ViewQuery<Period, OverviewEntry> = {
  parts: () => [[OVERVIEW_ENTRIES_PART, OVERVIEW_ENTRIES_PART]],
  answer: (parts, period) =>
    entriesOfPart<Record<Period, OverviewEntry>>(parts.get(OVERVIEW_ENTRIES_PART) ?? '')[period],
};
