import { createCipheriv, randomBytes } from 'node:crypto';
import { nativeGcm, type NativeGcm } from './native-gcm';
import { sealMany, type SealInput } from './seal-many';
import { newDataKey, openText, ordinalIv, sealedString, unwrapKey, wrappedString } from './sealed-text';

/** The reference: one text sealed by Node's createCipheriv (ciphertext ‖ tag). */
function nodeSeal({ key, nonce, aad, plain }: SealInput): Buffer {
  const cipher = createCipheriv('aes-256-gcm', key, nonce);
  cipher.setAAD(Buffer.from(aad, 'utf8'));
  return Buffer.concat([cipher.update(plain), cipher.final(), cipher.getAuthTag()]);
}

const inputs = (texts: string[]): SealInput[] =>
  texts.map((text, i) => ({
    key: randomBytes(32),
    nonce: i % 2 ? ordinalIv(i) : randomBytes(12),
    aad: `clave-${i}-ñ`,
    plain: Buffer.from(text, 'utf8'),
  }));

describe('sealMany: many texts sealed in one call (gcm-seal.c), or one by one without the addon', () => {
  const gcm = nativeGcm() as NativeGcm;
  const texts = ['Profesora "Ana", lectura\ncompartida 📚', '', 'ñandú', 'x'.repeat(5000), 'y'];

  it('gives, natively and with Node’s crypto alike, exactly the bytes createCipheriv gives', () => {
    expect(typeof gcm?.sealMany).toBe('function'); // npm install builds it (libs/platform/native/build.js)
    const batch = inputs(texts);
    const expected = batch.map(nodeSeal);
    expect(sealMany(batch, gcm)).toEqual(expected);
    expect(sealMany(batch, undefined)).toEqual(expected);
    expect(sealMany([], gcm)).toEqual([]);
  });

  it('seals texts that open with openText and keys that unwrap with unwrapKey', () => {
    const key = newDataKey();
    const master = randomBytes(32);
    const batch: SealInput[] = [
      ...texts.map((text, n) => ({ key, nonce: ordinalIv(n), aad: 'k1', plain: Buffer.from(text, 'utf8') })),
      { key: master, nonce: randomBytes(12), aad: 'k1', plain: key },
    ];
    const bodies = sealMany(batch, gcm);
    texts.forEach((text, n) => expect(openText(key, sealedString('k1', n, bodies[n]))).toBe(text));
    expect(unwrapKey(master, 'k1', wrappedString(batch[texts.length].nonce, bodies[texts.length]))).toEqual(key);
  });

  it('refuses a bad key or nonce length, and the addon refuses arrays that disagree or point outside', () => {
    const [one] = inputs(['uno']);
    expect(() => sealMany([{ ...one, key: one.key.subarray(1) }], gcm)).toThrow(/bad key or nonce/);
    expect(() => sealMany([{ ...one, nonce: Buffer.alloc(16) }], undefined)).toThrow();
    const plain = Buffer.from('uno');
    const call = (plainEnds: number[], out = Buffer.alloc(plain.length + 16)) =>
      gcm.sealMany(one.key, one.nonce, Buffer.from('a'), Uint32Array.of(1), plain, Uint32Array.from(plainEnds), out);
    expect(call([3])).toBe(1);
    // (The addon's errors come from another realm than jest's: matched by message.)
    expect(() => call([3], Buffer.alloc(plain.length))).toThrow(/lengths disagree/);
    expect(() => call([9])).toThrow(/out of bounds/);
  });
});
