import type { RecordedEventText } from '../event-store.port';

/** A stream read's row (both SQL adapters select these columns in this order), JSON columns as text. */
export type StreamTextRow = [position: number, version: number, type: string, data: string, metadata: string];
/** A read of the whole log's row, JSON columns as text. */
export type AllTextRow = [
  position: number,
  streamId: string,
  version: number,
  type: string,
  data: string,
  metadata: string,
];

export function streamTextEvents(streamId: string, rows: readonly StreamTextRow[]): RecordedEventText[] {
  return rows.map(([position, version, type, data, metadata]) => ({
    streamId,
    version,
    position,
    type,
    data,
    metadata,
  }));
}

export function allTextEvents(rows: readonly AllTextRow[]): RecordedEventText[] {
  return rows.map(([position, streamId, version, type, data, metadata]) => ({
    streamId,
    version,
    position,
    type,
    data,
    metadata,
  }));
}
