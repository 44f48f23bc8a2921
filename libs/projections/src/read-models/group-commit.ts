/**
 * Group commit for read-model writes: calls made while a batch is being
 * written wait and go together in the next batch (one transaction, one lock
 * taken on SQLite, one commit on PostgreSQL) instead of one each. The first
 * call of an idle batcher starts at once, so a lone write waits for nothing.
 */
export class GroupCommit<T, R> {
  private pending: Array<{ item: T; resolve: (r: R) => void; reject: (err: unknown) => void }> = [];
  private running = false;

  /**
   * `writeAll` writes a batch atomically and answers one result per item, in
   * order; when it fails, each item of the batch is retried alone with
   * `writeOne`, so one bad write cannot fail the writes grouped with it.
   */
  constructor(
    private readonly writeAll: (items: T[]) => Promise<R[]>,
    private readonly writeOne: (item: T) => Promise<R>,
    /** At least this long between the starts of two batches, so that writes keep gathering meanwhile. */
    private readonly minIntervalMs = 0,
  ) {}

  private lastStart = -Infinity;

  submit(item: T): Promise<R> {
    return new Promise<R>((resolve, reject) => {
      this.pending.push({ item, resolve, reject });
      if (!this.running) void this.drain();
    });
  }

  private async drain(): Promise<void> {
    this.running = true;
    try {
      while (this.pending.length > 0) {
        const wait = this.lastStart + this.minIntervalMs - performance.now();
        if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
        this.lastStart = performance.now();
        const batch = this.pending;
        this.pending = [];
        if (batch.length === 1) {
          await this.writeOne(batch[0].item).then(batch[0].resolve, batch[0].reject);
          continue;
        }
        try {
          const results = await this.writeAll(batch.map((b) => b.item));
          batch.forEach((b, i) => b.resolve(results[i]));
        } catch {
          for (const b of batch) await this.writeOne(b.item).then(b.resolve, b.reject);
        }
      }
    } finally {
      this.running = false;
    }
  }
}
