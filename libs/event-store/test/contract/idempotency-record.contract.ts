import { IdempotencyKeyHeldError, type IdempotencyRecord, WrongExpectedVersionError } from '../../src';
import { type ContractContext, events, fulfilled, rejected } from './harness';

const inADay = () => new Date(Date.now() + 86_400_000).toISOString();
const record = (key: string, value: string, expiresAt = inADay()): IdempotencyRecord => ({
  scope: 'network-1',
  key,
  value,
  expiresAt,
});

export function idempotencyRecordContract(ctx: ContractContext): void {
  describe('idempotency records', () => {
    it('commits the record with the events, and not when the append fails', async () => {
      const id = ctx.stream('se');
      const key = ctx.stream('key');
      await ctx.store.appendToStream(id, events(1), {
        expectedVersion: 'no_stream',
        idempotency: record(key, '{"v":1}'),
      });
      expect(await ctx.store.readIdempotencyRecord('network-1', key)).toBe('{"v":1}');
      expect(await ctx.store.readIdempotencyRecord('network-2', key)).toBeUndefined();

      const lost = ctx.stream('key');
      await expect(
        ctx.store.appendToStream(id, events(1), { expectedVersion: 0, idempotency: record(lost, 'x') }),
      ).rejects.toBeInstanceOf(WrongExpectedVersionError);
      expect(await ctx.store.readIdempotencyRecord('network-1', lost)).toBeUndefined();
    });

    it('fails an append whose key is taken, writing nothing', async () => {
      const key = ctx.stream('key');
      await ctx.store.appendToStream(ctx.stream('se'), events(1), {
        expectedVersion: 'any',
        idempotency: record(key, 'first'),
      });
      const other = ctx.stream('se');
      await expect(
        ctx.store.appendToStream(other, events(2), {
          expectedVersion: 'no_stream',
          idempotency: record(key, 'second'),
        }),
      ).rejects.toMatchObject({ name: 'IdempotencyKeyHeldError', code: 'IDEMPOTENCY.KEY_HELD', key });
      expect(await ctx.store.streamVersion(other)).toBe(0);
      expect(await ctx.store.readIdempotencyRecord('network-1', key)).toBe('first');
    });

    it('commits several records with one append, or none of them, naming a held key', async () => {
      const id = ctx.stream('se-many');
      const [a, b, c] = [ctx.stream('key'), ctx.stream('key'), ctx.stream('key')];
      await ctx.store.appendToStream(id, events(2), {
        expectedVersion: 'no_stream',
        idempotency: [record(a, 'a'), record(b, 'b')],
      });
      expect(await ctx.store.readIdempotencyRecord('network-1', a)).toBe('a');
      expect(await ctx.store.readIdempotencyRecord('network-1', b)).toBe('b');
      await expect(
        ctx.store.appendToStream(id, events(2), { expectedVersion: 2, idempotency: [record(c, 'c'), record(b, 'b2')] }),
      ).rejects.toMatchObject({ name: 'IdempotencyKeyHeldError', key: b });
      expect(await ctx.store.streamVersion(id)).toBe(2);
      expect(await ctx.store.readIdempotencyRecord('network-1', c)).toBeUndefined();
      expect(await ctx.store.readIdempotencyRecord('network-1', b)).toBe('b');
    });

    it('writes once when concurrent requests carry the same key', async () => {
      const key = ctx.stream('key');
      const streams = [0, 1, 2, 3, 4, 5].map(() => ctx.stream('se-race'));
      const results = await Promise.allSettled(
        streams.map((id, i) =>
          ctx.store.appendToStream(id, events(1), {
            expectedVersion: 'no_stream',
            idempotency: record(key, `v${i}`),
          }),
        ),
      );
      expect(fulfilled(results)).toHaveLength(1);
      expect(rejected(results).every((e) => e instanceof IdempotencyKeyHeldError)).toBe(true);
      const versions = await Promise.all(streams.map((id) => ctx.store.streamVersion(id)));
      expect(versions.filter((v) => v === 1)).toHaveLength(1);
      const winner = versions.indexOf(1);
      expect(await ctx.store.readIdempotencyRecord('network-1', key)).toBe(`v${winner}`);
    });

    it('ignores expired records and lets their key be used again', async () => {
      const key = ctx.stream('key');
      const past = new Date(Date.now() - 1000).toISOString();
      await ctx.store.appendToStream(ctx.stream('se'), events(1), {
        expectedVersion: 'any',
        idempotency: record(key, 'old', past),
      });
      expect(await ctx.store.readIdempotencyRecord('network-1', key)).toBeUndefined();
      await ctx.store.appendToStream(ctx.stream('se'), events(1), {
        expectedVersion: 'any',
        idempotency: record(key, 'new'),
      });
      expect(await ctx.store.readIdempotencyRecord('network-1', key)).toBe('new');
    });

    if (ctx.limits.serverExpiresRecords) {
      it('has no purge (the server expires records), and expired records still free their key', async () => {
        const past = new Date(Date.now() - 1000).toISOString();
        const stream = ctx.stream('purge');
        const [expired, live] = [ctx.stream('old'), ctx.stream('live')];
        await ctx.store.appendToStream(stream, events(1), {
          expectedVersion: 'no_stream',
          idempotency: record(expired, 'old', past),
        });
        await ctx.store.appendToStream(stream, events(1), { expectedVersion: 1, idempotency: record(live, 'kept') });
        // Nothing to purge: the store has no such capability.
        expect(ctx.store.purgeExpiredIdempotencyRecords).toBeUndefined();
        expect(await ctx.store.readIdempotencyRecord('network-1', live)).toBe('kept');
        expect(await ctx.store.readIdempotencyRecord('network-1', expired)).toBeUndefined();
        await ctx.store.appendToStream(stream, events(1), {
          expectedVersion: 2,
          idempotency: record(expired, 'again'),
        });
        expect(await ctx.store.readIdempotencyRecord('network-1', expired)).toBe('again');
      });
      return;
    }

    it('purges expired records a bounded number at a time, keeping live ones and the events', async () => {
      const past = new Date(Date.now() - 1000).toISOString();
      const stream = ctx.stream('purge');
      const expired = [ctx.stream('old'), ctx.stream('old'), ctx.stream('old')];
      const live = ctx.stream('live');
      const purge = ctx.store.purgeExpiredIdempotencyRecords?.bind(ctx.store);
      // An optional capability: a store that expires records itself has nothing to purge.
      if (!purge) return;
      for (const key of [...expired, live]) {
        await ctx.store.appendToStream(stream, events(1), {
          expectedVersion: 'any',
          idempotency: key === live ? record(live, 'kept') : record(key, 'old', past),
        });
      }
      expect(await purge(2)).toBe(2);
      let purged = 2;
      for (let n = -1, rounds = 0; n !== 0; purged += n, rounds++) {
        if (rounds > 10_000) throw new Error('purgeExpiredIdempotencyRecords never answered 0');
        n = await purge(2);
      }
      // Earlier tests of this store may have left expired records too; none is left now.
      expect(purged).toBeGreaterThanOrEqual(expired.length);
      expect(await purge(1000)).toBe(0);
      expect(await ctx.store.readIdempotencyRecord('network-1', live)).toBe('kept');
      expect(await ctx.store.streamVersion(stream)).toBe(4);
      // A purged key is free again.
      await ctx.store.appendToStream(stream, events(1), {
        expectedVersion: 4,
        idempotency: record(expired[0], 'again'),
      });
      expect(await ctx.store.readIdempotencyRecord('network-1', expired[0])).toBe('again');
    });
  });
}
