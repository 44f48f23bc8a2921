import { Injectable } from '@nestjs/common';
import type { AccessRecord } from './access-record';
import { AccessLogStore } from './access-log.store';

/** Records written per transaction at most. */
export const MAX_BATCH = 500;

interface Waiting {
  record: AccessRecord;
  done: (err?: unknown) => void;
}

/**
 * Group commit for the access log. Every logged read waits for its record to
 * be committed, and a durable commit costs an fsync (about 4.5 ms on SQLite
 * with synchronous=FULL on the development machine): one transaction per
 * read would cap logged reads at a couple of hundred a second. Records that
 * arrive while a commit runs are written together by the next one, so the
 * cost is shared under load and unchanged for a lone read. A failed commit
 * fails every read waiting on it.
 */
@Injectable()
export class AccessLogWriter {
  private pending: Waiting[] = [];
  private flushing: Promise<void> | undefined;

  constructor(private readonly store: AccessLogStore) {}

  /** Resolves once the record is committed; rejects with the store's error. */
  write(record: AccessRecord): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      this.pending.push({ record, done: (err) => (err === undefined ? resolve() : reject(err)) });
      this.flushing ??= this.flush();
    });
  }

  private async flush(): Promise<void> {
    // Let the requests already in this turn of the event loop join the first batch.
    await new Promise<void>((resolve) => setImmediate(resolve));
    try {
      while (this.pending.length > 0) {
        const batch = this.pending.splice(0, MAX_BATCH);
        try {
          await this.store.appendAll(batch.map((w) => w.record));
          for (const w of batch) w.done();
        } catch (err) {
          for (const w of batch) w.done(err ?? new Error('access log not written'));
        }
      }
    } finally {
      this.flushing = undefined;
    }
  }
}
