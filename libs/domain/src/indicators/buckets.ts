import { latestFactDate, type NetworkHistory } from '../history/network-history';
import { periodOf, periodsBetween, type Period } from './periods';

/**
 * The periods every indicator is reported over: from the one containing
 * registeredOn to the one containing the latest live fact, empty ones
 * included. None before registration.
 */
export function historyPeriods(
  history: NetworkHistory,
  period: Period,
  /** `latestFactDate(history)`, when the caller has it already. */
  latest: string | null = latestFactDate(history),
): string[] {
  if (history.registeredOn === null || latest === null) return [];
  return periodsBetween(history.registeredOn, latest, period);
}

/** Items by the period of their date, one pass, so each period's indicator reads only its own facts. */
export function groupByPeriod<T>(items: Iterable<T>, dateOf: (item: T) => string, period: Period): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const key = periodOf(dateOf(item), period);
    const group = groups.get(key);
    if (group === undefined) groups.set(key, [item]);
    else group.push(item);
  }
  return groups;
}
