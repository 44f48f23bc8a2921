import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { EVENT_STORE, EventStore } from '@indaga/event-store';
import { AccessLogRetention } from '../audit/access-log-retention';

/** How often expired Idempotency-Key records are deleted. */
export const PURGE_EVERY_MS = 10 * 60 * 1000;
/** Records deleted per statement: each is a short write, so appends are never held up for long. */
export const PURGE_BATCH = 1_000;
/** First purge after start, once the app is serving. */
const FIRST_PURGE_AFTER_MS = 30 * 1000;

/**
 * Deletes the Idempotency-Key records whose 24 h have passed. They are
 * already ignored (a reused key starts afresh); without this the table would
 * keep one row per keyed write forever. The same tick deletes the access-log
 * records past INDAGA_AUDIT_RETENTION_DAYS (audit/access-log-retention.ts).
 */
@Injectable()
export class ExpiredRecordsPurge implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('housekeeping');
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<number> | undefined;

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly accessLog: AccessLogRetention,
  ) {}

  onApplicationBootstrap(): void {
    const tick = () => {
      void this.purgeNow().catch((err) => this.logger.warn({ msg: 'expired idempotency records not purged', err }));
      void this.accessLog
        .purgeNow()
        .catch((err) => this.logger.warn({ msg: 'old access-log records not purged', err }));
      this.timer = setTimeout(tick, PURGE_EVERY_MS).unref();
    };
    this.timer = setTimeout(tick, FIRST_PURGE_AFTER_MS).unref();
  }

  async onApplicationShutdown(): Promise<void> {
    clearTimeout(this.timer);
    await this.running?.catch(() => undefined);
    await this.accessLog.idle();
  }

  /** Deletes every expired record, PURGE_BATCH at a time; answers how many. */
  purgeNow(): Promise<number> {
    this.running ??= this.purgeAll().finally(() => (this.running = undefined));
    return this.running;
  }

  private async purgeAll(): Promise<number> {
    // A store that expires records itself (KurrentDB's $maxAge) has no such capability.
    const purge = this.store.purgeExpiredIdempotencyRecords?.bind(this.store);
    if (!purge) return 0;
    let total = 0;
    for (;;) {
      const deleted = await purge(PURGE_BATCH);
      total += deleted;
      if (deleted < PURGE_BATCH) break;
    }
    if (total > 0) this.logger.log({ msg: 'expired idempotency records purged', deleted: total });
    return total;
  }
}
