import type { NewEvent } from '../../src';
import type { ContractContext } from './harness';

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
        const baseline = process.memoryUsage().heapUsed;
        let peak = baseline;
        let expected = 1;
        let lastPosition = 0;
        for (let from = 1; ; from += PAGE) {
          const page = await ctx.store.readStream(id, { fromVersion: from, limit: PAGE });
          if (page.length === 0) break;
          for (const e of page) {
            if (e.version !== expected || (e.data as { n: number }).n !== expected - 1 || e.position <= lastPosition) {
              throw new Error(`out of order at version ${expected}: got ${e.version} at ${e.position}`);
            }
            expected++;
            lastPosition = e.position;
          }
          peak = Math.max(peak, process.memoryUsage().heapUsed);
        }
        expect(expected - 1).toBe(TOTAL);
        expect(peak - baseline).toBeLessThan(50 * 1024 * 1024);
      },
      ctx.limits.scaleTimeoutMs,
    );
  });
}
