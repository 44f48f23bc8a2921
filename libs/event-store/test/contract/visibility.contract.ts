import type { EventStore, RecordedEvent } from '../../src';
import { type ContractContext, events, gate, sleep } from './harness';

export function visibilityContract(ctx: ContractContext): void {
  describe('visibility of uncommitted appends', () => {
    const skip = ctx.limits.noCommitHooks;
    (skip ? it.skip : it)(
      `a reader never sees a later append before an earlier one still committing (no gaps)${skip ? ` [skipped: ${skip}]` : ''}`,
      async () => {
        const held = gate();
        const release = gate();
        let first = true;
        // Open every store before the write starts: on SQLite, opening runs migrations, which need the write lock.
        const slow = await ctx.harness.open({
          hooks: {
            beforeCommit: async () => {
              if (!first) return;
              first = false;
              held.open();
              await release.promise;
            },
          },
        });
        const fast = ctx.harness.adapter === 'postgres' ? await ctx.harness.open() : undefined;
        const reader = ctx.store;
        try {
          const head = await reader.headPosition();
          const [s1, s2] = [ctx.stream('gap-first'), ctx.stream('gap-second')];
          const firstAppend = slow.appendToStream(s1, events(1), { expectedVersion: 'no_stream' });
          let acknowledged = false;
          void firstAppend.then(
            () => (acknowledged = true),
            () => (acknowledged = true),
          );
          await held.promise; // s1's row is written, its transaction open
          // On SQLite the open transaction holds the only write lock, so a second writer could
          // only wait (blocking the event loop); there the test is that the open write is invisible.
          const secondAppend = fast?.appendToStream(s2, events(1), { expectedVersion: 'no_stream' });
          if (secondAppend) await ctx.harness.waitForBlockedWriter!();

          const tail = tailUntil(reader, head, secondAppend ? 2 : 1);
          for (let i = 0; i < 5; i++) {
            expect(await reader.readAll({ after: head })).toEqual([]);
            expect(await reader.streamVersion(s1)).toBe(0);
            // Not acknowledged before COMMIT: a caller told "written" must find it written, even after a crash.
            expect(acknowledged).toBe(false);
            await sleep(10);
          }
          release.open();
          const results = await Promise.all([firstAppend, secondAppend]);
          const seen = await tail;
          expect(seen.map((e) => e.streamId)).toEqual(secondAppend ? [s1, s2] : [s1]);
          if (results[1]) expect(results[1].lastPosition).toBeGreaterThan(results[0].lastPosition);
          expect(await reader.readAll({ after: head })).toEqual(seen);
        } finally {
          release.open();
          await slow.close();
          await fast?.close();
        }
      },
    );
  });
}

/** A checkpointed reader, as a projection runner would be: it moves `after` past everything it saw. */
async function tailUntil(reader: EventStore, after: number, count: number): Promise<RecordedEvent[]> {
  const seen: RecordedEvent[] = [];
  const deadline = Date.now() + 10_000;
  while (seen.length < count) {
    if (Date.now() > deadline) throw new Error(`tail saw ${seen.length} of ${count} events: one was skipped`);
    const page = await reader.readAll({ after });
    seen.push(...page);
    if (page.length) after = page[page.length - 1].position;
    else await sleep(2);
  }
  return seen;
}
