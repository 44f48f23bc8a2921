import { setTimeout as sleep } from 'node:timers/promises';
import type { Redis } from 'ioredis';

/**
 * "This network has new events", from the API instances to the workers: a
 * Redis list of network ids. An API instance pushes the networks of one
 * event-loop turn in one command (a few µs per write), where a BullMQ add
 * per write cost its event loop ~70 µs (issue 15's ablation). The workers'
 * pump (CatchUpPump) pops them and adds the deduplicated catch-up jobs.
 *
 * Nothing here is the only record of anything: the events are in the store,
 * and a request lost on the way (Redis down, a pump stopped between its pop
 * and its add, a list trimmed while no worker ran) is found by the sweeper,
 * as a lost BullMQ add was.
 */
export const catchUpRequestsKey = (prefix: string) => `${prefix}:catch-up-requests`;

/** The list keeps at most this many requests (the newest) while no worker pops it. */
export const CATCH_UP_REQUESTS_MAX = 100_000;

/**
 * Pushes one turn's requests; trims the list to its newest `max` when the
 * push made it longer. Plain commands, not a pipeline: an ioredis pipeline
 * copies every script defined on its connection (BullMQ's ~50) when created,
 * which cost the API's event loop ~25 µs per write (profiled).
 */
export async function pushCatchUpRequests(
  redis: Redis,
  prefix: string,
  networkIds: readonly string[],
  max = CATCH_UP_REQUESTS_MAX,
): Promise<void> {
  const key = catchUpRequestsKey(prefix);
  if ((await redis.rpush(key, ...networkIds)) > max) await redis.ltrim(key, -max, -1);
}

/** Longest a pop blocks before looking again (seconds; a close does not wait for it). */
const POP_WAIT_S = 5;
/** Most requests taken in one pop after the first. */
const DRAIN_MAX = 1_000;
/** Wait after a failed round (Redis away) before the next one. */
const RETRY_MS = 1_000;

/**
 * The worker's side: waits for requests on a connection of its own (a
 * blocking pop), takes what has gathered, and hands the distinct networks to
 * `enqueue` (one BullMQ `addBulk`). Several workers' pumps share the list;
 * each request is popped by one of them.
 */
export class CatchUpPump {
  private stopped = false;
  private readonly running: Promise<void>;

  constructor(
    private readonly blocking: Redis,
    private readonly prefix: string,
    private readonly enqueue: (networkIds: string[]) => Promise<void>,
    private readonly onError: (error: Error) => void = () => undefined,
  ) {
    this.running = this.loop();
  }

  /** Stops popping; the requests already popped are still enqueued. Closes the blocking connection. */
  async close(): Promise<void> {
    this.stopped = true;
    this.blocking.disconnect(); // aborts a pop in progress
    await this.running;
  }

  /**
   * Takes what has gathered (LPOP with a count, one round trip while requests
   * keep coming) and blocks (BLPOP) only when the list is empty. The jobs of
   * one take are added while the next take is on its way: one add in flight.
   */
  private async loop(): Promise<void> {
    const key = catchUpRequestsKey(this.prefix);
    let adding: Promise<void> = Promise.resolve();
    while (!this.stopped) {
      try {
        const ids = (await this.blocking.lpop(key, DRAIN_MAX)) ?? [];
        if (ids.length === 0) {
          const first = await this.blocking.blpop(key, POP_WAIT_S);
          if (!first) continue;
          ids.push(first[1]);
        }
        await adding;
        adding = this.enqueue([...new Set(ids)]).catch((error: Error) => this.onError(error));
      } catch (error) {
        if (this.stopped) break;
        this.onError(error as Error);
        await sleep(RETRY_MS);
      }
    }
    await adding; // what was popped is still added
  }
}
