/**
 * SPEC 6.1: free text sealed with AES-256-GCM under a data key of its own
 * event, the data keys wrapped (AES-256-GCM too) by the master key. A sealed
 * string carries its key id, so any reader can find the key it needs:
 *   PREFIX <keyId> ":" <n> ":" <ciphertext ‖ tag, base64url>
 * A data key seals the texts of ONE event only, so the nonce need only be
 * unique within the event: it is the text's ordinal n there (the wrap of the
 * key under the long-lived master key uses a random IV). The key id is the
 * additional authenticated data of both the text and the wrapped key, so a
 * ciphertext cannot be moved under another key unnoticed. Short on purpose:
 * read models and rebuilds carry these strings, and bytes cost there.
 * The prefix starts with U+007F (DEL): not something a form sends by
 * accident, not a JSON escape (so PostgreSQL's one-statement append path
 * still takes sealed events), and ASCII, so a sealed string keeps V8's
 * one-byte strings and SQLite's ASCII decoding (a non-Latin-1 mark such as
 * U+2060 made whole event texts two-byte: rebuilds ran ~15 % slower).
 */
import { createCipheriv, createDecipheriv, randomFillSync } from 'node:crypto';

export const SEALED_PREFIX = '\u007fenc1:';
/** A sealed string's form as a regular expression's source: key id, ordinal and body captured. */
export const SEALED_FORM = `${SEALED_PREFIX}([A-Za-z0-9_-]+):(\\d+):([A-Za-z0-9_-]*)`;
/** GCM's 96-bit IV; a text's nonce is its ordinal in the event, big-endian, in the last 4 of these bytes. */
export const IV_BYTES = 12;
export const TAG_BYTES = 16;
export const KEY_BYTES = 32;

export function isSealed(value: unknown): value is string {
  return typeof value === 'string' && value.startsWith(SEALED_PREFIX);
}

/** The key id of a sealed string (undefined when it is not one). */
export function sealedKeyId(value: string): string | undefined {
  if (!value.startsWith(SEALED_PREFIX)) return undefined;
  const end = value.indexOf(':', SEALED_PREFIX.length);
  return end < 0 ? undefined : value.slice(SEALED_PREFIX.length, end);
}

/**
 * Random bytes from a pool refilled by the CSPRNG 4 KiB at a time: a write
 * takes five small draws (key id, key, two IVs…), and one randomBytes call
 * costs microseconds of its own. Every byte is handed out once, as a copy.
 */
const pool = Buffer.alloc(4096);
let used = pool.length;
function randomBytes(n: number): Buffer {
  if (used + n > pool.length) {
    randomFillSync(pool);
    used = 0;
  }
  const out = Buffer.from(pool.subarray(used, used + n));
  used += n;
  return out;
}

const BASE64URL = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
/** base64url's 64 characters in ASCII order: digit i of a number is SORTED[i], so strings sort as numbers do. */
const SORTED = '-0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ_abcdefghijklmnopqrstuvwxyz';
const TO_SORTED: string[] = [];
for (let i = 0; i < 64; i++) TO_SORTED[BASE64URL.charCodeAt(i)] = SORTED[i];

/**
 * A data key's id, 16 characters: the time in ms (48 bits) then 48 random
 * bits, written in base64url's characters taken in ASCII order, so ids sort
 * by time. A batch's keys then go to the right edge of the key tables'
 * B-trees instead of one random page each: the SQLite batch of 18 appends
 * cost 9–13 % less CPU (BENCHMARKS.md, issue 15, stop 13). Two ids made in
 * one millisecond collide with chance 2^-48.
 */
export function newKeyId(now: number = Date.now()): string {
  const bytes = randomBytes(12);
  bytes.writeUIntBE(now, 0, 6);
  const plain = bytes.toString('base64url');
  let id = '';
  for (let i = 0; i < plain.length; i++) id += TO_SORTED[plain.charCodeAt(i)];
  return id;
}

export function newDataKey(): Buffer {
  return randomBytes(KEY_BYTES);
}

/** A fresh random IV, for a wrap under the master key. */
export function newWrapIv(): Buffer {
  return randomBytes(IV_BYTES);
}

/** Ciphertext ‖ tag of one text with Node's crypto (seal-many.ts seals many in one native call). */
export function sealBytes(key: Buffer, aad: string, plain: Buffer, iv: Buffer): Buffer {
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(Buffer.from(aad, 'utf8'));
  return Buffer.concat([cipher.update(plain), cipher.final(), cipher.getAuthTag()]);
}

/** The nonce of the n-th text of an event (its key seals nothing else); the first few made once. */
const ORDINAL_IVS = Array.from({ length: 64 }, (_, n) => makeOrdinalIv(n));
function makeOrdinalIv(n: number): Buffer {
  const iv = Buffer.alloc(IV_BYTES);
  iv.writeUInt32BE(n, IV_BYTES - 4);
  return iv;
}
export function ordinalIv(n: number): Buffer {
  return n < ORDINAL_IVS.length ? ORDINAL_IVS[n] : makeOrdinalIv(n);
}

/** Throws when the text was altered, or the key or key id is not the one it was sealed with. */
function decrypt(key: Buffer, aad: string, iv: Buffer, bodyText: string): Buffer {
  const body = Buffer.from(bodyText, 'base64url');
  if (iv.length !== IV_BYTES || body.length < TAG_BYTES) throw new SealedTextError('malformed sealed value');
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, iv);
    decipher.setAAD(Buffer.from(aad, 'utf8'));
    decipher.setAuthTag(body.subarray(body.length - TAG_BYTES));
    const plain = decipher.update(body.subarray(0, body.length - TAG_BYTES));
    decipher.final(); // checks the tag (GCM gives no bytes here)
    return plain;
  } catch {
    throw new SealedTextError('sealed value failed authentication (altered, or not this key)');
  }
}

export class SealedTextError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SealedTextError';
  }
}

/** Seals the `ordinal`-th text of an event (0, 1, …: never twice the same under one key). */
export function sealText(dataKey: Buffer, keyId: string, text: string, ordinal: number): string {
  return sealedString(keyId, ordinal, sealBytes(dataKey, keyId, Buffer.from(text, 'utf8'), ordinalIv(ordinal)));
}

/** The stored form of the `ordinal`-th text of key `keyId`, from its ciphertext ‖ tag. */
export function sealedString(keyId: string, ordinal: number, body: Buffer): string {
  return `${SEALED_PREFIX}${keyId}:${ordinal}:${body.toString('base64url')}`;
}

export function openText(dataKey: Buffer, sealed: string): string {
  if (!sealed.startsWith(SEALED_PREFIX)) throw new SealedTextError('not a sealed value');
  const keyEnd = sealed.indexOf(':', SEALED_PREFIX.length);
  const ordinalEnd = keyEnd < 0 ? -1 : sealed.indexOf(':', keyEnd + 1);
  if (ordinalEnd < 0 || sealed.indexOf(':', ordinalEnd + 1) >= 0) throw new SealedTextError('malformed sealed value');
  const ordinal = sealed.slice(keyEnd + 1, ordinalEnd);
  if (!/^\d{1,9}$/.test(ordinal)) throw new SealedTextError('malformed sealed value');
  const keyId = sealed.slice(SEALED_PREFIX.length, keyEnd);
  return decrypt(dataKey, keyId, ordinalIv(Number(ordinal)), sealed.slice(ordinalEnd + 1)).toString('utf8');
}

/** A data key wrapped by the master key (random IV: the master key wraps many), as the key store keeps it. */
export function wrapKey(masterKey: Buffer, keyId: string, dataKey: Buffer): string {
  const iv = newWrapIv();
  return wrappedString(iv, sealBytes(masterKey, keyId, dataKey, iv));
}

/** The stored form of a wrapped key, from its IV and ciphertext ‖ tag. */
export function wrappedString(iv: Buffer, body: Buffer): string {
  return `w1:${iv.toString('base64url')}:${body.toString('base64url')}`;
}

export function unwrapKey(masterKey: Buffer, keyId: string, wrapped: string): Buffer {
  const [format, iv, body, extra] = wrapped.split(':');
  if (format !== 'w1' || body === undefined || extra !== undefined)
    throw new SealedTextError('unknown wrapped key format');
  const key = decrypt(masterKey, keyId, Buffer.from(iv, 'base64url'), body);
  if (key.length !== KEY_BYTES) throw new SealedTextError('wrapped key has the wrong length');
  return key;
}
