import { nativeGcm, type NativeGcm } from './native-gcm';
import { openSealedBatch } from './sealed-batch';
import { SEALED_FORM, SEALED_PREFIX } from './sealed-text';

/** A sealed string as it appears in JSON text, its key id, ordinal and body captured (see sealed-text.ts for the form). */
export const SEALED_IN_JSON = new RegExp(`"${SEALED_FORM}"`, 'g');

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
 * hold no raw line break. The page's strings are opened together
 * (sealed-batch.ts: one unwrap call, one native opening call where it is
 * built). Synchronous and free of I/O: it runs on the caller's thread or on
 * an opening thread.
 */
export function openSealedLines(
  masterKey: Buffer,
  wrapped: ReadonlyMap<string, string>,
  ndjson: string,
  gcm: NativeGcm | undefined = nativeGcm(),
): string {
  if (!ndjson.includes(SEALED_PREFIX)) return ndjson;
  const found = [...ndjson.matchAll(SEALED_IN_JSON)];
  const items = found.map(([quoted, keyId, ordinal, body]) => ({ sealed: quoted.slice(1, -1), keyId, ordinal, body }));
  const plain = openSealedBatch(masterKey, wrapped, items, gcm);
  let opened = '';
  let copied = 0;
  let redacted = false;
  for (let i = 0; i < found.length; i++) {
    const at = found[i].index as number;
    opened += ndjson.slice(copied, at);
    copied = at + found[i][0].length;
    const text = plain[i];
    redacted ||= text === null;
    opened += text === null ? 'null' : JSON.stringify(text);
  }
  opened += ndjson.slice(copied);
  // Only a page where some key is gone is redone line by line, to mark its lines.
  return redacted ? markRedactedLines(ndjson, opened, wrapped) : opened;
}

/** Each line of `opened` whose original line in `ndjson` holds a sealed string without a key gets `"redacted":true` last. */
function markRedactedLines(ndjson: string, opened: string, keys: ReadonlyMap<string, string>): string {
  const before = ndjson.split('\n');
  const after = opened.split('\n');
  for (let i = 0; i < before.length; i++) {
    if (!before[i].includes(SEALED_PREFIX)) continue;
    const lost = [...before[i].matchAll(SEALED_IN_JSON)].some((match) => !keys.has(match[1]));
    if (lost) after[i] = `${after[i].slice(0, -1)}${REDACTED_MEMBER}}`;
  }
  return after.join('\n');
}
