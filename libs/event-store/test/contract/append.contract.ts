import { StoreUnavailableError, WrongExpectedVersionError } from '../../src';
import { type ContractContext, ev, events, rejected } from './harness';

const ISO = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/;

export function appendContract(ctx: ContractContext): void {
  describe('append', () => {
    it('appends and reads back versions 1..n with increasing positions and recordedAt', async () => {
      const id = ctx.stream('happy');
      const first = await ctx.store.appendToStream(id, events(3), { expectedVersion: 'no_stream' });
      const second = await ctx.store.appendToStream(id, events(2), { expectedVersion: 3 });
      expect(first.nextExpectedVersion).toBe(3);
      expect(second.nextExpectedVersion).toBe(5);
      const read = await ctx.store.readStream(id);
      expect(read.map((e) => e.version)).toEqual([1, 2, 3, 4, 5]);
      expect(read.map((e) => e.data)).toEqual([{ i: 0 }, { i: 1 }, { i: 2 }, { i: 0 }, { i: 1 }]);
      for (let i = 1; i < read.length; i++) expect(read[i].position).toBeGreaterThan(read[i - 1].position);
      expect(read[0].metadata.recordedAt).toMatch(ISO);
      // What the append returned is what a read returns.
      expect([...first.events, ...second.events]).toEqual(read);
      expect(second.lastPosition).toBe(read[4].position);
      expect(await ctx.store.streamVersion(id)).toBe(5);
      expect(await ctx.store.streamVersion(ctx.stream('absent'))).toBe(0);
      expect(await ctx.store.headPosition()).toBeGreaterThanOrEqual(read[4].position);
      await expect(ctx.store.ping()).resolves.toBeUndefined();
    });

    it('the store sets recordedAt, overriding a caller value', async () => {
      const id = ctx.stream('recorded');
      const before = Date.now();
      await ctx.store.appendToStream(id, [ev('T', {}, { actor: 'a', recordedAt: 'fake' })], { expectedVersion: 'any' });
      const [read] = await ctx.store.readStream(id);
      expect(Object.keys(read.metadata)).toEqual(['actor', 'recordedAt']);
      expect(Date.parse(read.metadata.recordedAt)).toBeGreaterThanOrEqual(before - 1);
    });

    it("honours expectedVersion: number, 'no_stream' and 'any'", async () => {
      const id = ctx.stream('expected');
      await ctx.store.appendToStream(id, events(1), { expectedVersion: 0 });
      await expect(ctx.store.appendToStream(id, events(1), { expectedVersion: 'no_stream' })).rejects.toMatchObject({
        name: 'WrongExpectedVersionError',
        code: 'VERSION.CONFLICT',
        streamId: id,
        expectedVersion: 'no_stream',
        actualVersion: 1,
      });
      await expect(ctx.store.appendToStream(id, events(1), { expectedVersion: 0 })).rejects.toBeInstanceOf(
        WrongExpectedVersionError,
      );
      await expect(ctx.store.appendToStream(id, events(1), { expectedVersion: 7 })).rejects.toMatchObject({
        expectedVersion: 7,
        actualVersion: 1,
      });
      await ctx.store.appendToStream(id, events(1), { expectedVersion: 1 });
      const any = await ctx.store.appendToStream(id, events(2), { expectedVersion: 'any' });
      expect(any.nextExpectedVersion).toBe(4);
      const fresh = await ctx.store.appendToStream(ctx.stream('fresh'), events(1), { expectedVersion: 'any' });
      expect(fresh.events[0].version).toBe(1);
      expect(await ctx.store.streamVersion(id)).toBe(4);
    });

    it('rejects malformed appends on their own, without touching the batch', async () => {
      const id = ctx.stream('malformed');
      const results = await Promise.allSettled([
        ctx.store.appendToStream('', events(1), { expectedVersion: 'any' }),
        ctx.store.appendToStream(id, events(1), { expectedVersion: -1 }),
        ctx.store.appendToStream(id, [ev('T', { big: BigInt(1) })], { expectedVersion: 'any' }),
        ctx.store.appendToStream(id, events(1), { expectedVersion: 'no_stream' }),
      ]);
      expect(rejected(results)).toHaveLength(3);
      expect(results[3].status).toBe('fulfilled');
    });

    it('an append of no events only checks the version', async () => {
      const id = ctx.stream('empty');
      const result = await ctx.store.appendToStream(id, [], { expectedVersion: 'no_stream' });
      expect(result).toEqual({ nextExpectedVersion: 0, lastPosition: 0, events: [] });
      await ctx.store.appendToStream(id, events(1), { expectedVersion: 0 });
      await expect(ctx.store.appendToStream(id, [], { expectedVersion: 0 })).rejects.toBeInstanceOf(
        WrongExpectedVersionError,
      );
    });

    it('finishes queued appends on close and refuses later ones', async () => {
      const store = await ctx.harness.open();
      const id = ctx.stream('closing');
      const pending = store.appendToStream(id, events(2), { expectedVersion: 'no_stream' });
      await store.close();
      await expect(pending).resolves.toMatchObject({ nextExpectedVersion: 2 });
      await expect(store.appendToStream(id, events(1), { expectedVersion: 2 })).rejects.toBeInstanceOf(
        StoreUnavailableError,
      );
      expect(await ctx.store.streamVersion(id)).toBe(2);
    });
  });
}
