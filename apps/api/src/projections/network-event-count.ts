import { NETWORK_STREAM_PREFIX } from '@indaga/domain';
import type { EventStore } from '@indaga/event-store';

/**
 * Events in network streams, from the store's stream index; null where the
 * store has none (KurrentDB: only a scan of the log could answer, so lag and
 * a rebuild's total are reported as unknown rather than paid for per request).
 */
export async function countNetworkEvents(store: EventStore): Promise<number | null> {
  if (!store.streamHeads) return null;
  const heads = await store.streamHeads();
  let events = 0;
  for (const head of heads) if (head.streamId.startsWith(NETWORK_STREAM_PREFIX)) events += head.version;
  return events;
}
