import { randomBytes } from 'node:crypto';
import {
  isSealed,
  newDataKey,
  newKeyId,
  openText,
  SealedTextError,
  sealedKeyId,
  sealText,
  unwrapKey,
  wrapKey,
} from './sealed-text';
import { TextOpener } from './text-opener';
import { sealEvents } from './text-sealer';

const master = randomBytes(32);

describe('sealed text (SPEC 6.1)', () => {
  it('round-trips any text under its data key, naming the key id', () => {
    const key = newDataKey();
    for (const text of ['', 'Profesora Ana Pérez 📚', 'a:b:c', 'x'.repeat(4000)]) {
      const sealed = sealText(key, 'k1', text, 0);
      expect(isSealed(sealed)).toBe(true);
      expect(sealedKeyId(sealed)).toBe('k1');
      expect(sealed).not.toContain(text || '\u0001');
      expect(openText(key, sealed)).toBe(text);
    }
    expect(JSON.stringify(sealText(key, 'k1', 'hola', 1))).not.toContain('\\u'); // no JSON escape
  });

  it('refuses a tampered ciphertext, another key, or a ciphertext moved under another key id', () => {
    const key = newDataKey();
    const sealed = sealText(key, 'k1', 'Ana Pérez', 3);
    const body = sealed.slice(sealed.lastIndexOf(':') + 1);
    const flipped = Buffer.from(body, 'base64url');
    flipped[0] ^= 1;
    expect(() => openText(key, sealed.replace(body, flipped.toString('base64url')))).toThrow(SealedTextError);
    expect(() => openText(newDataKey(), sealed)).toThrow(SealedTextError);
    expect(() => openText(key, sealed.replace(':k1:', ':k2:'))).toThrow(SealedTextError);
    expect(() => openText(key, `${sealed}:extra`)).toThrow(SealedTextError);
    expect(() => openText(key, sealed.replace(':k1:3:', ':k1:4:'))).toThrow(SealedTextError); // another nonce
  });

  it('wraps data keys with the master key, bound to their key id', () => {
    const key = newDataKey();
    const wrapped = wrapKey(master, 'k1', key);
    expect(unwrapKey(master, 'k1', wrapped).equals(key)).toBe(true);
    expect(() => unwrapKey(master, 'k2', wrapped)).toThrow(SealedTextError);
    expect(() => unwrapKey(randomBytes(32), 'k1', wrapped)).toThrow(SealedTextError);
  });

  it('makes key ids that sort by the millisecond they were made in, and differ within one', () => {
    const start = Date.UTC(2026, 11, 1);
    // Every carry of the 48-bit time shows in the characters: steps of 1 ms, then across each 6-bit digit.
    const times = [0, 1, 2, 63, 64, 65, 4095, 4096, 2 ** 24, 2 ** 30, 2 ** 36 + 5].map((ms) => start + ms);
    const ids = times.flatMap((t) => [newKeyId(t), newKeyId(t)]);
    for (const id of ids) expect(id).toMatch(/^[A-Za-z0-9_-]{16}$/);
    for (let i = 0; i + 2 < ids.length; i += 2) {
      expect(ids[i] < ids[i + 2] && ids[i + 1] < ids[i + 2] && ids[i] < ids[i + 3]).toBe(true);
    }
    expect(new Set(ids).size).toBe(ids.length); // same millisecond, 48 random bits apart
    // A key id is the additional data of its texts, so a sealed string still names it.
    const sealed = sealText(newDataKey(), ids[0], 'texto', 0);
    expect(sealedKeyId(sealed)).toBe(ids[0]);
  });
});

describe('TextOpener', () => {
  const analysed = {
    type: 'CycleAnalysisRecorded' as const,
    data: {
      cycleId: 'c1',
      findings: 'Ana mejoró',
      evidenceLevel: 'classroom' as const,
      lessonsLearned: ['uno', 'dos'],
      analysedOn: '2024-03-01',
    },
  };
  const session = {
    type: 'SessionHeld' as const,
    data: {
      sessionId: 's1',
      heldOn: '2024-03-01',
      facilitator: 'sostenedor' as const,
      schoolsPresent: ['1'],
      attendance: { principals: 1, utpHeads: 0, teachers: 0, sostenedorReps: 0, supervisors: 0 },
      activities: [{ kind: 'planning' as never, minutes: 5, summary: 'Pedro' }],
    },
  };

  it('opens sealed text with one key load, and leaves answers without it untouched', async () => {
    const sealed = sealEvents(master, 'network-x', 1, [analysed, session]);
    const stored = new Map(sealed.keys.map((k) => [k.keyId, k.wrapped]));
    const loads: string[][] = [];
    const opener = new TextOpener(master, async (ids) => {
      loads.push([...ids]);
      return new Map([...stored].filter(([id]) => ids.includes(id)));
    });
    const answer = { events: sealed.events, at: new Date(0) };
    const opened = await opener.open(answer);
    expect(opened.events).toEqual([analysed, session]);
    expect(opened.at).toBeInstanceOf(Date);
    expect(loads).toHaveLength(1);
    const plain = { a: 'b', list: [1, 'x'] };
    expect(await opener.open(plain)).toBe(plain);
    expect(loads).toHaveLength(1);
  });

  it('reads an erased key as null, and marks the event, the session or the holding object redacted', async () => {
    const sealed = sealEvents(master, 'network-x', 1, [analysed, session]);
    const opener = new TextOpener(master, async () => new Map());
    const [event, held] = (await opener.open(sealed.events.map((e) => ({ version: 1, ...e })))) as Array<
      Record<string, unknown>
    >;
    expect(event).toMatchObject({ redacted: true, data: { findings: null, lessonsLearned: [null, null] } });
    expect(held).toMatchObject({ redacted: true, data: { activities: [{ summary: null, minutes: 5 }] } });
    expect((held.data as Record<string, unknown>).redacted).toBeUndefined();
    const text = (sealed.events[0].data as { findings: string }).findings;
    const cycle = { question: text, analyses: [{ findings: text }] };
    expect(await opener.open(cycle)).toEqual({
      question: null,
      redacted: true,
      analyses: [{ findings: null, redacted: true }],
    });
  });

  it('opens sealed strings inside stored NDJSON text as the object opener does, without parsing it', async () => {
    const sealed = sealEvents(master, 'network-x', 1, [analysed, session]);
    const erased = sealed.keys[1].keyId;
    const stored = new Map(sealed.keys.filter((k) => k.keyId !== erased).map((k) => [k.keyId, k.wrapped]));
    const opener = new TextOpener(master, async (ids) => new Map([...stored].filter(([id]) => ids.includes(id))));
    // Quotes, a line break, accents and the prefix's mark inside the plain text survive as JSON.
    const tricky = { ...analysed, data: { ...analysed.data, findings: 'dijo "sí"\nñandú \u007f' } };
    const more = sealEvents(master, 'network-x', 3, [tricky]);
    stored.set(more.keys[0].keyId, more.keys[0].wrapped);
    const plain = { version: 4, data: { cycleId: 'c9', findings: 'sin sellar' } };
    const lines = [...sealed.events, ...more.events].map((e, i) => ({ version: i + 1, data: e.data }));
    const ndjson = [...lines, plain].map((l) => `${JSON.stringify(l)}\n`).join('');
    const opened = String(await opener.openLines(ndjson));
    expect(opened.endsWith('\n')).toBe(true);
    expect(
      opened
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l)),
    ).toEqual([
      { version: 1, data: analysed.data },
      {
        version: 2,
        data: { ...session.data, activities: [{ ...session.data.activities[0], summary: null }] },
        redacted: true,
      },
      { version: 3, data: tricky.data },
      plain,
    ]);
    expect(opened.split('\n')[3]).toBe(JSON.stringify(plain));
  });
});
