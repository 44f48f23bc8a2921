import { Inject, Injectable, Logger } from '@nestjs/common';
import { INDAGA_CONFIG, IndagaConfig } from '@indaga/platform';
import { retentionCutoff } from './access-record';
import { AccessLogStore } from './access-log.store';

/** Records deleted per statement, so the log's inserts (and the reads they guard) are never held up for long. */
export const RETENTION_BATCH = 1_000;

/**
 * Deletes access-log records older than INDAGA_AUDIT_RETENTION_DAYS (SPEC 6.3),
 * the only deletion the log ever sees. Run by the housekeeping timer beside
 * the expired Idempotency-Key purge (operations/expired-records-purge.ts).
 */
@Injectable()
export class AccessLogRetention {
  private readonly logger = new Logger('housekeeping');
  private running: Promise<number> | undefined;

  constructor(
    private readonly log: AccessLogStore,
    @Inject(INDAGA_CONFIG) private readonly config: IndagaConfig,
  ) {}

  /** Deletes every record past retention as of `now`, RETENTION_BATCH at a time; answers how many. */
  purgeNow(now: Date = new Date()): Promise<number> {
    this.running ??= this.purgeAll(retentionCutoff(now, this.config.auditRetentionDays)).finally(
      () => (this.running = undefined),
    );
    return this.running;
  }

  /** Resolves when a purge in progress ends (for shutdown). */
  async idle(): Promise<void> {
    await this.running?.catch(() => undefined);
  }

  private async purgeAll(cutoff: string): Promise<number> {
    let total = 0;
    for (;;) {
      const deleted = await this.log.deleteOlderThan(cutoff, RETENTION_BATCH);
      total += deleted;
      if (deleted < RETENTION_BATCH) break;
    }
    if (total > 0)
      this.logger.log({ msg: 'access-log records past retention deleted', deleted: total, before: cutoff });
    return total;
  }
}
