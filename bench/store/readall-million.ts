import { openSqliteEventStore } from '../../libs/event-store/src';
import { mib, rssPeak } from '../lib/measure';
import { fillStream } from './store-workloads';

export interface MillionResult {
  events: number;
  fillSeconds: number;
  readSeconds: number;
  rssBeforeMiB: number;
  rssPeakMiB: number;
}

/** Fills a SQLite store with `total` events (100 streams), then times readAll over all of it in pages of 1,000. */
export async function readAllMillion(path: string, total = 1_000_000): Promise<MillionResult> {
  const store = await openSqliteEventStore({ path });
  try {
    const fillStart = Date.now();
    const perStream = total / 100;
    for (let s = 0; s < 100; s++) await fillStream(store, `million-${s}`, perStream);
    const fillSeconds = (Date.now() - fillStart) / 1000;
    global.gc?.();
    const rssBefore = process.memoryUsage.rss();
    const rss = rssPeak();
    const start = Date.now();
    let after = 0;
    let read = 0;
    for (;;) {
      const page = await store.readAll({ after, limit: 1000 });
      if (page.length === 0) break;
      read += page.length;
      after = page[page.length - 1].position;
      if (read % 10_000 === 0) rss.sample();
    }
    const readSeconds = (Date.now() - start) / 1000;
    const peak = rss.peak();
    if (read !== total) throw new Error(`read ${read} of ${total}`);
    return { events: read, fillSeconds, readSeconds, rssBeforeMiB: mib(rssBefore), rssPeakMiB: mib(peak) };
  } finally {
    await store.close();
  }
}
