import { NETWORK_STREAM_PREFIX } from '@indaga/domain';
import type { EventStore, StreamHead } from '@indaga/event-store';

const SCAN_PAGE = 10_000;

/**
 * Network streams with their versions from the store's stream index, or
 * undefined where it has none (KurrentDB): callers on a request path then do
 * without, and only whole-log work may scan (networkStreamHeads).
 */
export async function indexedNetworkHeads(store: EventStore): Promise<StreamHead[] | undefined> {
  if (!store.streamHeads) return undefined;
  return (await store.streamHeads()).filter((h) => h.streamId.startsWith(NETWORK_STREAM_PREFIX));
}

/**
 * Every network stream with its version when the rebuild starts: from the
 * store's stream index where it has one, else from one scan of the log up to
 * its current head (KurrentDB; a rebuild reads the whole log anyway).
 */
export async function networkStreamHeads(store: EventStore): Promise<StreamHead[]> {
  const indexed = await indexedNetworkHeads(store);
  if (indexed) return indexed;
  const end = await store.headPosition();
  const versions = new Map<string, number>();
  for (let after = 0; after < end;) {
    const page = await store.readAll({ after, limit: SCAN_PAGE });
    if (page.length === 0) break;
    for (const event of page) {
      if (event.position > end) break;
      if (event.streamId.startsWith(NETWORK_STREAM_PREFIX)) versions.set(event.streamId, event.version);
    }
    after = page[page.length - 1].position;
  }
  return [...versions].sort(([a], [b]) => (a < b ? -1 : 1)).map(([streamId, version]) => ({ streamId, version }));
}
