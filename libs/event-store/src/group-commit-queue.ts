import { setTimeout as sleep } from 'node:timers/promises';

export interface Pending<T, R> {
  item: T;
  resolve(result: R): void;
  reject(error: unknown): void;
}

export interface GroupCommitOptions {
  /** At most this many items per batch (default: no limit). */
  maxBatch?: number;
  /** At least this long between the starts of two batches, so that items keep gathering meanwhile (default 0). */
  minIntervalMs?: number;
  /**
   * When an idle queue starts a batch: `next-turn` (default) on setImmediate,
   * so items pushed in the same I/O phase (callers resuming in microtasks,
   * requests read together) join it; `now` at once, so a lone item waits for
   * nothing; `lone-soon` on a microtask when the item is alone (nothing else
   * queued, scheduled or in flight, or a sequential caller's next item after
   * a batch of one), so items pushed in the same tick still join it, and on
   * the next turn otherwise (under load a batch is always in flight, so items
   * still gather).
   */
  start?: 'next-turn' | 'now' | 'lone-soon';
  /** The error a push is refused with once the queue is closed. */
  closedError?: () => Error;
  /** Told of every batch that `flush` completed, with its size and duration. */
  onFlushed?(size: number, seconds: number): void;
  /** Told of every item rejected (by `flush` or after it threw). */
  onRejected?(error: unknown): void;
}

/**
 * Group commit: items pushed while a batch is being written wait and go
 * together in the next batch (one transaction, one flush) instead of one
 * each, with at most one batch in flight. Under load every durable commit
 * serves many callers. Shared by the event stores' appends and the read
 * models' compare-and-set writes.
 */
export class GroupCommitQueue<T, R> {
  private queue: Array<Pending<T, R>> = [];
  private running = false;
  private scheduled = false;
  private closed = false;
  private lastStart = -Infinity;
  private idleWaiters: Array<() => void> = [];

  constructor(
    /** Must settle every pending it is given; if it throws, the unsettled ones are rejected with that error. */
    private readonly flush: (batch: Array<Pending<T, R>>) => Promise<void>,
    private readonly options: GroupCommitOptions = {},
  ) {}

  /**
   * A flush for writers that write a batch atomically (`writeAll` answers one
   * result per item, in order): when the batch fails, each item is retried
   * alone with `writeOne`, so one bad item cannot fail the items grouped with it.
   */
  static allOrEachAlone<T, R>(
    writeAll: (items: T[]) => Promise<R[]>,
    writeOne: (item: T) => Promise<R>,
  ): (batch: Array<Pending<T, R>>) => Promise<void> {
    return async (batch) => {
      if (batch.length === 1) return writeOne(batch[0].item).then(batch[0].resolve, batch[0].reject);
      try {
        const results = await writeAll(batch.map((b) => b.item));
        batch.forEach((b, i) => b.resolve(results[i]));
      } catch {
        for (const b of batch) await writeOne(b.item).then(b.resolve, b.reject);
      }
    };
  }

  push(item: T): Promise<R> {
    if (this.closed) return Promise.reject(this.options.closedError?.() ?? new Error('group commit queue is closed'));
    return new Promise<R>((resolve, reject) => {
      this.queue.push({
        item,
        resolve,
        reject: (error) => {
          this.options.onRejected?.(error);
          reject(error);
        },
      });
      this.schedule(this.queue.length === 1);
    });
  }

  /** Refuses new items and resolves once everything queued has been written. */
  async close(): Promise<void> {
    this.closed = true;
    if (!this.running && !this.scheduled && this.queue.length === 0) return;
    await new Promise<void>((resolve) => this.idleWaiters.push(resolve));
  }

  /** `lone`: one item waits and no other batch is running (see `start: 'lone-soon'`). */
  private schedule(lone = false): void {
    if (this.running || this.scheduled) return;
    if (this.options.start === 'now') {
      void this.run();
      return;
    }
    this.scheduled = true;
    const start = () => {
      this.scheduled = false;
      void this.run();
    };
    if (lone && this.options.start === 'lone-soon') queueMicrotask(start);
    else setImmediate(start);
  }

  private async run(): Promise<void> {
    this.running = true;
    // A timer may fire a fraction of a millisecond early: wait until the interval has really passed.
    const due = this.lastStart + (this.options.minIntervalMs ?? 0);
    for (let wait = due - performance.now(); wait > 0; wait = due - performance.now()) await sleep(Math.ceil(wait));
    this.lastStart = performance.now();
    const batch = this.queue.splice(0, this.options.maxBatch ?? this.queue.length);
    try {
      await this.flush(batch);
      this.options.onFlushed?.(batch.length, (performance.now() - this.lastStart) / 1000);
    } catch (error) {
      // Settling twice is a no-op, so this only reaches the items flush left unsettled.
      for (const pending of batch) pending.reject(error);
    } finally {
      this.running = false;
    }
    if (this.queue.length > 0) this.schedule(batch.length === 1 && this.queue.length === 1);
    else for (const wake of this.idleWaiters.splice(0)) wake();
  }
}
