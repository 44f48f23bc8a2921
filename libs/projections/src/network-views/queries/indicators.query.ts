import type { Indicators, Period } from '@indaga/domain';
import { runRange } from '../../read-models/text-parts';
import type { ViewQuery } from '../../view-query';
import type { NetworkViews } from '../network-views.projection';
import { indicatorsRun, NETWORK_PART, runValue, wholeView } from '../view-layout';

/** GET /v1/networks/:id/indicators: depth and leadership for one period kind, read without the others. */
export const indicatorsQuery: ViewQuery<Period, Indicators> = {
  parts: (period) => [[NETWORK_PART, NETWORK_PART], runRange(indicatorsRun(period))],
  answer: (parts, period) => {
    const text = runValue(parts, indicatorsRun(period), period);
    return text === undefined ? wholeView<NetworkViews>(parts).indicators[period] : (JSON.parse(text) as Indicators);
  },
};
