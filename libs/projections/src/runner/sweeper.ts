import { NETWORK_STREAM_PREFIX } from '@indaga/domain';
import type { EventStore } from '@indaga/event-store';
import type { ProjectionCursors } from '../read-models/cursors';
import type { CatchUpService } from './catch-up.service';
import type { ProjectionScheduler } from './scheduler.port';

export const SWEEPER_CURSOR = 'sweeper';
const PAGE = 1_000;

/**
 * Tails the global log from its own cursor and asks for a catch-up of every
 * network whose events the read models do not reflect yet. The cursor only
 * moves past events already reflected, so a lost notification (the API
 * crashed between append and enqueue, Redis lost its data) is found again on
 * the next tick.
 */
export class Sweeper {
  constructor(
    private readonly store: EventStore,
    private readonly cursors: ProjectionCursors,
    private readonly catchUp: CatchUpService,
    private readonly scheduler: ProjectionScheduler,
  ) {}

  /** One pass; answers how many networks it asked to catch up. */
  async tick(): Promise<number> {
    const after = await this.cursors.cursor(SWEEPER_CURSOR);
    const events = await this.store.readAll({ after, limit: PAGE });
    if (events.length === 0) return 0;
    const active = await this.catchUp.activeGenerations();
    const reflected = new Map<string, number>();
    const behind = new Set<string>();
    let safe = after;
    for (const event of events) {
      if (!event.streamId.startsWith(NETWORK_STREAM_PREFIX)) {
        if (behind.size === 0) safe = event.position;
        continue;
      }
      const networkId = event.streamId.slice(NETWORK_STREAM_PREFIX.length);
      let version = reflected.get(networkId);
      if (version === undefined) {
        version = await this.catchUp.reflectedVersion(networkId, active);
        reflected.set(networkId, version);
      }
      if (version >= event.version) {
        if (behind.size === 0) safe = event.position;
      } else {
        behind.add(networkId);
      }
    }
    for (const networkId of behind) await this.scheduler.notify(networkId);
    if (safe > after) await this.cursors.advanceCursor(SWEEPER_CURSOR, safe);
    return behind.size;
  }
}
