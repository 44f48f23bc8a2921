import { unwrapKeysUnchecked } from './key-unwrap-batch';
import { openText, SEALED_PREFIX, unwrapKey } from './sealed-text';

/** A sealed string as it appears in JSON text, its key id captured (see sealed-text.ts for the form). */
export const SEALED_IN_JSON = new RegExp(`"${SEALED_PREFIX}([A-Za-z0-9_-]+):\\d+:[A-Za-z0-9_-]*"`, 'g');

export interface OpenedJsonText {
  json: string;
  /** Some sealed string in it had no key (erased) and became `null`. */
  redacted: boolean;
}

/** The key ids of the sealed strings inside JSON texts. */
export function sealedKeyIdsInJson(texts: readonly string[]): string[] {
  const keyIds = new Set<string>();
  for (const text of texts) {
    if (!text.includes(SEALED_PREFIX)) continue;
    for (const match of text.matchAll(SEALED_IN_JSON)) keyIds.add(match[1]);
  }
  return [...keyIds];
}

/**
 * Replaces each sealed string inside JSON texts (as stored: never parsed)
 * by the JSON string of its plain text, or `null` where its key is gone.
 * The keys of the whole batch are unwrapped in one cipher call
 * (key-unwrap-batch.ts); a text that fails to open has its key unwrapped
 * the checked way, so an altered wrap is reported as such. Synchronous and
 * free of I/O: it runs on the caller's thread or on the opening thread.
 */
export function openJsonTextsWithKeys(
  masterKey: Buffer,
  wrapped: ReadonlyMap<string, string>,
  texts: readonly string[],
): OpenedJsonText[] {
  const keys = unwrapKeysUnchecked(masterKey, wrapped);
  return texts.map((text) => {
    if (!text.includes(SEALED_PREFIX)) return { json: text, redacted: false };
    let redacted = false;
    const json = text.replace(SEALED_IN_JSON, (quoted: string, keyId: string) => {
      const key = keys.get(keyId);
      if (!key) {
        redacted = true;
        return 'null';
      }
      const sealed = quoted.slice(1, -1);
      try {
        return JSON.stringify(openText(key, sealed));
      } catch (error) {
        unwrapKey(masterKey, keyId, wrapped.get(keyId) as string); // throws when the wrap itself was altered
        throw error;
      }
    });
    return { json, redacted };
  });
}
