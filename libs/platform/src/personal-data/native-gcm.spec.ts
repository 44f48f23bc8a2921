import { createCipheriv, randomBytes } from 'node:crypto';
import { nativeGcm, type NativeGcm } from './native-gcm';

/** Texts sealed with Node's crypto, laid out as gcm-open.c reads them. */
function batch(texts: string[]) {
  const n = texts.length;
  const keys = randomBytes(32 * n);
  const nonces = randomBytes(12 * n);
  const aads: Buffer[] = [];
  const bodies: Buffer[] = [];
  texts.forEach((text, i) => {
    const aad = Buffer.from(`clave-${i}`);
    const cipher = createCipheriv(
      'aes-256-gcm',
      keys.subarray(32 * i, 32 * i + 32),
      nonces.subarray(12 * i, 12 * i + 12),
    );
    cipher.setAAD(aad);
    aads.push(aad);
    bodies.push(Buffer.concat([cipher.update(text, 'utf8'), cipher.final(), cipher.getAuthTag()]));
  });
  const ends = (parts: Buffer[]) => {
    let at = 0;
    return Uint32Array.from(parts, (part) => (at += part.length));
  };
  const sealed = Buffer.concat(bodies);
  return {
    keys,
    nonces,
    aad: Buffer.concat(aads),
    aadEnds: ends(aads),
    sealed,
    sealedEnds: ends(bodies),
    out: Buffer.alloc(sealed.length),
    ok: new Uint8Array(n),
  };
}

const call = (gcm: NativeGcm, b: ReturnType<typeof batch>) =>
  gcm.openMany(b.keys, b.nonces, b.aad, b.aadEnds, b.sealed, b.sealedEnds, b.out, b.ok);

/** Text i of the output (gcm-open.c: where its sealed bytes start, 16 bytes shorter). */
const plainOf = (b: ReturnType<typeof batch>, i: number) =>
  b.out.toString('utf8', i === 0 ? 0 : b.sealedEnds[i - 1], b.sealedEnds[i] - 16);

describe('the native AES-GCM batch opener (gcm-open.c)', () => {
  // (The addon's errors come from another realm than jest's: matched by message.)
  // npm install builds it (libs/platform/native/build.js); exports fall back to Node's crypto without it, ~10× slower.
  const gcm = nativeGcm() as NativeGcm;

  it('is built and loads', () => {
    expect(typeof gcm?.openMany).toBe('function');
  });

  it('opens what Node seals, each text under its own key, nonce and AAD, empty text included', () => {
    const texts = ['Profesora "Ana", lectura\ncompartida 📚', '', 'ñandú', 'x'.repeat(5000)];
    const b = batch(texts);
    expect(call(gcm, b)).toBe(4);
    expect([...b.ok]).toEqual([1, 1, 1, 1]);
    texts.forEach((text, i) => expect(plainOf(b, i)).toBe(text));
  });

  it('fails only the text whose ciphertext, tag, AAD or key is not the sealed one, and leaves its output blank', () => {
    const b = batch(['uno', 'dos', 'tres', 'cuatro', 'cinco']);
    b.sealed[b.sealedEnds[0] + 1] ^= 1; // text 1's ciphertext
    b.sealed[b.sealedEnds[2] - 1] ^= 1; // text 2's tag
    b.aad[b.aadEnds[2]] ^= 1; // text 3's AAD
    b.keys[32 * 4] ^= 1; // text 4's key
    expect(call(gcm, b)).toBe(1);
    expect([...b.ok]).toEqual([1, 0, 0, 0, 0]);
    expect(plainOf(b, 0)).toBe('uno');
    for (let i = 1; i < 5; i++) expect(plainOf(b, i)).toBe('\0'.repeat(plainOf(b, i).length));
  });

  it('skips a text whose ends point outside the arrays, and refuses arrays that disagree', () => {
    const b = batch(['uno', 'dos']);
    b.sealedEnds[1] = b.sealed.length + 64;
    expect(call(gcm, b)).toBe(1);
    expect([...b.ok]).toEqual([1, 0]);
    b.sealedEnds[0] = 8; // shorter than a tag
    b.sealedEnds[1] = 8;
    expect(call(gcm, b)).toBe(0);
    expect(() =>
      gcm.openMany(b.keys.subarray(1), b.nonces, b.aad, b.aadEnds, b.sealed, b.sealedEnds, b.out, b.ok),
    ).toThrow(/lengths disagree/);
    expect(() =>
      (gcm.openMany as (...args: unknown[]) => number)(
        'x',
        b.nonces,
        b.aad,
        b.aadEnds,
        b.sealed,
        b.sealedEnds,
        b.out,
        b.ok,
      ),
    ).toThrow(/typed|Uint8Array/);
  });
});
