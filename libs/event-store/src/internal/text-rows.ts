import type { RecordedEventText } from '../event-store.port';

/** The event's data key beside its row (LEFT JOIN data_keys): both null when it has none or it was destroyed. */
type KeyColumns = [keyId: string | null, wrapped: string | null];

/** A stream read's row with the JSON columns as stored text (SQLite's parsed reads select these too). */
export type StreamEventRow = [position: number, version: number, type: string, data: string, metadata: string];
/** A read of the whole log's row, JSON columns as text. */
export type AllEventRow = [
  position: number,
  streamId: string,
  version: number,
  type: string,
  data: string,
  metadata: string,
];

/** The text reads' rows (both SQL adapters select these columns in this order): the event, then its key. */
export type StreamTextRow = [...StreamEventRow, ...KeyColumns];
export type AllTextRow = [...AllEventRow, ...KeyColumns];

function textEvent(
  streamId: string,
  version: number,
  position: number,
  type: string,
  data: string,
  metadata: string,
  keyId: string | null,
  wrapped: string | null,
): RecordedEventText {
  const event: RecordedEventText = { streamId, version, position, type, data, metadata };
  if (keyId !== null && wrapped !== null) event.dataKey = { keyId, wrapped };
  return event;
}

export function streamTextEvents(streamId: string, rows: readonly StreamTextRow[]): RecordedEventText[] {
  return rows.map(([position, version, type, data, metadata, keyId, wrapped]) =>
    textEvent(streamId, version, position, type, data, metadata, keyId, wrapped),
  );
}

export function allTextEvents(rows: readonly AllTextRow[]): RecordedEventText[] {
  return rows.map(([position, streamId, version, type, data, metadata, keyId, wrapped]) =>
    textEvent(streamId, version, position, type, data, metadata, keyId, wrapped),
  );
}
