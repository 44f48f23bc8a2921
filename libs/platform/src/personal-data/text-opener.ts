import { openSealedLines, sealedKeyIdsInJson } from './json-text-opening';
import { availableParallelism } from 'node:os';
import { OpeningThread } from './opening-thread';
import { openSealedBatch, sealedItem, type SealedItem } from './sealed-batch';
import { isSealed, sealedKeyId } from './sealed-text';

/** Below this much text (about 100 events) a thread's round trip costs more than it saves. */
const THREAD_MIN_CHARS = 50_000;

/**
 * Opening threads for exports: one per core, at most 4 (on 2 cores, two
 * threads beside the request's thread still gained: reading and writing the
 * page leave room on both cores).
 */
export function openingThreads(): number {
  return Math.min(4, Math.max(1, availableParallelism()));
}

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
  private readonly opening: Array<OpeningThread | undefined>;

  /**
   * `threads`: open large batches of JSON texts (export pages) on that many
   * threads of their own (opening-thread.ts), each batch on the least busy;
   * none by default.
   */
  constructor(
    private readonly masterKey: Buffer,
    private readonly loadKeys: DataKeyLoader,
    options: { threads?: number } = {},
  ) {
    this.opening = new Array<OpeningThread | undefined>(Math.max(0, options.threads ?? 0)).fill(undefined);
  }

  async open<T>(answer: T): Promise<T> {
    const found = new Map<string, SealedItem>();
    collectSealed(answer, found);
    if (found.size === 0) return answer;
    const items = [...found.values()];
    const wrapped = await this.loadKeys([...new Set(items.map((item) => item.keyId))]);
    // All of the answer's strings opened together (sealed-batch.ts), then put back in place.
    const plain = openSealedBatch(this.masterKey, wrapped, items);
    const opened = new Map(items.map((item, i) => [item.sealed, plain[i]]));
    return rebuild(answer, undefined, opened).value as T;
  }

  /**
   * Opens the sealed strings inside NDJSON text as stored (an export's page)
   * without parsing it (openSealedLines): plain text, or `null` and the
   * line's `"redacted":true` where the key is gone. One key load for the
   * page, none when the caller read the keys with the events (`knownKeys`:
   * every key of these lines that still exists). Large pages are opened on
   * an opening thread, which answers the bytes to send.
   */
  async openLines(ndjson: string, knownKeys?: Map<string, string>): Promise<string | Buffer> {
    let wrapped = knownKeys;
    if (!wrapped) {
      const keyIds = sealedKeyIdsInJson(ndjson);
      if (keyIds.length === 0) return ndjson;
      wrapped = await this.loadKeys(keyIds);
    }
    const thread = ndjson.length >= THREAD_MIN_CHARS ? this.leastBusyThread() : undefined;
    return thread ? thread.open(wrapped, ndjson) : openSealedLines(this.masterKey, wrapped, ndjson);
  }

  /**
   * Starts the opening threads now; resolves when they are ready (they load
   * in the background, and batches open on the caller's thread meanwhile).
   */
  async warm(): Promise<void> {
    await Promise.all(this.threads().map((thread) => thread.whenReady()));
  }

  /** Stops the opening threads that were started. */
  async close(): Promise<void> {
    await Promise.all(this.opening.map((thread) => thread?.close()));
  }

  /** The threads, any that stopped (or never started) started again. */
  private threads(): OpeningThread[] {
    for (let i = 0; i < this.opening.length; i++)
      if (!this.opening[i] || this.opening[i]!.stopped) this.opening[i] = OpeningThread.spawn(this.masterKey);
    return this.opening as OpeningThread[];
  }

  /** The ready thread with the fewest batches in flight, if any thread is ready. */
  private leastBusyThread(): OpeningThread | undefined {
    let best: OpeningThread | undefined;
    for (const thread of this.threads()) if (thread.ready && (!best || thread.inFlight < best.inFlight)) best = thread;
    return best;
  }
}

/** The answer's sealed strings (each once), with their parts. */
function collectSealed(value: unknown, into: Map<string, SealedItem>): void {
  if (typeof value === 'string') {
    if (isSealed(value) && !into.has(value)) {
      const keyId = sealedKeyId(value);
      if (keyId) into.set(value, sealedItem(value, keyId));
    }
  } else if (Array.isArray(value)) {
    for (const item of value) collectSealed(item, into);
  } else if (isPlainObject(value)) {
    for (const key in value) collectSealed((value as Record<string, unknown>)[key], into);
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

/** `opened`: each sealed string's plain text, null where its key is gone. */
function rebuild(value: unknown, parentKey: string | undefined, opened: ReadonlyMap<string, string | null>): Rebuilt {
  if (typeof value === 'string') {
    if (!isSealed(value)) return { value, redacted: false };
    const plain = opened.get(value) ?? null; // a sealed string without a key id has no key either
    return plain === null ? { value: null, redacted: true } : { value: plain, redacted: false };
  }
  if (Array.isArray(value)) {
    let redacted = false;
    const out = value.map((item) => {
      const r = rebuild(item, parentKey, opened);
      redacted ||= r.redacted;
      return r.value;
    });
    return { value: out, redacted };
  }
  if (!isPlainObject(value)) return { value, redacted: false };
  let redacted = false;
  const out: Record<string, unknown> = {};
  for (const key in value) {
    const r = rebuild((value as Record<string, unknown>)[key], key, opened);
    redacted ||= r.redacted;
    out[key] = r.value;
  }
  if (!redacted) return { value: out, redacted: false };
  if (parentKey !== undefined && PASS_UP.has(parentKey)) return { value: out, redacted: true };
  out.redacted = true;
  return { value: out, redacted: false };
}
