import { openJsonTextsWithKeys, type OpenedJsonText, sealedKeyIdsInJson } from './json-text-opening';
import { OpeningThread } from './opening-thread';
import { isSealed, openText, sealedKeyId, unwrapKey } from './sealed-text';

/** Below this many texts a thread's round trip costs more than it saves. */
const THREAD_MIN_TEXTS = 100;

/** Where the wrapped data keys are read from (the event store's `data_keys`, or the platform's for KurrentDB). */
export type DataKeyLoader = (keyIds: readonly string[]) => Promise<Map<string, string>>;

/**
 * SPEC 6.1/6.2 at the edge: takes any answer (an event page, a cycle, the
 * network's view, a state), batch-loads the keys of the sealed strings it
 * holds, and answers a copy with plain text. A sealed string whose key is
 * gone (erased) becomes `null` and the object it belongs to gets
 * `redacted: true`: the event (text in its `data`), the session (text in
 * its `activities`), otherwise the object that holds the field (a cycle, an
 * analysis, an action). An answer without sealed text is returned as is.
 */
export class TextOpener {
  private opening: OpeningThread | undefined;

  /** `thread`: open large batches of JSON texts (exports) on a thread of their own (opening-thread.ts). */
  constructor(
    private readonly masterKey: Buffer,
    private readonly loadKeys: DataKeyLoader,
    private readonly options: { thread?: boolean } = {},
  ) {}

  async open<T>(answer: T): Promise<T> {
    const keyIds = new Set<string>();
    collectKeyIds(answer, keyIds);
    if (keyIds.size === 0) return answer;
    const keys = await this.keysOf([...keyIds]);
    return rebuild(answer, undefined, keys).value as T;
  }

  /** Opens many answers with one key load (an export's page of events). */
  async openAll<T>(answers: readonly T[]): Promise<T[]> {
    return this.open(answers as T[]);
  }

  /**
   * Opens the sealed strings inside JSON texts as stored (an export's `data`)
   * without parsing them: each becomes the JSON string of its plain text, or
   * `null` when its key is gone (`redacted` then says so). One key load for
   * all the texts, none when the caller read the keys with the texts
   * (`knownKeys`: every key of these texts that still exists). A sealed
   * string has no character JSON escapes, so it appears in the text exactly
   * as it is in the value.
   */
  async openJsonTexts(texts: readonly string[], knownKeys?: Map<string, string>): Promise<OpenedJsonText[]> {
    let wrapped = knownKeys;
    if (!wrapped) {
      const keyIds = sealedKeyIdsInJson(texts);
      if (keyIds.length === 0) return texts.map((json) => ({ json, redacted: false }));
      wrapped = await this.loadKeys(keyIds);
    }
    const thread = texts.length >= THREAD_MIN_TEXTS ? this.openingThread() : undefined;
    return thread?.ready ? thread.open(wrapped, texts) : openJsonTextsWithKeys(this.masterKey, wrapped, texts);
  }

  /**
   * Starts the opening thread now; resolves when it is ready (it loads in the
   * background, and batches open on the caller's thread meanwhile).
   */
  async warm(): Promise<void> {
    await this.openingThread()?.whenReady();
  }

  /** Stops the opening thread, if one was started. */
  async close(): Promise<void> {
    await this.opening?.close();
  }

  private openingThread(): OpeningThread | undefined {
    if (!this.options.thread) return undefined;
    if (!this.opening || this.opening.stopped) this.opening = OpeningThread.spawn(this.masterKey);
    return this.opening;
  }

  private async keysOf(keyIds: string[]): Promise<Map<string, Buffer>> {
    const wrapped = await this.loadKeys(keyIds);
    const keys = new Map<string, Buffer>();
    for (const [keyId, w] of wrapped) keys.set(keyId, unwrapKey(this.masterKey, keyId, w));
    return keys;
  }
}

function collectKeyIds(value: unknown, into: Set<string>): void {
  if (typeof value === 'string') {
    if (isSealed(value)) {
      const keyId = sealedKeyId(value);
      if (keyId) into.add(keyId);
    }
  } else if (Array.isArray(value)) {
    for (const item of value) collectKeyIds(item, into);
  } else if (isPlainObject(value)) {
    for (const key in value) collectKeyIds((value as Record<string, unknown>)[key], into);
  }
}

/** JSON-like objects only: a Date, a Buffer or a class instance is left as it is. */
function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (value === null || typeof value !== 'object') return false;
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

/** Properties whose objects pass a redaction up to the object holding them. */
const PASS_UP = new Set(['data', 'activities']);

interface Rebuilt {
  value: unknown;
  /** Some text below was erased and no object on the way claimed it. */
  redacted: boolean;
}

function rebuild(value: unknown, parentKey: string | undefined, keys: Map<string, Buffer>): Rebuilt {
  if (typeof value === 'string') {
    if (!isSealed(value)) return { value, redacted: false };
    const key = keys.get(sealedKeyId(value) as string);
    return key ? { value: openText(key, value), redacted: false } : { value: null, redacted: true };
  }
  if (Array.isArray(value)) {
    let redacted = false;
    const out = value.map((item) => {
      const r = rebuild(item, parentKey, keys);
      redacted ||= r.redacted;
      return r.value;
    });
    return { value: out, redacted };
  }
  if (!isPlainObject(value)) return { value, redacted: false };
  let redacted = false;
  const out: Record<string, unknown> = {};
  for (const key in value) {
    const r = rebuild((value as Record<string, unknown>)[key], key, keys);
    redacted ||= r.redacted;
    out[key] = r.value;
  }
  if (!redacted) return { value: out, redacted: false };
  if (parentKey !== undefined && PASS_UP.has(parentKey)) return { value: out, redacted: true };
  out.redacted = true;
  return { value: out, redacted: false };
}
