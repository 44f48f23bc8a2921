import { hasTextFields, mapTextFields, type NetworkEvent, SCHEMA_VERSIONS, textsOf } from '@indaga/domain';
import type { WrappedDataKey } from '@indaga/event-store';
import { nativeGcm, type NativeGcm } from './native-gcm';
import { sealMany, type SealInput } from './seal-many';
import { newDataKey, newKeyId, newWrapIv, ordinalIv, sealedString, wrappedString } from './sealed-text';

export interface SealedEvents {
  /** The events with every free-text field sealed (SPEC 6.1). */
  events: NetworkEvent[];
  /** Per event: `schemaVersion` and, for an event holding text, its `keyId`. */
  metadata: Array<{ schemaVersion: number; keyId?: string }>;
  /** The wrapped keys to store with the events (one per event holding text). */
  keys: WrappedDataKey[];
}

/** Where an event's sealed texts and wrapped key sit among the batch's sealed bodies. */
interface EventKey {
  keyId: string;
  /** Index of its first text's body; its texts follow, then the wrap of its key. */
  first: number;
  texts: number;
  wrapIv: Buffer;
}

/**
 * Seals the free text of new events before they are appended: a fresh data
 * key per event that holds text, wrapped by the master key. `firstVersion` is
 * the stream version the first event will get (kept with the key, so that a
 * redaction can destroy the keys of given versions). Every text and every
 * wrap of the batch is sealed in one call (seal-many.ts).
 */
export function sealEvents(
  masterKey: Buffer,
  streamId: string,
  firstVersion: number,
  events: readonly NetworkEvent[],
  gcm: NativeGcm | undefined = nativeGcm(),
): SealedEvents {
  const inputs: SealInput[] = [];
  const eventKeys = events.map((event): EventKey | undefined => {
    const texts = hasTextFields(event.type) ? textsOf(event.type, event.data) : [];
    if (texts.length === 0) return undefined;
    const keyId = newKeyId();
    const key = newDataKey();
    const wrapIv = newWrapIv();
    const first = inputs.length;
    texts.forEach((text, n) => inputs.push({ key, nonce: ordinalIv(n), aad: keyId, plain: Buffer.from(text, 'utf8') }));
    inputs.push({ key: masterKey, nonce: wrapIv, aad: keyId, plain: key });
    return { keyId, first, texts: texts.length, wrapIv };
  });
  const bodies = sealMany(inputs, gcm);
  const sealed: SealedEvents = { events: [], metadata: [], keys: [] };
  events.forEach((event, i) => {
    const schemaVersion = SCHEMA_VERSIONS[event.type];
    const at = eventKeys[i];
    if (!at) {
      sealed.events.push(event);
      sealed.metadata.push({ schemaVersion });
      return;
    }
    const { keyId, first, texts, wrapIv } = at;
    let n = 0;
    const data = mapTextFields(event.type, event.data, () => sealedString(keyId, n, bodies[first + n++]));
    sealed.events.push({ ...event, data } as NetworkEvent);
    sealed.metadata.push({ schemaVersion, keyId });
    sealed.keys.push({
      keyId,
      streamId,
      version: firstVersion + i,
      wrapped: wrappedString(wrapIv, bodies[first + texts]),
    });
  });
  return sealed;
}
