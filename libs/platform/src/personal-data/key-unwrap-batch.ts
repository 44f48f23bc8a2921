/**
 * Many wrapped data keys opened with ONE master-key cipher call (an export's
 * page holds a key per event; one AES-GCM decipher per key cost ~4 µs, more
 * than reading the event). A `w1` wrap is AES-256-GCM with a 96-bit IV, so
 * its 32 ciphertext bytes are the key XOR the counter blocks IV‖2 and IV‖3
 * encrypted under the master key (NIST SP 800-38D, GCTR from inc32(J0)):
 * those blocks for a whole page are one AES-256-ECB call.
 *
 * What this skips is the wrap's tag check, and only where the key is used to
 * open a text right away: a text is AES-GCM under that key with the key id as
 * AAD, so an altered wrap yields a wrong key and the text fails its own
 * authentication (nothing is opened, nothing leaks). `TextOpener` then
 * unwraps that key the checked way, so the error still says which part was
 * altered.
 */
import { createCipheriv } from 'node:crypto';
import { KEY_BYTES, SealedTextError } from './sealed-text';

const IV_BYTES = 12;
const BLOCK = 16;

export function unwrapKeysUnchecked(masterKey: Buffer, wrapped: ReadonlyMap<string, string>): Map<string, Buffer> {
  const ids = [...wrapped.keys()];
  const counters = Buffer.allocUnsafe(KEY_BYTES * ids.length);
  const bodies: Buffer[] = new Array(ids.length);
  for (let i = 0; i < ids.length; i++) {
    const text = wrapped.get(ids[i]) as string;
    const [format, ivText, bodyText, extra] = text.split(':');
    if (format !== 'w1' || bodyText === undefined || extra !== undefined)
      throw new SealedTextError('unknown wrapped key format');
    const iv = Buffer.from(ivText, 'base64url');
    const body = Buffer.from(bodyText, 'base64url');
    if (iv.length !== IV_BYTES || body.length !== KEY_BYTES + BLOCK)
      throw new SealedTextError('wrapped key has the wrong length');
    const at = KEY_BYTES * i;
    iv.copy(counters, at);
    counters.writeUInt32BE(2, at + IV_BYTES);
    iv.copy(counters, at + BLOCK);
    counters.writeUInt32BE(3, at + BLOCK + IV_BYTES);
    bodies[i] = body;
  }
  const ecb = createCipheriv('aes-256-ecb', masterKey, null);
  ecb.setAutoPadding(false);
  const stream = ecb.update(counters);
  const keys = new Map<string, Buffer>();
  for (let i = 0; i < ids.length; i++) {
    const key = Buffer.allocUnsafe(KEY_BYTES);
    const body = bodies[i];
    const at = KEY_BYTES * i;
    for (let b = 0; b < KEY_BYTES; b++) key[b] = body[b] ^ stream[at + b];
    keys.set(ids[i], key);
  }
  return keys;
}
