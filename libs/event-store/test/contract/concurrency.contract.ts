import { type AppendResult, type RecordedEvent, WrongExpectedVersionError } from '../../src';
import { type ContractContext, events, fulfilled, rejected } from './harness';

export function concurrencyContract(ctx: ContractContext): void {
  describe('concurrency', () => {
    it('of 16 concurrent appends with one expected version, exactly one wins', async () => {
      const id = ctx.stream('sixteen');
      await ctx.store.appendToStream(id, events(2), { expectedVersion: 'no_stream' });
      const results = await Promise.allSettled(
        Array.from({ length: 16 }, () => ctx.store.appendToStream(id, events(3), { expectedVersion: 2 })),
      );
      expect(fulfilled(results)).toHaveLength(1);
      const errors = rejected(results) as WrongExpectedVersionError[];
      expect(errors).toHaveLength(15);
      for (const e of errors) {
        expect(e).toBeInstanceOf(WrongExpectedVersionError);
        expect(e).toMatchObject({ streamId: id, expectedVersion: 2, actualVersion: 5 });
      }
      expect(await ctx.store.streamVersion(id)).toBe(5);
    });

    it('fails only the conflicting appends of a mixed batch, checking one stream in order', async () => {
      const [a, b, c, d] = ['a', 'b', 'c', 'd'].map((l) => ctx.stream(`mixed-${l}`));
      await ctx.store.appendToStream(b, events(1), { expectedVersion: 'no_stream' });
      // Issued in one tick, so they share a batch.
      const results = await Promise.allSettled([
        ctx.store.appendToStream(a, events(1), { expectedVersion: 'no_stream' }),
        ctx.store.appendToStream(b, events(1), { expectedVersion: 'no_stream' }), // conflicts: b is at 1
        ctx.store.appendToStream(d, events(2), { expectedVersion: 0 }),
        ctx.store.appendToStream(d, events(1), { expectedVersion: 2 }), // sees the previous append's version
        ctx.store.appendToStream(c, events(1), { expectedVersion: 5 }), // conflicts: c does not exist
        ctx.store.appendToStream(d, events(1), { expectedVersion: 0 }), // conflicts: d is at 3 by now
        ctx.store.appendToStream(b, events(1), { expectedVersion: 1 }),
      ]);
      expect(results.map((r) => r.status)).toEqual([
        'fulfilled',
        'rejected',
        'fulfilled',
        'fulfilled',
        'rejected',
        'rejected',
        'fulfilled',
      ]);
      expect(rejected(results).map((e) => (e as WrongExpectedVersionError).actualVersion)).toEqual([1, 0, 3]);
      const versions = await Promise.all([a, b, c, d].map((id) => ctx.store.streamVersion(id)));
      expect(versions).toEqual([1, 2, 0, 3]);
      expect((results[3] as PromiseFulfilledResult<AppendResult>).value.events[0].version).toBe(3);
    });

    it('two store instances ("processes") racing on one stream: exactly one wins', async () => {
      const other = await ctx.harness.open();
      try {
        const id = ctx.stream('two-procs');
        const results = await Promise.allSettled(
          Array.from({ length: 12 }, (_, i) =>
            (i % 2 ? other : ctx.store).appendToStream(id, events(1), { expectedVersion: 'no_stream' }),
          ),
        );
        expect(fulfilled(results)).toHaveLength(1);
        expect(rejected(results).every((e) => (e as WrongExpectedVersionError).actualVersion === 1)).toBe(true);
        expect(await other.readStream(id)).toHaveLength(1);
      } finally {
        await other.close();
      }
    });

    it('a reader tailing readAll never skips an event while two instances write', async () => {
      const other = await ctx.harness.open();
      try {
        const head = await ctx.store.headPosition();
        const writers = [ctx.store, other].flatMap((store) =>
          [0, 1, 2, 3].map(async () => {
            const id = ctx.stream('tail');
            for (let v = 0; v < 25; v++) await store.appendToStream(id, events(1), { expectedVersion: v });
          }),
        );
        const seen: RecordedEvent[] = [];
        let done = false;
        const writing = Promise.all(writers).finally(() => (done = true));
        const deadline = Date.now() + 60_000;
        for (let after = head; ;) {
          // Bounded in time and in events: a reader that does not move past `after` must fail, not hang.
          if (Date.now() > deadline || seen.length > 200) throw new Error(`tail read ${seen.length} events of 200`);
          const writersFinished = done; // read before the query, so an empty page after it proves the end
          const page = await other.readAll({ after, limit: 50 });
          if (page.length) expect(page[0].position).toBeGreaterThan(after);
          seen.push(...page);
          if (page.length) after = page[page.length - 1].position;
          else if (writersFinished) break;
          else await new Promise((resolve) => setImmediate(resolve));
        }
        await writing;
        const truth = await ctx.store.readAll({ after: head, limit: 1000 });
        expect(truth).toHaveLength(200);
        expect(seen.map((e) => e.position)).toEqual(truth.map((e) => e.position));
      } finally {
        await other.close();
      }
    });
  });
}
