import { nativeGcm, type NativeGcm } from './native-gcm';
import { IV_BYTES, KEY_BYTES, sealBytes, TAG_BYTES } from './sealed-text';

/** One text to seal: its key, its nonce, its additional data (a key id) and its bytes. */
export interface SealInput {
  key: Buffer;
  nonce: Buffer;
  aad: string;
  plain: Buffer;
}

/**
 * Each input's ciphertext ‖ tag, in order: in ONE call of the native addon
 * where it is built (gcm-seal.c; the inputs laid out one after another),
 * else input by input with Node's crypto. Both give the same bytes: AES-GCM
 * is deterministic for a key and nonce (native-gcm.spec.ts checks it).
 */
export function sealMany(inputs: readonly SealInput[], gcm: NativeGcm | undefined = nativeGcm()): Buffer[] {
  if (inputs.length === 0) return [];
  if (typeof gcm?.sealMany !== 'function') return inputs.map((i) => sealBytes(i.key, i.aad, i.plain, i.nonce));
  const n = inputs.length;
  const keys = Buffer.allocUnsafe(KEY_BYTES * n);
  const nonces = Buffer.allocUnsafe(IV_BYTES * n);
  const aadEnds = new Uint32Array(n);
  const plainEnds = new Uint32Array(n);
  let aadBytes = 0;
  let plainBytes = 0;
  for (const input of inputs) {
    if (input.key.length !== KEY_BYTES || input.nonce.length !== IV_BYTES)
      throw new RangeError('sealMany: bad key or nonce');
    aadBytes += Buffer.byteLength(input.aad, 'utf8');
    plainBytes += input.plain.length;
  }
  const aad = Buffer.allocUnsafe(aadBytes);
  const plain = Buffer.allocUnsafe(plainBytes);
  let aadAt = 0;
  let plainAt = 0;
  inputs.forEach((input, i) => {
    input.key.copy(keys, KEY_BYTES * i);
    input.nonce.copy(nonces, IV_BYTES * i);
    aadAt += aad.write(input.aad, aadAt, 'utf8');
    aadEnds[i] = aadAt;
    plainAt += input.plain.copy(plain, plainAt);
    plainEnds[i] = plainAt;
  });
  const out = Buffer.allocUnsafe(plainBytes + TAG_BYTES * n);
  try {
    gcm.sealMany(keys, nonces, aad, aadEnds, plain, plainEnds, out);
  } finally {
    keys.fill(0); // the data keys do not outlive the call in this buffer
    plain.fill(0);
  }
  // Text i's ciphertext ‖ tag starts where its plain bytes started, shifted by the tags before it.
  return inputs.map((_, i) => {
    const start = (i === 0 ? 0 : plainEnds[i - 1]) + TAG_BYTES * i;
    return out.subarray(start, plainEnds[i] + TAG_BYTES * (i + 1));
  });
}
