import { foldHistory, networkView, type NetworkEvent } from '@indaga/domain';
import { ADMIN_TOKEN, streamEvents } from './write-load';

const get = (url: string) =>
  fetch(url, { headers: { authorization: `Bearer ${ADMIN_TOKEN}` }, signal: AbortSignal.timeout(10_000) });

/** The stream version the network's read model reflects (0 when not yet projected or unreachable). */
export async function projectedVersion(apiUrl: string, networkId: string): Promise<number> {
  const res = await get(`${apiUrl}/v1/networks/${networkId}`);
  if (res.status !== 200) return 0;
  return ((await res.json()) as { version: number }).version;
}

/** The network's stream version (its last event's). */
export async function streamVersion(apiUrl: string, networkId: string): Promise<number> {
  const events = await streamEvents(apiUrl, networkId);
  return events.length ? events[events.length - 1].version : 0;
}

/** The read model next to what the pure functions of libs/domain compute from the stream. */
export async function readModelAndPure(apiUrl: string, networkId: string) {
  const events = await streamEvents(apiUrl, networkId);
  const version = events[events.length - 1].version;
  const res = await get(`${apiUrl}/v1/networks/${networkId}?minVersion=${version}`);
  const pure = networkView(foldHistory(events as unknown as NetworkEvent[]), version);
  return {
    readModel: res.status === 200 ? await res.json() : { status: res.status },
    pure: JSON.parse(JSON.stringify(pure)),
  };
}
