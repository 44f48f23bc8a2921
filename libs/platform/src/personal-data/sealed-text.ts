/**
 * SPEC 6.1: free text sealed with AES-256-GCM under a data key of its own
 * event, the data keys wrapped (AES-256-GCM too) by the master key. A sealed
 * string carries its key id, so any reader can find the key it needs:
 *   PREFIX <keyId> ":" <iv, base64url> ":" <ciphertext ‖ tag, base64url>
 * The key id is the additional authenticated data of both the text and the
 * wrapped key, so a ciphertext cannot be moved under another key unnoticed.
 * The prefix starts with U+2060 (word joiner): invisible, not a JSON escape
 * (so PostgreSQL's one-statement append path still takes sealed events), and
 * not something a form sends by accident.
 */
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

export const SEALED_PREFIX = '\u2060enc1:';
const IV_BYTES = 12;
const TAG_BYTES = 16;
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

export function newKeyId(): string {
  return randomBytes(16).toString('base64url');
}

export function newDataKey(): Buffer {
  return randomBytes(KEY_BYTES);
}

function encrypt(key: Buffer, aad: string, plain: Buffer): string {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(Buffer.from(aad, 'utf8'));
  const body = Buffer.concat([cipher.update(plain), cipher.final(), cipher.getAuthTag()]);
  return `${iv.toString('base64url')}:${body.toString('base64url')}`;
}

/** Throws when the text was altered, or the key or key id is not the one it was sealed with. */
function decrypt(key: Buffer, aad: string, ivAndBody: string): Buffer {
  const [ivText, bodyText, extra] = ivAndBody.split(':');
  if (bodyText === undefined || extra !== undefined) throw new SealedTextError('malformed sealed value');
  const iv = Buffer.from(ivText, 'base64url');
  const body = Buffer.from(bodyText, 'base64url');
  if (iv.length !== IV_BYTES || body.length < TAG_BYTES) throw new SealedTextError('malformed sealed value');
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, iv);
    decipher.setAAD(Buffer.from(aad, 'utf8'));
    decipher.setAuthTag(body.subarray(body.length - TAG_BYTES));
    return Buffer.concat([decipher.update(body.subarray(0, body.length - TAG_BYTES)), decipher.final()]);
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

export function sealText(dataKey: Buffer, keyId: string, text: string): string {
  return `${SEALED_PREFIX}${keyId}:${encrypt(dataKey, keyId, Buffer.from(text, 'utf8'))}`;
}

export function openText(dataKey: Buffer, sealed: string): string {
  const keyId = sealedKeyId(sealed);
  if (keyId === undefined) throw new SealedTextError('not a sealed value');
  return decrypt(dataKey, keyId, sealed.slice(SEALED_PREFIX.length + keyId.length + 1)).toString('utf8');
}

/** A data key wrapped by the master key, as the key store keeps it. */
export function wrapKey(masterKey: Buffer, keyId: string, dataKey: Buffer): string {
  return `w1:${encrypt(masterKey, keyId, dataKey)}`;
}

export function unwrapKey(masterKey: Buffer, keyId: string, wrapped: string): Buffer {
  if (!wrapped.startsWith('w1:')) throw new SealedTextError('unknown wrapped key format');
  const key = decrypt(masterKey, keyId, wrapped.slice(3));
  if (key.length !== KEY_BYTES) throw new SealedTextError('wrapped key has the wrong length');
  return key;
}
