/** One queued request and how to answer it. */
export interface QueuedWrite<T, R> {
  readonly item: T;
  resolve(result: R): void;
  reject(error: unknown): void;
}

/**
 * One batch in flight per stream: a request for a stream with nothing in
 * flight starts at once (no hop, so a lone writer waits for nothing); requests
 * that arrive while a batch is in flight queue up and are handed to `run`
 * together, in arrival order, when it settles. Streams never wait for each
 * other. `run` must settle every request it is given; if it throws, the ones
 * it left unsettled are rejected with that error (settling twice is a no-op).
 */
export class StreamWriteQueue<T, R> {
  /** Present while a stream has a batch in flight: the requests waiting for the next one. */
  private readonly waiting = new Map<string, Array<QueuedWrite<T, R>>>();

  constructor(
    private readonly run: (streamId: string, batch: Array<QueuedWrite<T, R>>) => Promise<void>,
    private readonly maxBatch = 64,
  ) {}

  push(streamId: string, item: T): Promise<R> {
    return new Promise<R>((resolve, reject) => {
      const queued = { item, resolve, reject };
      const waiting = this.waiting.get(streamId);
      if (waiting) {
        waiting.push(queued);
        return;
      }
      this.waiting.set(streamId, []);
      void this.drain(streamId, [queued]);
    });
  }

  /** Streams with a batch in flight (for tests and metrics). */
  get busyStreams(): number {
    return this.waiting.size;
  }

  private async drain(streamId: string, first: Array<QueuedWrite<T, R>>): Promise<void> {
    const waiting = this.waiting.get(streamId)!;
    for (let batch = first; batch.length > 0; batch = waiting.splice(0, this.maxBatch)) {
      try {
        await this.run(streamId, batch);
      } catch (error) {
        for (const queued of batch) queued.reject(error);
      }
    }
    this.waiting.delete(streamId);
  }
}
