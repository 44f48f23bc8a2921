import { StoreUnavailableError, WrongExpectedVersionError } from '../errors';
import { storeTelemetry } from '../telemetry';

export interface Pending<T, R> {
  item: T;
  resolve(result: R): void;
  reject(error: unknown): void;
}

/**
 * Collects appends that arrive together and hands them to `flush` as one batch,
 * with at most one batch in flight. Appends that arrive while a batch commits
 * wait for the next one, so under load every durable flush serves many callers.
 *
 * Batches start on setImmediate: callers that resume after a commit (in
 * microtasks) and requests read in the same I/O phase all join the next batch.
 * Two exceptions spare a lone caller that hop (its latency is what a
 * coordinator filling a form feels): an append pushed while nothing is
 * queued, scheduled or in flight starts its batch on a microtask (appends
 * pushed in the same tick still join it), and so does the next batch when the
 * one just committed held one append and one is waiting (a sequential
 * caller). Either way the batch is `flush`'s like any other and the
 * one-batch-in-flight rule holds (a batch starts only when none is running
 * or scheduled), so gap safety and the per-append expected version, which
 * `flush` and the adapters guarantee, are unchanged: only the moment a batch
 * starts moves. Under load a batch is always in flight when appends arrive,
 * so they still gather.
 */
export class GroupCommitQueue<T, R> {
  private queue: Array<Pending<T, R>> = [];
  private running = false;
  private scheduled = false;
  private closed = false;
  private idleWaiters: Array<() => void> = [];

  constructor(
    /** Must settle every pending it is given; if it throws, the unsettled ones are rejected with that error. */
    private readonly flush: (batch: Array<Pending<T, R>>) => Promise<void>,
    private readonly maxBatch: number,
  ) {}

  push(item: T): Promise<R> {
    if (this.closed) return Promise.reject(new StoreUnavailableError('event store is closed'));
    return new Promise<R>((resolve, reject) => {
      this.queue.push({
        item,
        resolve,
        reject: (error) => {
          if (error instanceof WrongExpectedVersionError) storeTelemetry.appendConflicted();
          reject(error);
        },
      });
      this.schedule(this.queue.length === 1);
    });
  }

  /** Refuses new appends and resolves once everything queued has been written. */
  async close(): Promise<void> {
    this.closed = true;
    if (!this.running && !this.scheduled && this.queue.length === 0) return;
    await new Promise<void>((resolve) => this.idleWaiters.push(resolve));
  }

  /** `soon`: start on a microtask rather than after the event loop's I/O phase (a lone caller). */
  private schedule(soon = false): void {
    if (this.running || this.scheduled) return;
    this.scheduled = true;
    if (soon) queueMicrotask(() => void this.run());
    else setImmediate(() => void this.run());
  }

  private async run(): Promise<void> {
    this.scheduled = false;
    this.running = true;
    const batch = this.queue.splice(0, this.maxBatch);
    const started = performance.now();
    try {
      await this.flush(batch);
      storeTelemetry.batchCommitted(batch.length, (performance.now() - started) / 1000);
    } catch (error) {
      // Settling twice is a no-op, so this only reaches the appends flush left unsettled.
      for (const pending of batch) pending.reject(error);
    } finally {
      this.running = false;
    }
    if (this.queue.length > 0) this.schedule(batch.length === 1 && this.queue.length === 1);
    else for (const wake of this.idleWaiters.splice(0)) wake();
  }
}
