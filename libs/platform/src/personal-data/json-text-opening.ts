import { unwrapKeysUnchecked } from './key-unwrap-batch';
import { openText, SEALED_PREFIX, unwrapKey } from './sealed-text';

/** A sealed string as it appears in JSON text, its key id captured (see sealed-text.ts for the form). */
export const SEALED_IN_JSON = new RegExp(`"${SEALED_PREFIX}([A-Za-z0-9_-]+):\\d+:[A-Za-z0-9_-]*"`, 'g');

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
 * cipher call (key-unwrap-batch.ts); a text that fails to open has its key
 * unwrapped the checked way, so an altered wrap is reported as such.
 * Synchronous and free of I/O: it runs on the caller's thread or on an
 * opening thread.
 */
export function openSealedLines(masterKey: Buffer, wrapped: ReadonlyMap<string, string>, ndjson: string): string {
  if (!ndjson.includes(SEALED_PREFIX)) return ndjson;
  const keys = unwrapKeysUnchecked(masterKey, wrapped);
  let redacted = false;
  // The whole page in one pass; only a page where some key is gone is redone line by line, to mark its lines.
  const opened = ndjson.replace(SEALED_IN_JSON, (quoted: string, keyId: string) => {
    const key = keys.get(keyId);
    if (!key) {
      redacted = true;
      return 'null';
    }
    try {
      return JSON.stringify(openText(key, quoted.slice(1, -1)));
    } catch (error) {
      unwrapKey(masterKey, keyId, wrapped.get(keyId) as string); // throws when the wrap itself was altered
      throw error;
    }
  });
  return redacted ? markRedactedLines(ndjson, opened, keys) : opened;
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
