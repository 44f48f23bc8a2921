import { Readable } from 'node:stream';
import { networkStreamId } from '@indaga/domain';
import { EventStore, RecordedEvent } from '@indaga/event-store';
import type { TextOpener } from '@indaga/platform';

/** Events per store read: one page is in memory at a time, whatever the log's size. */
export const EXPORT_PAGE = 1_000;
export const READ_AHEAD_BYTES = 1 << 20;

/**
 * One line of events.ndjson: the fields of GET /v1/events, the same text as
 * JSON.stringify of that object (same key order), without building it.
 */
export function line({ position, streamId, version, type, data, metadata }: RecordedEvent): string {
  return `{"position":${position},"streamId":${JSON.stringify(streamId)},"version":${version},"type":${JSON.stringify(type)},"data":${JSON.stringify(data)},"metadata":${JSON.stringify(metadata)}}\n`;
}

/**
 * A page's lines with free text opened (SPEC 6.1): pages without sealed text
 * keep the fast path; otherwise each event is opened (null and `redacted: true`
 * where its key was destroyed) and written with the same keys in the same order.
 */
async function openedLines(page: readonly RecordedEvent[], opener: TextOpener | undefined): Promise<string> {
  const plain = page.map(({ position, streamId, version, type, data, metadata }) => ({
    position,
    streamId,
    version,
    type,
    data,
    metadata,
  }));
  const opened = opener ? await opener.open(plain) : plain;
  if (opened === plain) return page.map(line).join('');
  return opened.map((e) => JSON.stringify(e) + '\n').join('');
}

/**
 * events.ndjson as a stream pulled page by page from the store (SPEC 5.5):
 * Readable.from asks the generator for the next page only when the client
 * has taken the previous one, so a slow client holds back the reads
 * (backpressure) instead of the log piling up in memory.
 */
export function eventsNdjson(
  store: EventStore,
  options: { networkId?: string; asOf?: string },
  opener?: TextOpener,
): Readable {
  const until = options.asOf === undefined ? undefined : new Date(options.asOf).getTime();
  // Without asOf nothing is parsed per event (a Date per event was a third of the export's time).
  const recordedBy =
    until === undefined ? () => true : (e: RecordedEvent) => new Date(e.metadata.recordedAt).getTime() <= until;
  async function* ofNetwork(networkId: string): AsyncGenerator<string> {
    const streamId = networkStreamId(networkId);
    for (let from = 1; ;) {
      const page = await store.readStream(streamId, { fromVersion: from, limit: EXPORT_PAGE });
      // A stream's recordedAt grows with its version: the first later event ends it.
      const end = page.findIndex((e) => !recordedBy(e));
      const known = end === -1 ? page : page.slice(0, end);
      if (known.length > 0) yield await openedLines(known, opener);
      if (end !== -1 || page.length < EXPORT_PAGE) return;
      from = page[page.length - 1].version + 1;
    }
  }
  async function* ofLog(): AsyncGenerator<string> {
    for (let after = 0; ;) {
      const page = await store.readAll({ after, limit: EXPORT_PAGE });
      if (page.length === 0) return;
      // Across streams recordedAt need not follow positions (concurrent appends): filter, never stop early.
      const text = await openedLines(until === undefined ? page : page.filter(recordedBy), opener);
      if (text) yield text;
      after = page[page.length - 1].position;
    }
  }
  // Up to ~1 MiB (two or three pages) is read ahead while the socket drains the previous one, so the
  // store reads and the network overlap; past it the generator waits for the client.
  return Readable.from(options.networkId === undefined ? ofLog() : ofNetwork(options.networkId), {
    objectMode: false,
    highWaterMark: READ_AHEAD_BYTES,
  });
}
