import { isNetworkEvent, NetworkEvent, networkStreamId } from '@indaga/domain';
import { EventStore } from '@indaga/event-store';
import { ApiError } from '../../http/api-error';

const PAGE = 1_000;

/**
 * A network's events as recorded by `asOf` (all of them without it), read
 * page by page: the as-happened filter (SPEC 5.6) needs the events, not the
 * folded history, because a correction recorded later can move a session
 * across `on`. A network's stream is small (tens of events a week).
 */
export async function recordedEvents(
  store: EventStore,
  networkId: string,
  asOf?: string,
): Promise<{ version: number; events: NetworkEvent[] }> {
  const until = asOf === undefined ? Infinity : new Date(asOf).getTime();
  const events: NetworkEvent[] = [];
  let version = 0;
  for (let from = 1; ;) {
    const page = await store.readStream(networkStreamId(networkId), { fromVersion: from, limit: PAGE });
    for (const e of page) {
      // A stream's recordedAt grows with its version: the first later one ends the read.
      if (new Date(e.metadata.recordedAt).getTime() > until) return done(networkId, version, events, asOf);
      version = e.version;
      if (isNetworkEvent(e)) events.push(e as unknown as NetworkEvent);
    }
    if (page.length < PAGE) return done(networkId, version, events, asOf);
    from = page[page.length - 1].version + 1;
  }
}

function done(networkId: string, version: number, events: NetworkEvent[], asOf?: string) {
  if (version === 0)
    throw new ApiError(
      'NETWORK.NOT_FOUND',
      `network ${networkId} ${asOf ? 'did not exist then' : 'is not registered'}`,
    );
  return { version, events };
}
