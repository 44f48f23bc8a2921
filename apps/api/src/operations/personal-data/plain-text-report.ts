import { isNetworkEvent, storedSchemaVersion, textsOf } from '@indaga/domain';
import type { EventStore } from '@indaga/event-store';
import { isSealed } from '@indaga/platform';

export interface PlainTextReport {
  /** Events read from the global log. */
  events: number;
  /** Events of schema version 1 (written before SPEC 6.1) that hold free text in plain form. */
  plainTextEvents: number;
  /** The streams those events belong to. */
  streams: number;
}

/**
 * SPEC 6.4: how many events still hold plain free text. Nothing is rewritten
 * (events never change): those events are read through the upcaster, and
 * they can be erased only by deleting them from a backup-and-restore, not by
 * key destruction, since they have no key.
 */
export async function plainTextReport(store: EventStore, pageSize = 1_000): Promise<PlainTextReport> {
  const report = { events: 0, plainTextEvents: 0, streams: 0 };
  const streams = new Set<string>();
  for (let after = 0; ;) {
    const page = await store.readAll({ after, limit: pageSize });
    if (page.length === 0) break;
    for (const event of page) {
      report.events++;
      if (!isNetworkEvent(event) || storedSchemaVersion(event.metadata) !== 1) continue;
      if (textsOf(event.type, event.data).some((t) => !isSealed(t))) {
        report.plainTextEvents++;
        streams.add(event.streamId);
      }
    }
    after = page[page.length - 1].position;
  }
  return { ...report, streams: streams.size };
}

/** The report in words, Spanish first. */
export function describeReport(store: string, r: PlainTextReport): string {
  return [
    `Almacén ${store}: ${r.events} eventos leídos; ${r.plainTextEvents} con texto libre sin cifrar (versión 1 del esquema) en ${r.streams} redes. No se reescribe nada.`,
    `Store ${store}: ${r.events} events read; ${r.plainTextEvents} hold plain free text (schema version 1) in ${r.streams} networks. Nothing is rewritten.`,
  ].join('\n');
}
