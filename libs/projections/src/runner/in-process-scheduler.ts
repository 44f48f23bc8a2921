import type { RebuildStates } from '../read-models/rebuild-state';
import type { CatchUpService } from './catch-up.service';
import type { Rebuilder } from './rebuild';
import { CATCH_UP_ATTEMPTS, CATCH_UP_BACKOFF_MS, ProjectionScheduler, rebuildJobId } from './scheduler.port';

export interface SchedulerLogger {
  warn(message: object): void;
  error(message: object): void;
}

/**
 * The embedded default (no REDIS_URL): catch-ups run in this process, the
 * same runner as the BullMQ worker, with the same retries and parking. A
 * notification for a network already waiting is merged; one arriving while
 * it is being caught up queues it once more, so nothing is missed.
 */
export class InProcessScheduler implements ProjectionScheduler {
  private readonly pending = new Set<string>();
  private readonly failures = new Map<string, number>();
  private readonly timers = new Set<NodeJS.Timeout>();
  private readonly rebuilds = new Set<Promise<unknown>>();
  private active = 0;
  private closed = false;
  private readonly stopping = { aborted: false };
  private idleWaiters: Array<() => void> = [];

  constructor(
    private readonly catchUp: CatchUpService,
    private readonly rebuilder: Rebuilder,
    private readonly rebuildStates: RebuildStates,
    private readonly logger: SchedulerLogger,
    private readonly concurrency = 2,
  ) {}

  async notify(networkId: string): Promise<void> {
    if (this.closed) return;
    this.pending.add(networkId);
    this.pump();
  }

  async rebuild(projection: string, generation: number): Promise<string> {
    const jobId = rebuildJobId(projection, generation);
    const run = this.rebuilder.run(projection, generation, { signal: this.stopping }).catch(async (err: Error) => {
      this.logger.error({ msg: 'rebuild failed', projection, generation, err });
      await this.rebuildStates.endRebuild(projection, generation, 'failed', err.message);
    });
    this.rebuilds.add(run);
    void run.finally(() => this.rebuilds.delete(run));
    return jobId;
  }

  private pump(): void {
    while (!this.closed && this.active < this.concurrency && this.pending.size > 0) {
      const networkId = this.pending.values().next().value as string;
      this.pending.delete(networkId);
      this.active++;
      void this.run(networkId).finally(() => {
        this.active--;
        this.pump();
        if (this.active === 0 && this.pending.size === 0) this.idleWaiters.splice(0).forEach((w) => w());
      });
    }
  }

  private async run(networkId: string): Promise<void> {
    const attempt = (this.failures.get(networkId) ?? 0) + 1;
    try {
      await this.catchUp.catchUpNetwork(networkId, { park: attempt >= CATCH_UP_ATTEMPTS });
      this.failures.delete(networkId);
    } catch (err) {
      this.failures.set(networkId, attempt);
      this.logger.warn({ msg: 'catch-up failed; retrying', networkId, attempt, err });
      const timer = setTimeout(
        () => {
          this.timers.delete(timer);
          void this.notify(networkId);
        },
        CATCH_UP_BACKOFF_MS * 2 ** (attempt - 1),
      );
      this.timers.add(timer);
    }
  }

  /** Networks waiting for a catch-up and catch-ups running (for /metrics). */
  get backlog(): { waiting: number; active: number } {
    return { waiting: this.pending.size, active: this.active };
  }

  /** Resolves when nothing is queued or running (tests and shutdown). */
  idle(): Promise<void> {
    if (this.active === 0 && this.pending.size === 0) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  async close(): Promise<void> {
    this.closed = true;
    this.stopping.aborted = true;
    for (const timer of this.timers) clearTimeout(timer);
    this.pending.clear();
    await Promise.all([...this.rebuilds]);
    if (this.active > 0) await new Promise<void>((resolve) => this.idleWaiters.push(resolve));
  }
}
