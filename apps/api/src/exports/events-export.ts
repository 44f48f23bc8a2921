import { Readable } from 'node:stream';
import { networkStreamId } from '@indaga/domain';
import { EventStore, RecordedEvent, RecordedEventText } from '@indaga/event-store';
import type { TextOpener } from '@indaga/platform';
import { logEvent } from '../networks/history/log-event';

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
  const plain = page.map(logEvent);
  const opened = opener ? await opener.open(plain) : plain;
  if (opened === plain) return page.map(line).join('');
  return opened.map((e) => JSON.stringify(e) + '\n').join('');
}

/**
 * The same lines from events as the store holds them (JSON text): `data` and
 * `metadata` are copied as they are, never parsed and serialised again (that
 * was most of the export's work), and only sealed strings are replaced by
 * their plain text (or null, with `redacted: true` last, where the opener
 * would put it).
 */
async function textLines(
  page: readonly RecordedEventText[],
  opener: TextOpener | undefined,
  keysWithText: boolean,
): Promise<string | Buffer> {
  let text = '';
  for (const { position, streamId, version, type, data, metadata } of page)
    text += `{"position":${position},"streamId":${JSON.stringify(streamId)},"version":${version},"type":${JSON.stringify(type)},"data":${data},"metadata":${metadata}}\n`;
  return opener ? opener.openLines(text, keysWithText ? keysOf(page) : undefined) : text;
}

/** The data keys read beside a page's events (a sealed text's key is its own event's). */
function keysOf(page: readonly RecordedEventText[]): Map<string, string> {
  const keys = new Map<string, string>();
  for (const { dataKey } of page) if (dataKey) keys.set(dataKey.keyId, dataKey.wrapped);
  return keys;
}

/** How the export reads: parsed events, or (where the store offers it) their stored JSON text. */
interface ExportReads<E extends { position: number; version: number }> {
  stream(streamId: string, fromVersion: number): Promise<E[]>;
  all(after: number): Promise<E[]>;
  recordedAt(event: E): string;
  /** The page's NDJSON: text, or bytes where an opening thread encoded it. */
  lines(page: readonly E[]): Promise<string | Buffer>;
}

function exportReads(
  store: EventStore,
  opener: TextOpener | undefined,
): ExportReads<RecordedEvent> | ExportReads<RecordedEventText> {
  const { readAllText, readStreamText } = store;
  if (readAllText && readStreamText) {
    const text: ExportReads<RecordedEventText> = {
      stream: (streamId, fromVersion) => readStreamText.call(store, streamId, { fromVersion, limit: EXPORT_PAGE }),
      all: (after) => readAllText.call(store, { after, limit: EXPORT_PAGE }),
      recordedAt: (e) => (JSON.parse(e.metadata) as { recordedAt: string }).recordedAt,
      lines: (page) => textLines(page, opener, store.keysWithText === true),
    };
    return text;
  }
  const parsed: ExportReads<RecordedEvent> = {
    stream: (streamId, fromVersion) => store.readStream(streamId, { fromVersion, limit: EXPORT_PAGE }),
    all: (after) => store.readAll({ after, limit: EXPORT_PAGE }),
    recordedAt: (e) => e.metadata.recordedAt,
    lines: (page) => openedLines(page, opener),
  };
  return parsed;
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
  const reads = exportReads(store, opener) as ExportReads<{ position: number; version: number }>;
  const until = options.asOf === undefined ? undefined : new Date(options.asOf).getTime();
  // Without asOf nothing is parsed per event (a Date per event was a third of the export's time).
  const recordedBy =
    until === undefined
      ? () => true
      : (e: { position: number; version: number }) => new Date(reads.recordedAt(e)).getTime() <= until;
  async function* networkPages(networkId: string): AsyncGenerator<Array<{ position: number; version: number }>> {
    const streamId = networkStreamId(networkId);
    for (let from = 1; ;) {
      const page = await reads.stream(streamId, from);
      // A stream's recordedAt grows with its version: the first later event ends it.
      const end = page.findIndex((e) => !recordedBy(e));
      const known = end === -1 ? page : page.slice(0, end);
      if (known.length > 0) yield known;
      if (end !== -1 || page.length < EXPORT_PAGE) return;
      from = page[page.length - 1].version + 1;
    }
  }
  async function* logPages(): AsyncGenerator<Array<{ position: number; version: number }>> {
    for (let after = 0; ;) {
      const page = await reads.all(after);
      if (page.length === 0) return;
      // Across streams recordedAt need not follow positions (concurrent appends): filter, never stop early.
      const known = until === undefined ? page : page.filter(recordedBy);
      if (known.length > 0) yield known;
      after = page[page.length - 1].position;
    }
  }
  const pages = options.networkId === undefined ? logPages() : networkPages(options.networkId);
  // Up to ~1 MiB (two or three pages) is read ahead while the socket drains the previous one, so the
  // store reads and the network overlap; past it the generator waits for the client.
  return Readable.from(
    linesAhead(pages, (page) => reads.lines(page)),
    {
      objectMode: false,
      highWaterMark: READ_AHEAD_BYTES,
    },
  );
}

/** Pages whose lines are being made (opened on the opening thread) while the next page is read. */
export const LINES_AHEAD = 3;

/**
 * The lines of each page, in page order, with up to LINES_AHEAD pages in the
 * making at once: the store read of the next page overlaps the opening of
 * the previous ones. A page that fails fails the export at its turn; the
 * others in flight are dropped (their rejections are handled, never left
 * unhandled).
 */
export async function* linesAhead<P, L>(pages: AsyncIterable<P>, lines: (page: P) => Promise<L>): AsyncGenerator<L> {
  const making: Array<Promise<L>> = [];
  const ahead = (page: P) => {
    const made = lines(page);
    made.catch(() => undefined);
    making.push(made);
  };
  for await (const page of pages) {
    ahead(page);
    if (making.length >= LINES_AHEAD) yield await (making.shift() as Promise<L>);
  }
  while (making.length > 0) yield await (making.shift() as Promise<L>);
}
