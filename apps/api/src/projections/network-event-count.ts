import type { EventStore } from '@indaga/event-store';
import { indexedNetworkHeads } from '@indaga/projections';

/**
 * Events in network streams, from the store's stream index; null where the
 * store has none (KurrentDB: only a scan of the log could answer, so lag and
 * a rebuild's total are reported as unknown rather than paid for per request).
 */
export async function countNetworkEvents(store: EventStore): Promise<number | null> {
  const heads = await indexedNetworkHeads(store);
  return heads ? heads.reduce((sum, head) => sum + head.version, 0) : null;
}
