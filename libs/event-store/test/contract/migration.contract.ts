import type { HarnessFactory } from './harness';
import { events } from './harness';

export function migrationContract(factory: HarnessFactory): void {
  describe('migrations', () => {
    it('run at open, twice and concurrently from two instances, without error', async () => {
      const harness = await factory(); // a fresh, unmigrated database
      try {
        const [a, b] = await Promise.all([harness.open(), harness.open()]);
        const c = await harness.open();
        await a.appendToStream('m-1', events(2), { expectedVersion: 'no_stream' });
        expect(await b.streamVersion('m-1')).toBe(2);
        expect(await c.readStream('m-1')).toHaveLength(2);
        await Promise.all([a.close(), b.close(), c.close()]);
      } finally {
        await harness.destroy();
      }
    });
  });
}
