import { hasTextFields, mapTextFields, type NetworkEvent, SCHEMA_VERSIONS } from '@indaga/domain';
import type { WrappedDataKey } from '@indaga/event-store';
import { newDataKey, newKeyId, sealText, wrapKey } from './sealed-text';

export interface SealedEvents {
  /** The events with every free-text field sealed (SPEC 6.1). */
  events: NetworkEvent[];
  /** Per event: `schemaVersion` and, for an event holding text, its `keyId`. */
  metadata: Array<{ schemaVersion: number; keyId?: string }>;
  /** The wrapped keys to store with the events (one per event holding text). */
  keys: WrappedDataKey[];
}

/**
 * Seals the free text of new events before they are appended: a fresh data
 * key per event that holds text, wrapped by the master key. `firstVersion` is
 * the stream version the first event will get (kept with the key, so that a
 * redaction can destroy the keys of given versions).
 */
export function sealEvents(
  masterKey: Buffer,
  streamId: string,
  firstVersion: number,
  events: readonly NetworkEvent[],
): SealedEvents {
  const sealed: SealedEvents = { events: [], metadata: [], keys: [] };
  events.forEach((event, i) => {
    const schemaVersion = SCHEMA_VERSIONS[event.type];
    if (!hasTextFields(event.type)) {
      sealed.events.push(event);
      sealed.metadata.push({ schemaVersion });
      return;
    }
    const keyId = newKeyId();
    const key = newDataKey();
    let texts = 0;
    const data = mapTextFields(event.type, event.data, (text) => sealText(key, keyId, text, texts++));
    if (texts === 0) {
      sealed.events.push(event);
      sealed.metadata.push({ schemaVersion });
      return;
    }
    sealed.events.push({ ...event, data } as NetworkEvent);
    sealed.metadata.push({ schemaVersion, keyId });
    sealed.keys.push({ keyId, streamId, version: firstVersion + i, wrapped: wrapKey(masterKey, keyId, key) });
  });
  return sealed;
}
