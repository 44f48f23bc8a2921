import { Inject, Logger } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { DomainError, NetworkCommand, NetworkEvent, networkDecider, networkStreamId } from '@indaga/domain';
import {
  EVENT_STORE,
  EventStore,
  NewEvent,
  SideEffectConflictError,
  WrongExpectedVersionError,
} from '@indaga/event-store';
import { PROJECTION_SCHEDULER, ProjectionScheduler } from '@indaga/projections';
import { ApiError } from '../../http/api-error';
import { CLOCK, Clock, utcToday } from './clock';
import { IDEMPOTENCY_TTL_MS, StoredAnswer } from './idempotency';
import { ExecuteNetworkCommand, IdempotencyRequest, WriteAnswer, WriteAnswerBody } from './network-command';
import { NetworkStateCache } from './network-state-cache';

/** Conflicts the client did not cause (no If-Match) are retried this many times with fresh state. */
export const MAX_CONFLICT_RETRIES = 20;

/**
 * The one handler shape for every network command: load (cached fold) →
 * decide → append with the expected version; retry on a conflict the client
 * did not cause. The Idempotency-Key's answer is committed in the same
 * transaction as the events: a retry with a used key loses that insert, so
 * it writes nothing and is answered from the stored record.
 */
@CommandHandler(ExecuteNetworkCommand)
export class NetworkCommandHandler implements ICommandHandler<ExecuteNetworkCommand, WriteAnswer> {
  private readonly logger = new Logger('commands');

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly states: NetworkStateCache,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(PROJECTION_SCHEDULER) private readonly projections: ProjectionScheduler,
  ) {}

  async execute(request: ExecuteNetworkCommand): Promise<WriteAnswer> {
    const { idempotency, ifMatch } = request.options;
    const streamId = networkStreamId(request.networkId);
    // The first attempt decides on the cached state without reading the store. Anything
    // that state could have got wrong (another process appended since) is confirmed on
    // fresh state before it is answered: a conflict, a stale If-Match, a domain refusal.
    let fresh = false;
    for (let attempt = 0; ; attempt++) {
      const { version, state } = await this.states.load(streamId, { fresh });
      let events: NetworkEvent[];
      try {
        if (ifMatch !== undefined && ifMatch !== version)
          throw new WrongExpectedVersionError(streamId, ifMatch, version);
        const command = { ...request.command, metadata: { today: utcToday(this.clock) } } as NetworkCommand;
        events = networkDecider.decide(command, state);
      } catch (err) {
        if (!fresh && (err instanceof DomainError || err instanceof WrongExpectedVersionError)) {
          fresh = true;
          continue;
        }
        // A retry of an earlier request is answered as the first time, even if it could not be decided now.
        const stored = idempotency && (await this.storedAnswer(idempotency));
        if (stored) return stored;
        throw err;
      }
      const answer = this.answer(request, version, events);
      try {
        await this.store.appendToStream(
          streamId,
          events.map((e) => this.toNewEvent(e, request)),
          {
            expectedVersion: version === 0 ? 'no_stream' : version,
            sideEffects: idempotency ? [this.sideEffect(idempotency, answer)] : undefined,
          },
        );
      } catch (err) {
        if (err instanceof SideEffectConflictError && idempotency) {
          // The key is held: this is a retry, or a concurrent request with the same key committed first.
          const stored = await this.storedAnswer(idempotency);
          if (stored) return stored;
        }
        if (err instanceof WrongExpectedVersionError) {
          fresh = true;
          // With If-Match, the fresh state's version is compared above: a stale one is 412.
          if (ifMatch !== undefined || attempt < MAX_CONFLICT_RETRIES) continue;
          throw new ApiError(
            409,
            'VERSION.CONFLICT',
            'the network kept changing while this write was retried; retry later',
            undefined,
            {
              'Retry-After': '1',
            },
          );
        }
        throw err;
      }
      this.states.appended(streamId, version, events);
      // Not awaited: the answer does not wait for the queue, and a lost notification is found by the sweeper.
      this.projections
        .notify(request.networkId)
        .catch((err) => this.logger.warn({ msg: 'catch-up not enqueued', streamId, err }));
      if (attempt > 0) this.logger.debug({ msg: 'write retried', streamId, attempts: attempt + 1 });
      return answer;
    }
  }

  private answer(request: ExecuteNetworkCommand, version: number, events: NetworkEvent[]): WriteAnswer {
    const body: WriteAnswerBody = {
      networkId: request.networkId,
      version: version + events.length,
      events: events.map((e, i) => ({ type: e.type, version: version + i + 1 })),
      ...(request.options.createdId ? { id: request.options.createdId } : {}),
    };
    return { status: request.options.status, body, replayed: false };
  }

  private toNewEvent(event: NetworkEvent, request: ExecuteNetworkCommand): NewEvent {
    const { actor, correlationId, idempotency } = request.options;
    return {
      type: event.type,
      data: event.data,
      metadata: { actor, correlationId, ...(idempotency ? { idempotencyKey: idempotency.key } : {}) },
    };
  }

  private sideEffect(idempotency: IdempotencyRequest, answer: WriteAnswer) {
    const stored: StoredAnswer = { requestHash: idempotency.requestHash, status: answer.status, body: answer.body };
    return {
      kind: 'idempotency' as const,
      scope: idempotency.scope,
      key: idempotency.key,
      value: JSON.stringify(stored),
      expiresAt: new Date(this.clock.now().getTime() + IDEMPOTENCY_TTL_MS).toISOString(),
    };
  }

  private async storedAnswer(idempotency: IdempotencyRequest): Promise<WriteAnswer | undefined> {
    const raw = await this.store.readSideEffect('idempotency', idempotency.scope, idempotency.key);
    if (raw === undefined) return undefined;
    const stored = JSON.parse(raw) as StoredAnswer;
    if (stored.requestHash !== idempotency.requestHash) {
      throw new ApiError(
        422,
        'IDEMPOTENCY.KEY_REUSED',
        'this Idempotency-Key was already used with another request body',
        {
          idempotencyKey: idempotency.key,
        },
      );
    }
    return { status: stored.status, body: stored.body, replayed: true };
  }
}
