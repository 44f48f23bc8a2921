import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setImmediate as tick } from 'node:timers/promises';
import { networkStreamId } from '@indaga/domain';
import { networkRegistered, sessionHeld } from '@indaga/domain/testing';
import { EventStore, openSqliteEventStore } from '@indaga/event-store';
import { EXPORT_PAGE, eventsNdjson, LINES_AHEAD, linesAhead, READ_AHEAD_BYTES } from './events-export';

/** The export is pulled from a real SQLite store: a reader that stops reading stops the store reads. */
describe('events.ndjson stream', () => {
  let dir: string;
  let store: EventStore;
  const total = EXPORT_PAGE * 20 + 17;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'events-export-'));
    store = await openSqliteEventStore({ path: join(dir, 'events.db') });
    const events = [
      networkRegistered(),
      ...Array.from({ length: total - 1 }, (_, i) => sessionHeld(`s${i}`, '2024-03-01')),
    ];
    for (let i = 0; i < events.length; i += 1_000)
      await store.appendToStream(networkStreamId('red-larga'), events.slice(i, i + 1_000), { expectedVersion: 'any' });
  });
  afterAll(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  /** The real store, counting its reads of the whole log, parsed or as text (nothing else changes). */
  function counting(): { store: EventStore; reads: () => number } {
    let reads = 0;
    const counted = new Proxy(store, {
      get(target, prop, receiver) {
        if (prop === 'readAll')
          return (...args: Parameters<EventStore['readAll']>) => (reads++, target.readAll(...args));
        if (prop === 'readAllText')
          return (...args: Parameters<EventStore['readAll']>) => (reads++, target.readAllText!(...args));
        const value = Reflect.get(target, prop, receiver) as unknown;
        return typeof value === 'function' ? value.bind(target) : value;
      },
    });
    return { store: counted, reads: () => reads };
  }

  it('reads the log page by page only as fast as it is consumed (backpressure)', async () => {
    const { store: counted, reads } = counting();
    const stream = eventsNdjson(counted, {});
    const first = await new Promise<Buffer>((resolve) => stream.once('data', resolve));
    stream.pause();
    for (let i = 0; i < 50; i++) await tick();
    // A paused reader holds the export at its read-ahead (about 1 MiB, plus the pages being opened), not the 21 pages of the log.
    expect(first.toString().split('\n').length - 1).toBe(EXPORT_PAGE);
    expect(reads()).toBeGreaterThan(1);
    expect(reads()).toBeLessThanOrEqual(1 + LINES_AHEAD + Math.ceil(READ_AHEAD_BYTES / first.length));
    stream.destroy();
  });

  it('streams every event once, in position order', async () => {
    let text = '';
    for await (const chunk of eventsNdjson(store, {})) text += String(chunk);
    const positions = text
      .trim()
      .split('\n')
      .map((l) => (JSON.parse(l) as { position: number }).position);
    expect(positions).toHaveLength(total);
    expect(positions).toEqual([...positions].sort((a, b) => a - b));
  });

  it('makes pages ahead but gives their lines in page order, and a failed page fails the export at its turn', async () => {
    async function* pages(n: number) {
      for (let i = 0; i < n; i++) yield i;
    }
    const delays = [30, 1, 15, 0, 5, 2];
    const made: string[] = [];
    for await (const text of linesAhead(pages(6), async (i) => {
      await new Promise((resolve) => setTimeout(resolve, delays[i]));
      return `p${i}`;
    }))
      made.push(text);
    expect(made).toEqual(['p0', 'p1', 'p2', 'p3', 'p4', 'p5']);

    const unhandled: unknown[] = [];
    const onUnhandled = (reason: unknown) => unhandled.push(reason);
    process.on('unhandledRejection', onUnhandled);
    try {
      const got: string[] = [];
      const failing = async () => {
        for await (const text of linesAhead(pages(6), async (i) => {
          if (i >= 2) throw new Error(`page ${i}`);
          await new Promise((resolve) => setTimeout(resolve, 20));
          return `p${i}`;
        }))
          got.push(text);
      };
      await expect(failing()).rejects.toThrow('page 2');
      expect(got).toEqual(['p0', 'p1']);
      await new Promise((resolve) => setTimeout(resolve, 20));
      expect(unhandled).toEqual([]);
    } finally {
      process.off('unhandledRejection', onUnhandled);
    }
  });
});
