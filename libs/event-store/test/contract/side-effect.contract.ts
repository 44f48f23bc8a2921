import { SideEffectConflictError, type SideEffect, WrongExpectedVersionError } from '../../src';
import { type ContractContext, events, fulfilled, rejected } from './harness';

const inADay = () => new Date(Date.now() + 86_400_000).toISOString();
const effect = (key: string, value: string, expiresAt = inADay()): SideEffect => ({
  kind: 'idempotency',
  scope: 'network-1',
  key,
  value,
  expiresAt,
});

export function sideEffectContract(ctx: ContractContext): void {
  describe('side effects', () => {
    it('commits side effects with the events, and not when the append fails', async () => {
      const id = ctx.stream('se');
      const key = ctx.stream('key');
      await ctx.store.appendToStream(id, events(1), {
        expectedVersion: 'no_stream',
        sideEffects: [effect(key, '{"v":1}')],
      });
      expect(await ctx.store.readSideEffect('idempotency', 'network-1', key)).toBe('{"v":1}');
      expect(await ctx.store.readSideEffect('idempotency', 'network-2', key)).toBeUndefined();

      const lost = ctx.stream('key');
      await expect(
        ctx.store.appendToStream(id, events(1), { expectedVersion: 0, sideEffects: [effect(lost, 'x')] }),
      ).rejects.toBeInstanceOf(WrongExpectedVersionError);
      expect(await ctx.store.readSideEffect('idempotency', 'network-1', lost)).toBeUndefined();
    });

    it('fails an append whose key is taken, writing nothing', async () => {
      const key = ctx.stream('key');
      await ctx.store.appendToStream(ctx.stream('se'), events(1), {
        expectedVersion: 'any',
        sideEffects: [effect(key, 'first')],
      });
      const other = ctx.stream('se');
      await expect(
        ctx.store.appendToStream(other, events(2), {
          expectedVersion: 'no_stream',
          sideEffects: [effect(ctx.stream('fresh-key'), 'y'), effect(key, 'second')],
        }),
      ).rejects.toMatchObject({ name: 'SideEffectConflictError', code: 'SIDE_EFFECT.CONFLICT', key });
      expect(await ctx.store.streamVersion(other)).toBe(0);
      expect(await ctx.store.readSideEffect('idempotency', 'network-1', key)).toBe('first');
    });

    it('writes once when concurrent requests carry the same key', async () => {
      const key = ctx.stream('key');
      const streams = [0, 1, 2, 3, 4, 5].map(() => ctx.stream('se-race'));
      const results = await Promise.allSettled(
        streams.map((id, i) =>
          ctx.store.appendToStream(id, events(1), {
            expectedVersion: 'no_stream',
            sideEffects: [effect(key, `v${i}`)],
          }),
        ),
      );
      expect(fulfilled(results)).toHaveLength(1);
      expect(rejected(results).every((e) => e instanceof SideEffectConflictError)).toBe(true);
      const versions = await Promise.all(streams.map((id) => ctx.store.streamVersion(id)));
      expect(versions.filter((v) => v === 1)).toHaveLength(1);
      const winner = versions.indexOf(1);
      expect(await ctx.store.readSideEffect('idempotency', 'network-1', key)).toBe(`v${winner}`);
    });

    it('ignores expired records and lets their key be used again', async () => {
      const key = ctx.stream('key');
      const past = new Date(Date.now() - 1000).toISOString();
      await ctx.store.appendToStream(ctx.stream('se'), events(1), {
        expectedVersion: 'any',
        sideEffects: [effect(key, 'old', past)],
      });
      expect(await ctx.store.readSideEffect('idempotency', 'network-1', key)).toBeUndefined();
      await ctx.store.appendToStream(ctx.stream('se'), events(1), {
        expectedVersion: 'any',
        sideEffects: [effect(key, 'new')],
      });
      expect(await ctx.store.readSideEffect('idempotency', 'network-1', key)).toBe('new');
    });

    if (ctx.limits.serverExpiresRecords) {
      it('purge answers 0 (the server expires records), and expired records still free their key', async () => {
        const past = new Date(Date.now() - 1000).toISOString();
        const stream = ctx.stream('purge');
        const [expired, live] = [ctx.stream('old'), ctx.stream('live')];
        await ctx.store.appendToStream(stream, events(1), {
          expectedVersion: 'no_stream',
          sideEffects: [effect(expired, 'old', past), effect(live, 'kept')],
        });
        expect(await ctx.store.purgeExpiredSideEffects(1000)).toBe(0);
        expect(await ctx.store.readSideEffect('idempotency', 'network-1', live)).toBe('kept');
        expect(await ctx.store.readSideEffect('idempotency', 'network-1', expired)).toBeUndefined();
        await ctx.store.appendToStream(stream, events(1), {
          expectedVersion: 1,
          sideEffects: [effect(expired, 'again')],
        });
        expect(await ctx.store.readSideEffect('idempotency', 'network-1', expired)).toBe('again');
      });
      return;
    }

    it('purges expired records a bounded number at a time, keeping live ones and the events', async () => {
      const past = new Date(Date.now() - 1000).toISOString();
      const stream = ctx.stream('purge');
      const expired = [ctx.stream('old'), ctx.stream('old'), ctx.stream('old')];
      const live = ctx.stream('live');
      await ctx.store.appendToStream(stream, events(1), {
        expectedVersion: 'no_stream',
        sideEffects: [...expired.map((k) => effect(k, 'old', past)), effect(live, 'kept')],
      });
      expect(await ctx.store.purgeExpiredSideEffects(2)).toBe(2);
      let purged = 2;
      for (let n = -1; n !== 0; purged += n) n = await ctx.store.purgeExpiredSideEffects(2);
      // Earlier tests of this store may have left expired records too; none is left now.
      expect(purged).toBeGreaterThanOrEqual(expired.length);
      expect(await ctx.store.purgeExpiredSideEffects(1000)).toBe(0);
      expect(await ctx.store.readSideEffect('idempotency', 'network-1', live)).toBe('kept');
      expect(await ctx.store.streamVersion(stream)).toBe(1);
      // A purged key is free again.
      await ctx.store.appendToStream(stream, events(1), {
        expectedVersion: 1,
        sideEffects: [effect(expired[0], 'again')],
      });
      expect(await ctx.store.readSideEffect('idempotency', 'network-1', expired[0])).toBe('again');
    });
  });
}
