import { type NetworkEvent, networkStreamId } from '../../libs/domain/src';
import type { EventStore, NewEvent } from '../../libs/event-store/src';
import { sealEvents } from '../../libs/platform/src';
import { networkHistory } from '../projections/seed-networks';

/** The bench history with free text in every place SPEC 6.1 names (sessions' summaries, cycles, actions). */
function withText(events: NewEvent[]): NewEvent[] {
  return events.map((e) => {
    const data = e.data as Record<string, unknown>;
    if (e.type === 'SessionHeld') {
      const activities = (data.activities as Array<Record<string, unknown>>).map((a, i) =>
        i === 0 ? { ...a, summary: 'La escuela presenta su práctica de lectura compartida con la profesora Ana' } : a,
      );
      return { ...e, data: { ...data, activities } };
    }
    if (e.type === 'InquiryCycleOpened')
      return { ...e, data: { ...data, prediction: 'Sube 10 puntos', focus: 'Segundo básico, curso de la profesora' } };
    return e;
  });
}

/** Networks of the bench history with text; with `master`, sealed as the API writes them (keys stored with the append). */
export async function seedWithText(
  store: EventStore,
  networks: number,
  perNetwork: number,
  master?: Buffer,
): Promise<number> {
  let total = 0;
  for (let n = 0; n < networks; n++) {
    const networkId = `bench-red-${n}`;
    const streamId = networkStreamId(networkId);
    const events = withText(networkHistory(networkId, perNetwork));
    for (let i = 0; i < events.length; i += 1000) {
      const page = events.slice(i, i + 1000);
      const sealed = master && sealEvents(master, streamId, i + 1, page as unknown as NetworkEvent[]);
      const stored = sealed
        ? sealed.events.map((e, k) => ({ ...e, metadata: { ...page[k].metadata, ...sealed.metadata[k] } }))
        : page;
      await store.appendToStream(streamId, stored, {
        expectedVersion: i === 0 ? 'no_stream' : i,
        ...(sealed?.keys.length ? { dataKeys: { put: sealed.keys } } : {}),
      });
    }
    total += events.length;
  }
  return total;
}
