import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import type { NewEvent } from '../../src';
import type { ContractContext } from './harness';

/**
 * The heap still in use after a full collection: what a reader retains, not the
 * garbage it has yet to collect (which depends on GC timing, and on a gRPC
 * transport in the same process is hundreds of MB between major collections).
 */
function retainedHeap(): number {
  setFlagsFromString('--expose-gc');
  (runInNewContext('gc') as () => void)();
  return process.memoryUsage().heapUsed;
}

const TOTAL = 100_000;
const CHUNK = 10_000;
const PAGE = 1_000;

export function scaleContract(ctx: ContractContext): void {
  describe('scale', () => {
    it(
      `reads a ${TOTAL.toLocaleString('en')}-event stream back in order, page by page, with bounded memory`,
      async () => {
        const id = ctx.stream('big');
        for (let from = 0; from < TOTAL; from += CHUNK) {
          const chunk: NewEvent[] = Array.from({ length: CHUNK }, (_, i) => ({
            type: 'SessionHeld',
            data: { n: from + i, school: 'Escuela Básica Los Ñandúes', notes: 'x'.repeat(64) },
          }));
          await ctx.store.appendToStream(id, chunk, { expectedVersion: from === 0 ? 'no_stream' : from });
        }
        const baseline = retainedHeap();
        let peak = baseline;
        let expected = 1;
        let lastPosition = 0;
        for (let from = 1; ; from += PAGE) {
          if (from > TOTAL + PAGE) throw new Error(`paged past ${TOTAL} events without an empty page`);
          const page = await ctx.store.readStream(id, { fromVersion: from, limit: PAGE });
          if (page.length === 0) break;
          for (const e of page) {
            if (e.version !== expected || (e.data as { n: number }).n !== expected - 1 || e.position <= lastPosition) {
              throw new Error(`out of order at version ${expected}: got ${e.version} at ${e.position}`);
            }
            expected++;
            lastPosition = e.position;
          }
          if (from % (10 * PAGE) === 1) peak = Math.max(peak, retainedHeap()); // every 10th page, holding the page read
        }
        expect(expected - 1).toBe(TOTAL);
        expect(peak - baseline).toBeLessThan(50 * 1024 * 1024);
      },
      ctx.limits.scaleTimeoutMs,
    );
  });
}
