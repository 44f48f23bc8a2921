import { unwrapKeysUnchecked } from './key-unwrap-batch';
import { nativeGcm, type NativeGcm } from './native-gcm';
import { IV_BYTES, KEY_BYTES, openText, SEALED_PREFIX, TAG_BYTES, unwrapKey } from './sealed-text';

/** A sealed string as it appears in JSON text, its key id, ordinal and body captured (see sealed-text.ts for the form). */
export const SEALED_IN_JSON = new RegExp(`"${SEALED_PREFIX}([A-Za-z0-9_-]+):(\\d+):([A-Za-z0-9_-]*)"`, 'g');

/** Put before the closing brace of a line one of whose sealed strings had no key left. */
const REDACTED_MEMBER = ',"redacted":true';

/** The key ids of the sealed strings inside JSON text. */
export function sealedKeyIdsInJson(text: string): string[] {
  const keyIds = new Set<string>();
  if (text.includes(SEALED_PREFIX)) for (const match of text.matchAll(SEALED_IN_JSON)) keyIds.add(match[1]);
  return [...keyIds];
}

/**
 * Opens the sealed strings of NDJSON text as stored (an export's page:
 * never parsed): each becomes the JSON string of its plain text, or `null`
 * where its key is gone, and a line that lost text that way ends with
 * `"redacted":true` (its last member). A sealed string has no character JSON
 * escapes, so it appears in the text exactly as in the value; NDJSON lines
 * hold no raw line break. The keys of the whole page are unwrapped in one
 * cipher call (key-unwrap-batch.ts), and its texts opened in one call of the
 * native opener where it is built (native-gcm.ts), else text by text; a text
 * that fails to open has its key unwrapped the checked way, so an altered
 * wrap is reported as such. Synchronous and free of I/O: it runs on the
 * caller's thread or on an opening thread.
 */
export function openSealedLines(
  masterKey: Buffer,
  wrapped: ReadonlyMap<string, string>,
  ndjson: string,
  gcm: NativeGcm | undefined = nativeGcm(),
): string {
  if (!ndjson.includes(SEALED_PREFIX)) return ndjson;
  const keys = unwrapKeysUnchecked(masterKey, wrapped);
  const page: Page = { masterKey, wrapped, keys, redacted: false };
  const opened = gcm ? openInOneCall(gcm, page, ndjson) : openOneByOne(page, ndjson);
  // Only a page where some key is gone is redone line by line, to mark its lines.
  return page.redacted ? markRedactedLines(ndjson, opened, keys) : opened;
}

interface Page {
  masterKey: Buffer;
  wrapped: ReadonlyMap<string, string>;
  keys: ReadonlyMap<string, Buffer>;
  /** Some sealed string had no key left. */
  redacted: boolean;
}

/** One sealed string (quoted, as in the JSON text) opened with Node's crypto; throws what failed. */
function openChecked(page: Page, quoted: string, keyId: string, key: Buffer): string {
  try {
    return JSON.stringify(openText(key, quoted.slice(1, -1)));
  } catch (error) {
    unwrapKey(page.masterKey, keyId, page.wrapped.get(keyId) as string); // throws when the wrap itself was altered
    throw error;
  }
}

function openOneByOne(page: Page, ndjson: string): string {
  return ndjson.replace(SEALED_IN_JSON, (quoted: string, keyId: string) => {
    const key = page.keys.get(keyId);
    if (key) return openChecked(page, quoted, keyId, key);
    page.redacted = true;
    return 'null';
  });
}

/** The largest ordinal a nonce holds (its last 4 bytes, sealed-text.ts); openText refuses more than 9 digits too. */
const MAX_ORDINAL_DIGITS = 9;

/**
 * Every sealed string of the page opened in one native call: keys, nonces
 * (the ordinal, big-endian, in the last 4 of 12 bytes), key ids as AAD and
 * the decoded bodies laid out one after another (gcm-open.c). A text the
 * call could not open is opened again the checked way, which throws what
 * failed.
 */
function openInOneCall(gcm: NativeGcm, page: Page, ndjson: string): string {
  const found = [...ndjson.matchAll(SEALED_IN_JSON)];
  const n = found.length;
  let aadChars = 0;
  let bodyChars = 0;
  for (const match of found) {
    aadChars += match[1].length;
    bodyChars += match[3].length;
  }
  const keys = Buffer.alloc(KEY_BYTES * n);
  const nonces = Buffer.alloc(IV_BYTES * n);
  const aad = Buffer.allocUnsafe(aadChars);
  const sealed = Buffer.allocUnsafe(Math.ceil((bodyChars * 3) / 4));
  const aadEnds = new Uint32Array(n);
  const sealedEnds = new Uint32Array(n);
  let aadAt = 0;
  let sealedAt = 0;
  for (let i = 0; i < n; i++) {
    const [, keyId, ordinal, body] = found[i];
    const key = page.keys.get(keyId);
    aadAt += aad.write(keyId, aadAt, 'latin1');
    aadEnds[i] = aadAt;
    if (key && ordinal.length <= MAX_ORDINAL_DIGITS) {
      key.copy(keys, KEY_BYTES * i);
      nonces.writeUInt32BE(Number(ordinal), IV_BYTES * i + IV_BYTES - 4);
      sealedAt += sealed.write(body, sealedAt, 'base64url');
    }
    sealedEnds[i] = sealedAt; // no bytes where there is no key: the call skips it
  }
  const plain = Buffer.allocUnsafe(sealedAt);
  const ok = new Uint8Array(n);
  gcm.openMany(keys, nonces, aad, aadEnds, sealed.subarray(0, sealedAt), sealedEnds, plain, ok);
  let opened = '';
  let copied = 0;
  for (let i = 0; i < n; i++) {
    const match = found[i];
    const [quoted, keyId] = match;
    opened += ndjson.slice(copied, match.index);
    copied = (match.index as number) + quoted.length;
    const key = page.keys.get(keyId);
    if (!key) {
      page.redacted = true;
      opened += 'null';
    } else if (ok[i] === 1) {
      // Text i sits where its sealed bytes start, 16 bytes (the tag) shorter.
      opened += JSON.stringify(plain.toString('utf8', i === 0 ? 0 : sealedEnds[i - 1], sealedEnds[i] - TAG_BYTES));
    } else opened += openChecked(page, quoted, keyId, key);
  }
  return opened + ndjson.slice(copied);
}

/** Each line of `opened` whose original line in `ndjson` holds a sealed string without a key gets `"redacted":true` last. */
function markRedactedLines(ndjson: string, opened: string, keys: ReadonlyMap<string, Buffer>): string {
  const before = ndjson.split('\n');
  const after = opened.split('\n');
  for (let i = 0; i < before.length; i++) {
    if (!before[i].includes(SEALED_PREFIX)) continue;
    const lost = [...before[i].matchAll(SEALED_IN_JSON)].some((match) => !keys.has(match[1]));
    if (lost) after[i] = `${after[i].slice(0, -1)}${REDACTED_MEMBER}}`;
  }
  return after.join('\n');
}
