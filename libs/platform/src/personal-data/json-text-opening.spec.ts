import { randomBytes } from 'node:crypto';
import { openSealedLines } from './json-text-opening';
import { unwrapKeysUnchecked } from './key-unwrap-batch';
import { nativeGcm } from './native-gcm';
import { newDataKey, newKeyId, SealedTextError, sealText, unwrapKey, wrapKey } from './sealed-text';
import { TextOpener } from './text-opener';

const master = randomBytes(32);

function sealedPage(n: number) {
  const wrapped = new Map<string, string>();
  const lines: string[] = [];
  const plain: string[] = [];
  for (let i = 0; i < n; i++) {
    const keyId = newKeyId();
    const key = newDataKey();
    wrapped.set(keyId, wrapKey(master, keyId, key));
    const summary = `Profesora ${i}, "lectura" compartida\ncon ñandú 📚`;
    plain.push(JSON.stringify({ i, summary, lessons: [summary, 'dos'] }));
    lines.push(
      JSON.stringify({
        i,
        summary: sealText(key, keyId, summary, 0),
        lessons: [sealText(key, keyId, summary, 1), 'dos'],
      }),
    );
  }
  return { wrapped, lines, plain, ndjson: lines.map((l) => `${l}\n`).join('') };
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

describe.each([
  ['in one native call', nativeGcm()],
  ["text by text with Node's crypto", undefined],
])('opening sealed strings inside NDJSON text, %s', (_how, gcm) => {
  const open = (wrapped: ReadonlyMap<string, string>, ndjson: string) => openSealedLines(master, wrapped, ndjson, gcm);

  it('gives the JSON of the plain text for every string, escapes and all', () => {
    const { wrapped, lines, plain } = sealedPage(300);
    expect(open(wrapped, [...lines, ''].join('\n'))).toBe([...plain, ''].join('\n'));
  });

  it('refuses an ordinal longer than a nonce holds, as openText does', () => {
    const { wrapped, lines } = sealedPage(1);
    expect(() => open(wrapped, lines[0].replace(/:0:/, ':0000000000:'))).toThrow(/malformed/);
  });

  it('gives the plain lines, and null with redacted where a key is gone', () => {
    const { wrapped, lines, plain } = sealedPage(5);
    wrapped.delete([...wrapped.keys()][2]);
    const opened = open(wrapped, [...lines, '{"sin":"texto"}', ''].join('\n')).split('\n');
    expect(opened).toHaveLength(7);
    // Every other line whole, those after the lost one included.
    expect([0, 1, 3, 4].map((i) => opened[i])).toEqual([0, 1, 3, 4].map((i) => plain[i]));
    expect(JSON.parse(opened[2])).toEqual({ i: 2, summary: null, lessons: [null, 'dos'], redacted: true });
    expect(opened.map((l) => l.includes('"redacted":true'))).toEqual([false, false, true, false, false, false, false]);
    expect(opened.slice(5)).toEqual(['{"sin":"texto"}', '']);
  });

  it('says the wrap was altered when it was, and the text when the text was', () => {
    const { wrapped, lines, ndjson } = sealedPage(2);
    const [first] = wrapped.keys();
    const [format, iv, body] = (wrapped.get(first) as string).split(':');
    const flipped = Buffer.from(body, 'base64url');
    flipped[3] ^= 1;
    const altered = new Map(wrapped).set(first, `${format}:${iv}:${flipped.toString('base64url')}`);
    expect(() => open(altered, ndjson)).toThrow(/wrapped|authentication/);
    // The checked unwrap of the altered wrap is what fails (not only the text).
    expect(() => unwrapKey(master, first, altered.get(first) as string)).toThrow(SealedTextError);
    const badLine = lines[1].replace(/:0:([A-Za-z0-9_-])/, (_m: string, c: string) => `:0:${c === 'A' ? 'B' : 'A'}`);
    expect(() => open(wrapped, `${lines[0]}\n${badLine}\n`)).toThrow(SealedTextError);
  });
});

describe('TextOpener on its opening threads', () => {
  it('opens large pages on the threads exactly as on the calling thread, keys given or loaded', async () => {
    const { wrapped, ndjson } = sealedPage(250);
    wrapped.delete([...wrapped.keys()][7]);
    let loads = 0;
    const load = async (ids: readonly string[]) => {
      loads++;
      return new Map([...wrapped].filter(([id]) => ids.includes(id)));
    };
    const local = new TextOpener(master, load);
    const threaded = new TextOpener(master, load, { threads: 2 });
    try {
      await threaded.warm();
      const expected = await local.openLines(ndjson);
      expect(typeof expected).toBe('string');
      const onThread = await threaded.openLines(ndjson);
      expect(Buffer.isBuffer(onThread)).toBe(true);
      expect(onThread.toString()).toBe(expected);
      // Several pages at once spread over both threads, each answer its own page.
      const pages = await Promise.all([0, 1, 2, 3].map(() => threaded.openLines(ndjson, wrapped)));
      for (const page of pages) expect(page.toString()).toBe(expected);
      expect(loads).toBe(2); // the known keys were not loaded again
      expect(String(expected).split('\n')[7]).toContain('"redacted":true');
    } finally {
      await threaded.close();
    }
  }, 30_000);

  it('fails a page whose text was altered, with the sealed-text error, and keeps working', async () => {
    const { wrapped, lines, ndjson } = sealedPage(120);
    const threaded = new TextOpener(master, async () => wrapped, { threads: 1 });
    try {
      await threaded.warm();
      const altered = [...lines];
      altered[60] = altered[60].replace(/:1:([A-Za-z0-9_-])/, (_m: string, c: string) => `:1:${c === 'A' ? 'B' : 'A'}`);
      await expect(threaded.openLines(altered.join('\n'), wrapped)).rejects.toBeInstanceOf(SealedTextError);
      expect((await threaded.openLines(ndjson, wrapped)).toString()).not.toContain('redacted');
    } finally {
      await threaded.close();
    }
  }, 30_000);
});
