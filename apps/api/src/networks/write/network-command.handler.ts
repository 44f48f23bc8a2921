import { Inject, Logger } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { setTimeout as sleep } from 'node:timers/promises';
import { DomainError, NetworkCommand, NetworkEvent, networkDecider, networkStreamId } from '@indaga/domain';
import {
  EVENT_STORE,
  EventStore,
  IdempotencyKeyHeldError,
  NewEvent,
  WrongExpectedVersionError,
} from '@indaga/event-store';
import { TextSealing } from '@indaga/platform';
import { PROJECTION_SCHEDULER, ProjectionScheduler } from '@indaga/projections';
import { CLOCK, Clock, utcToday } from './clock';
import { conflictBackoffMs, MAX_CONFLICT_RETRIES } from './conflict-backoff';
import { IDEMPOTENCY_TTL_MS, parseStoredResult, storedResult } from './idempotency';
import { CommandResult, ExecuteNetworkCommand, HandleOptions } from './network-command';
import { NetworkStateCache } from './network-state-cache';
import { sealForAppend } from './seal-for-append';
import { ConflictRetriesExhaustedError, IdempotencyKeyReusedError, StaleVersionError } from './write-errors';

/**
 * The one handler shape for every network command, knowing no HTTP: load
 * (cached fold) → decide → append with the expected version; retry with
 * backoff on a conflict the client did not cause. The Idempotency-Key's
 * result is committed atomically with the events: a retry with a used key
 * loses that record's insert, writes nothing, and is answered from the record.
 */
@CommandHandler(ExecuteNetworkCommand)
export class NetworkCommandHandler implements ICommandHandler<ExecuteNetworkCommand, CommandResult> {
  private readonly logger = new Logger('commands');

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly states: NetworkStateCache,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(PROJECTION_SCHEDULER) private readonly projections: ProjectionScheduler,
    private readonly sealing: TextSealing,
  ) {}

  execute({ networkId, command, options }: ExecuteNetworkCommand): Promise<CommandResult> {
    return this.handle(networkId, command, options);
  }

  async handle(networkId: string, input: ExecuteNetworkCommand['command'], options: HandleOptions) {
    const { idempotency, expectedVersion } = options;
    const streamId = networkStreamId(networkId);
    // The first attempt decides on the cached state without reading the store. Anything
    // that state could have got wrong (another process appended since) is confirmed on
    // fresh state before it is answered: a conflict, a stale expected version, a domain refusal.
    let fresh = false;
    for (let attempt = 0; ; attempt++) {
      const { version, state } = await this.states.load(streamId, { fresh });
      let events: NetworkEvent[];
      try {
        if (expectedVersion !== undefined && expectedVersion !== version)
          throw new StaleVersionError(expectedVersion, version);
        const command = { ...input, metadata: { today: utcToday(this.clock), version } } as NetworkCommand;
        events = networkDecider.decide(command, state);
      } catch (err) {
        if (!fresh && (err instanceof DomainError || err instanceof StaleVersionError)) {
          fresh = true;
          continue;
        }
        // A retry of an earlier request is answered as the first time, even if it could not be decided now.
        const stored = idempotency && (await this.replay(idempotency));
        if (stored) return stored;
        throw err;
      }
      const result = {
        version: version + events.length,
        events: events.map((e, i) => ({ type: e.type, version: version + i + 1 })),
        ...(options.createdId === undefined ? {} : { createdId: options.createdId }),
      };
      // SPEC 6.1/6.2: free text sealed under a new data key per event; a redaction destroys keys.
      const sealed = sealForAppend(this.sealing, streamId, version, events);
      try {
        await this.store.appendToStream(
          streamId,
          sealed.events.map((e, i) => this.toNewEvent(e, options, sealed.metadata[i])),
          {
            dataKeys: sealed.dataKeys,
            expectedVersion: version === 0 ? 'no_stream' : version,
            idempotency: idempotency && {
              scope: idempotency.scope,
              key: idempotency.key,
              value: storedResult(result, idempotency.requestHash),
              expiresAt: new Date(this.clock.now().getTime() + IDEMPOTENCY_TTL_MS).toISOString(),
            },
          },
        );
      } catch (err) {
        if (err instanceof IdempotencyKeyHeldError && idempotency) {
          // The key is held: this is a retry, or a concurrent request with the same key committed first.
          const stored = await this.replay(idempotency);
          if (stored) return stored;
        }
        if (!(err instanceof WrongExpectedVersionError)) throw err;
        fresh = true;
        // With an expected version, the fresh state's version is compared above: a stale one is refused.
        if (expectedVersion === undefined && attempt >= MAX_CONFLICT_RETRIES)
          throw new ConflictRetriesExhaustedError(attempt + 1);
        const wait = expectedVersion === undefined ? conflictBackoffMs(attempt) : 0;
        if (wait > 0) await sleep(wait);
        continue;
      }
      this.states.appended(streamId, version, sealed.events);
      // Not awaited: the answer does not wait for the queue, and a lost notification is found by the sweeper.
      this.projections
        .notify(networkId)
        .catch((err) => this.logger.warn({ msg: 'catch-up not enqueued', streamId, err }));
      if (attempt > 0) this.logger.debug({ msg: 'write retried', streamId, attempts: attempt + 1 });
      return { ...result, replayed: false };
    }
  }

  private toNewEvent(event: NetworkEvent, options: HandleOptions, sealed: Record<string, unknown>): NewEvent {
    const { actor, correlationId, idempotency } = options;
    return {
      type: event.type,
      data: event.data,
      metadata: { actor, correlationId, ...(idempotency ? { idempotencyKey: idempotency.key } : {}), ...sealed },
    };
  }

  private async replay(idempotency: NonNullable<HandleOptions['idempotency']>): Promise<CommandResult | undefined> {
    const raw = await this.store.readIdempotencyRecord(idempotency.scope, idempotency.key);
    if (raw === undefined) return undefined;
    const stored = parseStoredResult(raw);
    if (stored.requestHash !== idempotency.requestHash) throw new IdempotencyKeyReusedError(idempotency.key);
    const { version, events, createdId } = stored;
    return { version, events, ...(createdId === undefined ? {} : { createdId }), replayed: true };
  }
}
