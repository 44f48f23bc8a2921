import type { RecordedEvent } from '../../src';
import { type ContractContext, ev, events } from './harness';

/** Key order is deliberately not alphabetical: a store that reorders keys (jsonb) fails. */
const spanish = {
  zona: 'Región de Ñuble',
  acta: {
    título: 'Reunión de coordinación — ¿qué aprendimos? ¡Mucho!',
    asistentes: ['Sra. Muñoz', 'Sr. Peña', 'Prof. Ibáñez'],
    notas: 'Acordamos revisar la práctica pedagógica 📚✏️🎓 y el niño 👩🏽‍🏫 dijo «sí»',
    vacío: {},
    lista: [],
  },
  números: [0, -1, 3.14159, 1e-7, 12345678901234, 0.1],
  flags: { z: true, a: false, m: null },
  'clave con espacios': 'línea 1\nlínea 2\t"citada" \\ barra / fin',
  a: 1,
};

/** Strings whose JSON holds \u escapes, which some PostgreSQL decoders reject. */
const escapes = { nul: 'a\u0000b', lone: 'x\ud83d', control: '\u0001\u001f', path: 'C:\\users\\ñ' };

export function readContract(ctx: ContractContext): void {
  describe('read', () => {
    it('answers the versions of given streams, 0 for an absent one, where the store offers streamVersions', async () => {
      if (!ctx.store.streamVersions) return; // optional: KurrentDB has no index to look them up in
      const [a, b, absent] = [ctx.stream('versions-a'), ctx.stream('versions-b'), ctx.stream('versions-absent')];
      await ctx.store.appendToStream(a, events(3), { expectedVersion: 'no_stream' });
      await ctx.store.appendToStream(b, events(1), { expectedVersion: 'no_stream' });
      await ctx.store.appendToStream(a, events(2), { expectedVersion: 3 });
      expect(await ctx.store.streamVersions([b, absent, a])).toEqual(
        new Map([
          [b, 1],
          [absent, 0],
          [a, 5],
        ]),
      );
      expect(await ctx.store.streamVersions([])).toEqual(new Map());
    });

    it('reads data and metadata back byte-identical (accents, ñ, emoji, nesting, key order)', async () => {
      const id = ctx.stream('bytes');
      const metadata = { correlationId: 'c-ñ-1', actor: 'tok_é', idempotencyKey: '🔑', nested: { y: 1, b: 2 } };
      const given = [
        ev('ActaRegistrada', spanish, metadata),
        ev('Vacío', 'texto'),
        ev('Escapes', escapes, { escapes }),
      ];
      // From a position the store gave out: a KurrentDB server may refuse to read $all from one inside a record (p - 1).
      const head = await ctx.store.headPosition();
      // One append per payload kind and one append with all: adapters may encode them differently.
      const appended = await ctx.store.appendToStream(id, given.slice(0, 2), { expectedVersion: 'no_stream' });
      const withEscapes = await ctx.store.appendToStream(id, given.slice(2), { expectedVersion: 2 });
      const fromStream = await ctx.store.readStream(id);
      const fromAll = (await ctx.store.readAll({ after: head, limit: 3 })).filter((e) => e.streamId === id);
      for (const read of [fromStream, fromAll, [...appended.events, ...withEscapes.events]]) {
        expect(read).toHaveLength(3);
        read.forEach((event, i) => {
          expect(event.type).toBe(given[i].type);
          expect(JSON.stringify(event.data)).toBe(JSON.stringify(given[i].data));
          expect(JSON.stringify(event.metadata)).toBe(
            JSON.stringify({ ...given[i].metadata, recordedAt: event.metadata.recordedAt }),
          );
        });
      }
      const mixed = ctx.stream('bytes-mixed');
      await ctx.store.appendToStream(mixed, given, { expectedVersion: 'no_stream' });
      const back = await ctx.store.readStream(mixed);
      expect(back.map((e) => JSON.stringify(e.data))).toEqual(given.map((e) => JSON.stringify(e.data)));
    });

    it('text reads (where the store has them) hand over the same events as stored JSON text', async () => {
      const { readAllText, readStreamText } = ctx.store;
      if (!readAllText || !readStreamText) {
        expect(ctx.harness.adapter).toBe('kurrentdb'); // the SQL stores must have them
        return;
      }
      const id = ctx.stream('text');
      const head = await ctx.store.headPosition();
      await ctx.store.appendToStream(id, [ev('ActaRegistrada', spanish, { a: 'ñ' }), ev('Escapes', escapes)], {
        expectedVersion: 'no_stream',
      });
      const parsed = await ctx.store.readStream(id);
      const asText = (e: RecordedEvent) => ({
        ...e,
        data: JSON.stringify(e.data),
        metadata: JSON.stringify(e.metadata),
      });
      const reparse = (e: { data: string; metadata: string }) => ({
        ...e,
        data: JSON.stringify(JSON.parse(e.data)),
        metadata: JSON.stringify(JSON.parse(e.metadata)),
      });
      expect((await readStreamText.call(ctx.store, id)).map(reparse)).toEqual(parsed.map(asText));
      expect((await readStreamText.call(ctx.store, id, { fromVersion: 2 })).map(reparse)).toEqual([asText(parsed[1])]);
      const fromAll = (await readAllText.call(ctx.store, { after: head, limit: 10 })).filter((e) => e.streamId === id);
      expect(fromAll.map(reparse)).toEqual(parsed.map(asText));
    });

    it('gives strictly increasing positions across interleaved streams', async () => {
      const head = await ctx.store.headPosition();
      const ids = [ctx.stream('a'), ctx.stream('b'), ctx.stream('c')];
      await Promise.all(
        ids.flatMap((id) => [0, 1, 2].map(() => ctx.store.appendToStream(id, events(2), { expectedVersion: 'any' }))),
      );
      const all = await ctx.store.readAll({ after: head, limit: 100 });
      const ours = all.filter((e) => ids.includes(e.streamId));
      expect(ours).toHaveLength(18);
      for (let i = 1; i < all.length; i++) expect(all[i].position).toBeGreaterThan(all[i - 1].position);
      for (const id of ids) {
        expect(ours.filter((e) => e.streamId === id).map((e) => e.version)).toEqual([1, 2, 3, 4, 5, 6]);
      }
    });

    it('pages a stream with fromVersion, toVersion and limit', async () => {
      const id = ctx.stream('paging');
      await ctx.store.appendToStream(id, events(25), { expectedVersion: 'no_stream' });
      const versions = (es: RecordedEvent[]) => es.map((e) => e.version);
      expect(versions(await ctx.store.readStream(id, { limit: 10 }))).toEqual(range(1, 10));
      expect(versions(await ctx.store.readStream(id, { fromVersion: 11, limit: 10 }))).toEqual(range(11, 20));
      expect(versions(await ctx.store.readStream(id, { fromVersion: 21, limit: 10 }))).toEqual(range(21, 25));
      expect(versions(await ctx.store.readStream(id, { fromVersion: 5, toVersion: 8 }))).toEqual(range(5, 8));
      expect(versions(await ctx.store.readStream(id, { fromVersion: 5, toVersion: 8, limit: 2 }))).toEqual([5, 6]);
      expect(await ctx.store.readStream(id, { fromVersion: 26 })).toEqual([]);
      expect(await ctx.store.readStream(ctx.stream('none'))).toEqual([]);
      await expect(ctx.store.readStream(id, { limit: 0 })).rejects.toBeInstanceOf(RangeError);
    });

    it('pages the global log with after and limit', async () => {
      const head = await ctx.store.headPosition();
      const id = ctx.stream('all-paging');
      await ctx.store.appendToStream(id, events(23), { expectedVersion: 'no_stream' });
      const seen: RecordedEvent[] = [];
      // Bounded: a readAll that included `after` would answer the same page for ever (and synchronous
      // SQLite reads starve jest's timeout), so the test must fail rather than hang.
      for (let after = head, pages = 0; ; pages++) {
        if (pages > 5)
          throw new Error(`23 events in pages of 5 took more than 5 pages: readAll does not move past after`);
        const page = await ctx.store.readAll({ after, limit: 5 });
        if (page.length === 0) break;
        expect(page.length).toBeLessThanOrEqual(5);
        expect(page[0].position).toBeGreaterThan(after);
        seen.push(...page);
        after = page[page.length - 1].position;
      }
      expect(seen.map((e) => e.version)).toEqual(range(1, 23));
      expect(await ctx.store.readAll({ after: seen[22].position })).toEqual([]);
      expect(await ctx.store.headPosition()).toBe(seen[22].position);
    });
  });
}

export const range = (from: number, to: number): number[] => Array.from({ length: to - from + 1 }, (_, i) => from + i);
