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
 * authentication (nothing is opened, nothing leaks). `openSealedLines`
 * then unwraps that key the checked way, so the error still says which part
 * was altered.
 */
import { createCipheriv } from 'node:crypto';
import { IV_BYTES, KEY_BYTES, SealedTextError } from './sealed-text';

const BLOCK = 16;
/** `w1:` + 16 base64url characters of IV + `:` + 64 of ciphertext ‖ tag (48 bytes). */
const IV_AT = 3;
const BODY_AT = IV_AT + 16 + 1;
const WRAPPED_LENGTH = BODY_AT + 64;

export function unwrapKeysUnchecked(masterKey: Buffer, wrapped: ReadonlyMap<string, string>): Map<string, Buffer> {
  const ids = [...wrapped.keys()];
  const counters = Buffer.alloc(KEY_BYTES * ids.length);
  const bodies = Buffer.alloc((KEY_BYTES + BLOCK) * ids.length);
  for (let i = 0; i < ids.length; i++) {
    const text = wrapped.get(ids[i]) as string;
    if (text.length !== WRAPPED_LENGTH || !text.startsWith('w1:') || text[BODY_AT - 1] !== ':')
      throw new SealedTextError('unknown wrapped key format');
    const at = KEY_BYTES * i;
    // Decoded straight into the page's buffers: the IV twice (counter 2, counter 3), the body once.
    if (
      counters.write(text.slice(IV_AT, BODY_AT - 1), at, 'base64url') !== IV_BYTES ||
      bodies.write(text.slice(BODY_AT), (KEY_BYTES + BLOCK) * i, 'base64url') !== KEY_BYTES + BLOCK
    )
      throw new SealedTextError('wrapped key has the wrong length');
    counters.copy(counters, at + BLOCK, at, at + IV_BYTES);
    counters.writeUInt32BE(2, at + IV_BYTES);
    counters.writeUInt32BE(3, at + BLOCK + IV_BYTES);
  }
  const ecb = createCipheriv('aes-256-ecb', masterKey, null);
  ecb.setAutoPadding(false);
  const stream = ecb.update(counters);
  const keys = new Map<string, Buffer>();
  for (let i = 0; i < ids.length; i++) {
    const key = Buffer.allocUnsafe(KEY_BYTES);
    const at = KEY_BYTES * i;
    const bodyAt = (KEY_BYTES + BLOCK) * i;
    for (let b = 0; b < KEY_BYTES; b++) key[b] = bodies[bodyAt + b] ^ stream[at + b];
    keys.set(ids[i], key);
  }
  return keys;
}
