import type { Worker } from 'node:worker_threads';

interface Pending<A> {
  resolve(answer: A): void;
  reject(error: unknown): void;
}

/**
 * The caller's side of requests to a worker thread that answers each by its
 * id. Only requests in flight keep the process alive (the thread is ref'd
 * while any is pending). Once the thread has stopped (died, exited, closed),
 * what was in flight and every later request fail with the error it stopped
 * with. `close` asks the thread to exit and waits for it. Shared by the
 * SQLite writer thread and the catch-up notifier.
 */
export class ThreadRequests<A> {
  private readonly pending = new Map<number, Pending<A>>();
  private nextId = 1;
  private stoppedWith: Error | undefined;
  private exited: Promise<void> | undefined;

  constructor(private readonly worker: Worker) {}

  /** The error the thread stopped with, or undefined while it runs. */
  get stopped(): Error | undefined {
    return this.stoppedWith;
  }

  /** Whether `close` was called. */
  get closing(): boolean {
    return this.exited !== undefined;
  }

  /**
   * Posts the thread's own close message (it finishes what it was sent,
   * then exits), once; settles when the thread has exited, at once if it
   * had already stopped.
   */
  close(message: unknown): Promise<void> {
    this.exited ??= this.stoppedWith
      ? Promise.resolve()
      : new Promise<void>((resolve) => {
          this.worker.ref();
          this.worker.once('exit', () => resolve());
          this.worker.postMessage(message);
        });
    return this.exited;
  }

  /** Requests in flight. */
  get size(): number {
    return this.pending.size;
  }

  /** Posts `message(id)`; settles with the thread's answer to that id. */
  send(message: (id: number) => unknown): Promise<A> {
    if (this.stoppedWith) return Promise.reject(this.stoppedWith);
    const id = this.nextId++;
    return new Promise<A>((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      if (this.pending.size === 1) this.worker.ref();
      this.worker.postMessage(message(id));
    });
  }

  /** Settles request `id`; an unknown id (already settled, or rejected when the thread stopped) is ignored. */
  settle(id: number, outcome: { answer: A } | { error: unknown }): void {
    const request = this.pending.get(id);
    if (!request) return;
    this.pending.delete(id);
    if (this.pending.size === 0) this.worker.unref();
    if ('error' in outcome) request.reject(outcome.error);
    else request.resolve(outcome.answer);
  }

  /** Fails what is in flight and every later request with `error` (the first error given stays). */
  stop(error: Error): void {
    this.stoppedWith ??= error;
    for (const request of this.pending.values()) request.reject(this.stoppedWith);
    this.pending.clear();
  }
}
