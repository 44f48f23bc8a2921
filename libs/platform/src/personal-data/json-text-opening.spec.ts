import { randomBytes } from 'node:crypto';
import { openJsonTextsWithKeys } from './json-text-opening';
import { unwrapKeysUnchecked } from './key-unwrap-batch';
import { newDataKey, newKeyId, SealedTextError, sealText, unwrapKey, wrapKey } from './sealed-text';
import { TextOpener } from './text-opener';

const master = randomBytes(32);

function sealedPage(n: number) {
  const wrapped = new Map<string, string>();
  const texts: string[] = [];
  const plain: string[] = [];
  for (let i = 0; i < n; i++) {
    const keyId = newKeyId();
    const key = newDataKey();
    wrapped.set(keyId, wrapKey(master, keyId, key));
    const summary = `Profesora ${i}, "lectura" compartida\ncon ñandú 📚`;
    plain.push(JSON.stringify({ i, summary, lessons: [summary, 'dos'] }));
    texts.push(
      JSON.stringify({
        i,
        summary: sealText(key, keyId, summary, 0),
        lessons: [sealText(key, keyId, summary, 1), 'dos'],
      }),
    );
  }
  return { wrapped, texts, plain };
}

describe('keys unwrapped in one batch (key-unwrap-batch.ts)', () => {
  it('gives exactly the keys the checked unwrap gives, for every IV', () => {
    const { wrapped } = sealedPage(300);
    const batch = unwrapKeysUnchecked(master, wrapped);
    expect(batch.size).toBe(300);
    for (const [keyId, w] of wrapped) expect(batch.get(keyId)).toEqual(unwrapKey(master, keyId, w));
  });

  it('refuses a wrap of another format or length', () => {
    expect(() => unwrapKeysUnchecked(master, new Map([['k', 'w2:abc:def']]))).toThrow(SealedTextError);
    expect(() => unwrapKeysUnchecked(master, new Map([['k', 'w1:AAAA:AAAA']]))).toThrow(SealedTextError);
  });
});

describe('opening sealed strings inside JSON texts', () => {
  it('gives the plain JSON texts, and null with redacted where a key is gone', () => {
    const { wrapped, texts, plain } = sealedPage(5);
    const erased = [...wrapped.keys()][2];
    wrapped.delete(erased);
    const opened = openJsonTextsWithKeys(master, wrapped, [...texts, '{"sin":"texto"}']);
    expect(opened.map((o) => o.redacted)).toEqual([false, false, true, false, false, false]);
    expect(opened[0].json).toBe(plain[0]);
    expect(JSON.parse(opened[2].json)).toEqual({ i: 2, summary: null, lessons: [null, 'dos'] });
    expect(opened[5].json).toBe('{"sin":"texto"}');
  });

  it('says the wrap was altered when it was, and the text when the text was', () => {
    const { wrapped, texts } = sealedPage(2);
    const [first] = wrapped.keys();
    const [format, iv, body] = (wrapped.get(first) as string).split(':');
    const flipped = Buffer.from(body, 'base64url');
    flipped[3] ^= 1;
    const altered = new Map(wrapped).set(first, `${format}:${iv}:${flipped.toString('base64url')}`);
    expect(() => openJsonTextsWithKeys(master, altered, texts)).toThrow(/wrapped|authentication/);
    // The checked unwrap of the altered wrap is what fails (not only the text).
    expect(() => unwrapKey(master, first, altered.get(first) as string)).toThrow(SealedTextError);
    const badText = texts[1].replace(/:0:([A-Za-z0-9_-])/, (_m, c: string) => `:0:${c === 'A' ? 'B' : 'A'}`);
    expect(() => openJsonTextsWithKeys(master, wrapped, [texts[0], badText])).toThrow(SealedTextError);
  });
});

describe('TextOpener on its opening thread', () => {
  it('opens large batches on the thread exactly as on the calling thread, keys given or loaded', async () => {
    const { wrapped, texts } = sealedPage(250);
    const erased = [...wrapped.keys()][7];
    wrapped.delete(erased);
    let loads = 0;
    const load = async (ids: readonly string[]) => {
      loads++;
      return new Map([...wrapped].filter(([id]) => ids.includes(id)));
    };
    const local = new TextOpener(master, load);
    const threaded = new TextOpener(master, load, { thread: true });
    try {
      await threaded.warm();
      const expected = await local.openJsonTexts(texts);
      expect(await threaded.openJsonTexts(texts)).toEqual(expected);
      expect(await threaded.openJsonTexts(texts, wrapped)).toEqual(expected);
      expect(loads).toBe(2); // the known keys were not loaded again
      expect(expected[7].redacted).toBe(true);
    } finally {
      await threaded.close();
    }
  }, 30_000);

  it('fails a batch whose text was altered, with the sealed-text error, and keeps working', async () => {
    const { wrapped, texts } = sealedPage(120);
    const threaded = new TextOpener(master, async () => wrapped, { thread: true });
    try {
      await threaded.warm();
      const altered = [...texts];
      altered[60] = altered[60].replace(/:1:([A-Za-z0-9_-])/, (_m, c: string) => `:1:${c === 'A' ? 'B' : 'A'}`);
      await expect(threaded.openJsonTexts(altered, wrapped)).rejects.toBeInstanceOf(SealedTextError);
      expect((await threaded.openJsonTexts(texts, wrapped)).every((o) => !o.redacted)).toBe(true);
    } finally {
      await threaded.close();
    }
  }, 30_000);
});
