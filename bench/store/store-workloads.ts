import type { EventStore, NewEvent } from '../../libs/event-store/src';
import { ratePerSecond } from '../lib/measure';
import { benchEvent } from '../lib/payload';

let runs = 0;

/**
 * `callers` concurrent callers, each appending single events to its own stream
 * with the exact expected version (the command-handler pattern, no conflicts).
 */
export function appendManyStreams(store: EventStore, callers: number, total: number): Promise<number> {
  const run = ++runs;
  const perCaller = Math.ceil(total / callers);
  return ratePerSecond(perCaller * callers, () =>
    Promise.all(
      Array.from({ length: callers }, async (_, c) => {
        const stream = `bench-${run}-${c}`;
        for (let v = 0; v < perCaller; v++) await store.appendToStream(stream, [benchEvent(v)], { expectedVersion: v });
      }),
    ),
  );
}

/**
 * `callers` concurrent callers appending single events to ONE stream with
 * expectedVersion 'any': no retries, so it measures the store's same-stream path.
 */
export function appendOneStream(store: EventStore, callers: number, total: number): Promise<number> {
  const stream = `bench-one-${++runs}`;
  const perCaller = Math.ceil(total / callers);
  return ratePerSecond(perCaller * callers, () =>
    Promise.all(
      Array.from({ length: callers }, async () => {
        for (let v = 0; v < perCaller; v++)
          await store.appendToStream(stream, [benchEvent(v)], { expectedVersion: 'any' });
      }),
    ),
  );
}

/** Fills one stream with `total` events in appends of 10,000 (setup, not measured). */
export async function fillStream(store: EventStore, stream: string, total: number): Promise<void> {
  for (let from = 0; from < total; from += 10_000) {
    const chunk: NewEvent[] = [];
    for (let i = from; i < Math.min(total, from + 10_000); i++) chunk.push(benchEvent(i));
    await store.appendToStream(stream, chunk, { expectedVersion: from === 0 ? 'no_stream' : from });
  }
}

/** Reads `total` events of a stream in pages of 1,000. */
export function readStreamRate(store: EventStore, stream: string, total: number): Promise<number> {
  return ratePerSecond(total, async () => {
    for (let from = 1; from <= total; from += 1000) {
      const page = await store.readStream(stream, { fromVersion: from, limit: 1000 });
      if (page.length === 0) throw new Error(`stream ${stream} ends before ${from}`);
    }
  });
}

/** Reads `total` events of the global log from the start in pages of 1,000. */
export function readAllRate(store: EventStore, total: number): Promise<number> {
  return ratePerSecond(total, async () => {
    let after = 0;
    for (let read = 0; read < total;) {
      const page = await store.readAll({ after, limit: 1000 });
      if (page.length === 0) throw new Error(`log ends after ${read} events`);
      read += page.length;
      after = page[page.length - 1].position;
    }
  });
}
