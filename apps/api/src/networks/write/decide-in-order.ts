import {
  applyToDraft,
  NetworkCommand,
  NetworkEvent,
  NetworkState,
  NetworkStateDraft,
  networkDecider,
  roundDraftOf,
} from '@indaga/domain';
import { Clock, utcToday } from './clock';
import type { CommandResult, HandleOptions, NetworkCommandInput } from './network-command';
import type { QueuedWrite } from './stream-write-queue';
import { StaleVersionError } from './write-errors';

interface Request {
  input: NetworkCommandInput;
  options: HandleOptions;
}

export interface Decided<T extends Request> {
  queued: QueuedWrite<T, CommandResult>;
  events: NetworkEvent[];
  /** The answer once the events are committed. */
  result: Omit<CommandResult, 'replayed'>;
}

export interface Refused<T extends Request> {
  queued: QueuedWrite<T, CommandResult>;
  error: unknown;
}

export interface Round<T extends Request> {
  decided: Decided<T>[];
  refused: Refused<T>[];
  /**
   * Decided in the next round: requests whose Idempotency-Key an earlier
   * request of the round carries, and every request after a redaction.
   */
  later: QueuedWrite<T, CommandResult>[];
}

/**
 * Decides queued requests in arrival order, each on the state the previous
 * ones produced: request n+1 sees request n's events at the versions they
 * will have once the round is committed. `state` is not changed (the cache
 * owns it): with more than one request, the first that produces events
 * works on a round draft from then on (roundDraftOf: the new events over
 * `state`, without copying it). A redaction ends the round: its append
 * destroys the keys of the versions it names (or of all so far), after the
 * append's new keys are stored, so no event may follow it in that append.
 */
export function decideInOrder<T extends Request>(
  version: number,
  state: NetworkState,
  queue: readonly QueuedWrite<T, CommandResult>[],
  clock: Clock,
): Round<T> {
  const round: Round<T> = { decided: [], refused: [], later: [] };
  const keys = new Set<string>();
  const today = utcToday(clock);
  let current: NetworkState = state;
  let draft: NetworkStateDraft | undefined;
  let v = version;
  for (let i = 0; i < queue.length; i++) {
    const queued = queue[i];
    const { input, options } = queued.item;
    if (options.idempotency) {
      const key = `${options.idempotency.scope}\u0000${options.idempotency.key}`;
      if (keys.has(key)) {
        round.later.push(queued);
        continue;
      }
      keys.add(key);
    }
    let events: NetworkEvent[];
    try {
      if (options.expectedVersion !== undefined && options.expectedVersion !== v)
        throw new StaleVersionError(options.expectedVersion, v);
      events = networkDecider.decide({ ...input, metadata: { today, version: v } } as NetworkCommand, current);
    } catch (error) {
      round.refused.push({ queued, error });
      continue;
    }
    round.decided.push({
      queued,
      events,
      result: {
        version: v + events.length,
        events: events.map((e, n) => ({ type: e.type, version: v + n + 1 })),
        ...(options.createdId === undefined ? {} : { createdId: options.createdId }),
      },
    });
    v += events.length;
    if (events.some((e) => e.type === 'TextRedacted')) {
      round.later.push(...queue.slice(i + 1));
      break;
    }
    if (events.length > 0 && i < queue.length - 1) {
      draft ??= roundDraftOf(current); // O(1): sees through to the cache's state, which stays as it was
      for (const event of events) applyToDraft(draft, event);
      current = draft;
    }
  }
  return round;
}
