import { unwrapKeysUnchecked } from './key-unwrap-batch';
import { nativeGcm, type NativeGcm } from './native-gcm';
import { IV_BYTES, KEY_BYTES, openText, SEALED_FORM, TAG_BYTES, unwrapKey } from './sealed-text';

/** A sealed string and its parts (see sealed-text.ts for the form). */
export interface SealedItem {
  sealed: string;
  keyId: string;
  ordinal: string;
  body: string;
}

const SEALED_PARTS = new RegExp(`^${SEALED_FORM}$`);

/** The parts of a sealed string; one that does not parse keeps only its key id (it fails to open, as openText says). */
export function sealedItem(sealed: string, keyId: string): SealedItem {
  const parts = SEALED_PARTS.exec(sealed);
  return parts
    ? { sealed, keyId: parts[1], ordinal: parts[2], body: parts[3] }
    : { sealed, keyId, ordinal: '', body: '' };
}

/** The largest ordinal a nonce holds (its last 4 bytes, sealed-text.ts); openText refuses more than 9 digits too. */
const MAX_ORDINAL_DIGITS = 9;

/**
 * Opens many sealed strings under their events' data keys (`wrapped`: the
 * keys that still exist): each item's plain text, or null where its key is
 * gone. The keys are unwrapped in one cipher call (key-unwrap-batch.ts, no
 * tag check of the wrap), and the texts opened in one call of the native
 * opener where it is built (native-gcm.ts), else text by text. A text that
 * fails to open is opened again with Node's crypto and its key unwrapped the
 * checked way, so the error says whether the text or the wrap was altered.
 */
export function openSealedBatch(
  masterKey: Buffer,
  wrapped: ReadonlyMap<string, string>,
  items: readonly SealedItem[],
  gcm: NativeGcm | undefined = nativeGcm(),
): Array<string | null> {
  const keys = unwrapKeysUnchecked(masterKey, wrapped);
  const checked = (item: SealedItem, key: Buffer): string => {
    try {
      return openText(key, item.sealed);
    } catch (error) {
      unwrapKey(masterKey, item.keyId, wrapped.get(item.keyId) as string); // throws when the wrap itself was altered
      throw error;
    }
  };
  if (!gcm) return items.map((item) => (keys.has(item.keyId) ? checked(item, keys.get(item.keyId)!) : null));
  const opened = openInOneCall(gcm, keys, items);
  return items.map((item, i) => {
    const key = keys.get(item.keyId);
    if (!key) return null;
    return opened[i] ?? checked(item, key);
  });
}

/**
 * Every item opened in one native call: keys, nonces (the ordinal,
 * big-endian, in the last 4 of 12 bytes), key ids as AAD and the decoded
 * bodies laid out one after another (gcm-open.c). Undefined where the item
 * has no key or the call could not open it.
 */
function openInOneCall(
  gcm: NativeGcm,
  keys: ReadonlyMap<string, Buffer>,
  items: readonly SealedItem[],
): Array<string | undefined> {
  const n = items.length;
  let aadChars = 0;
  let bodyChars = 0;
  for (const item of items) {
    aadChars += item.keyId.length;
    bodyChars += item.body.length;
  }
  const keyBytes = Buffer.alloc(KEY_BYTES * n);
  const nonces = Buffer.alloc(IV_BYTES * n);
  const aad = Buffer.allocUnsafe(aadChars);
  const sealed = Buffer.allocUnsafe(Math.ceil((bodyChars * 3) / 4));
  const aadEnds = new Uint32Array(n);
  const sealedEnds = new Uint32Array(n);
  let aadAt = 0;
  let sealedAt = 0;
  for (let i = 0; i < n; i++) {
    const { keyId, ordinal, body } = items[i];
    const key = keys.get(keyId);
    aadAt += aad.write(keyId, aadAt, 'latin1');
    aadEnds[i] = aadAt;
    if (key && ordinal.length > 0 && ordinal.length <= MAX_ORDINAL_DIGITS) {
      key.copy(keyBytes, KEY_BYTES * i);
      nonces.writeUInt32BE(Number(ordinal), IV_BYTES * i + IV_BYTES - 4);
      sealedAt += sealed.write(body, sealedAt, 'base64url');
    }
    sealedEnds[i] = sealedAt; // no bytes where there is no key: the call skips it
  }
  const plain = Buffer.allocUnsafe(sealedAt);
  const ok = new Uint8Array(n);
  gcm.openMany(keyBytes, nonces, aad, aadEnds, sealed.subarray(0, sealedAt), sealedEnds, plain, ok);
  // Text i sits where its sealed bytes start, 16 bytes (the tag) shorter.
  return items.map((_item, i) =>
    ok[i] === 1 ? plain.toString('utf8', i === 0 ? 0 : sealedEnds[i - 1], sealedEnds[i] - TAG_BYTES) : undefined,
  );
}
