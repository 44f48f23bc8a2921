import { randomBytes } from 'node:crypto';
import { nativeGcm } from './native-gcm';
import { openSealedBatch, sealedItem } from './sealed-batch';
import { newDataKey, newKeyId, SealedTextError, sealedKeyId, sealText, wrapKey } from './sealed-text';

const master = randomBytes(32);

/** Events' texts sealed under a key each: the sealed strings, their plain texts and the wrapped keys. */
function sealedTexts(n: number) {
  const wrapped = new Map<string, string>();
  const sealed: string[] = [];
  const plain: string[] = [];
  for (let i = 0; i < n; i++) {
    const keyId = newKeyId();
    const key = newDataKey();
    wrapped.set(keyId, wrapKey(master, keyId, key));
    for (const ordinal of [0, 1]) {
      const text = `Acta ${i}.${ordinal}: "la profesora" dijo\n«sí» 📚`;
      plain.push(text);
      sealed.push(sealText(key, keyId, text, ordinal));
    }
  }
  return { wrapped, sealed, plain, items: sealed.map((s) => sealedItem(s, sealedKeyId(s) as string)) };
}

describe.each([
  ['in one native call', nativeGcm()],
  ["text by text with Node's crypto", undefined],
])('opening many sealed strings at once, %s', (_how, gcm) => {
  it('gives each plain text in order, and null where its key is gone', () => {
    const { wrapped, plain, items } = sealedTexts(50);
    wrapped.delete(items[20].keyId); // items 20 and 21 share that event's key
    const opened = openSealedBatch(master, wrapped, items, gcm);
    expect(opened).toEqual(plain.map((text, i) => (i === 20 || i === 21 ? null : text)));
  });

  it('refuses a malformed string under an existing key, and says which part of a text was altered', () => {
    const { wrapped, sealed, items } = sealedTexts(3);
    const malformed = sealedItem(`${sealed[2].split(':').slice(0, 2).join(':')}:x:y`, items[2].keyId);
    expect(() => openSealedBatch(master, wrapped, [items[0], malformed], gcm)).toThrow(/malformed/);
    const body = sealed[4].slice(sealed[4].lastIndexOf(':') + 1);
    const altered = `${sealed[4].slice(0, -body.length)}${body[0] === 'A' ? 'B' : 'A'}${body.slice(1)}`;
    expect(() => openSealedBatch(master, wrapped, [items[0], sealedItem(altered, items[4].keyId)], gcm)).toThrow(
      SealedTextError,
    );
  });
});
