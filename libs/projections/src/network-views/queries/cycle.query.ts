import { cycleView, type CycleView, type NetworkHistory } from '@indaga/domain';

/**
 * GET /v1/networks/:id/cycles/:cycleId: one cycle from the history document
 * network-views stores (a cycle's actions and analyses are not in the view);
 * null when the network has no such cycle.
 */
export function cycleQuery(document: string | NetworkHistory, cycleId: string): CycleView | null {
  return cycleView(typeof document === 'string' ? (JSON.parse(document) as NetworkHistory) : document, cycleId);
}
