import type { RecordedEvent } from '@indaga/event-store';

/** An event of the global log as GET /v1/events and events.ndjson show it: these fields, in this order. */
export function logEvent({ position, streamId, version, type, data, metadata }: RecordedEvent) {
  return { position, streamId, version, type, data, metadata };
}
