import { Inject, Logger } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { setTimeout as sleep } from 'node:timers/promises';
import { DomainError, networkStreamId } from '@indaga/domain';
import {
  EVENT_STORE,
  EventStore,
  IdempotencyKeyHeldError,
  IdempotencyRecord,
  NewEvent,
  WrongExpectedVersionError,
} from '@indaga/event-store';
import { TextSealing } from '@indaga/platform';
import { PROJECTION_SCHEDULER, ProjectionScheduler } from '@indaga/projections';
import { CLOCK, Clock } from './clock';
import { conflictBackoffMs, MAX_CONFLICT_RETRIES } from './conflict-backoff';
import { IDEMPOTENCY_TTL_MS, parseStoredResult, storedResult } from './idempotency';
import { CommandResult, ExecuteNetworkCommand, HandleOptions, NetworkCommandInput } from './network-command';
import { type Decided, decideInOrder, type Refused } from './decide-in-order';
import { NetworkStateCache } from './network-state-cache';
import { sealForAppend } from './seal-for-append';
import { type QueuedWrite, StreamWriteQueue } from './stream-write-queue';
import { ConflictRetriesExhaustedError, IdempotencyKeyReusedError, StaleVersionError } from './write-errors';

interface WriteRequest {
  networkId: string;
  input: NetworkCommandInput;
  options: HandleOptions;
}
type Queued = QueuedWrite<WriteRequest, CommandResult>;

/**
 * The one handler shape for every network command, knowing no HTTP: load
 * (cached fold) → decide → append with the expected version; retry with
 * backoff on a conflict another process caused. The Idempotency-Key's result
 * is committed atomically with the events: a retry with a used key loses that
 * record's insert, writes nothing, and is answered from the record.
 *
 * Writes to one network are decided in sequence in this process
 * (StreamWriteQueue): while one batch is in flight, later requests queue; the
 * next batch is decided request by request on the state the previous ones
 * produced and committed in ONE append, each request with its own idempotency
 * record and its own answer. So requests to one network in one process never
 * conflict with each other; conflicts come only from other processes.
 */
@CommandHandler(ExecuteNetworkCommand)
export class NetworkCommandHandler implements ICommandHandler<ExecuteNetworkCommand, CommandResult> {
  private readonly logger = new Logger('commands');
  private readonly queue = new StreamWriteQueue<WriteRequest, CommandResult>((streamId, batch) =>
    this.commitBatch(streamId, batch),
  );

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

  handle(networkId: string, input: NetworkCommandInput, options: HandleOptions): Promise<CommandResult> {
    return this.queue.push(networkStreamId(networkId), { networkId, input, options });
  }

  /**
   * Decides the batch in order and commits what it decided in one append. The
   * first round decides on the cached state without reading the store; what
   * that state could have got wrong (another process appended since) is
   * confirmed on fresh state before it is answered: a conflict, and a stale
   * expected version or a domain refusal when nothing else was committed
   * (when the append succeeds, its expected version proves the state was the
   * stream's, so each refusal was decided on the true state at its turn).
   */
  private async commitBatch(streamId: string, batch: Queued[]): Promise<void> {
    let open = batch;
    let fresh = false;
    for (let conflicts = 0; open.length > 0;) {
      const { version, state } = await this.states.load(streamId, { fresh });
      const round = decideInOrder(version, state, open, this.clock);
      if (round.decided.length === 0) {
        if (!fresh && round.refused.some(({ error }) => isConfirmable(error))) {
          fresh = true;
          continue;
        }
        await this.answerRefused(round.refused);
        open = round.later;
        continue;
      }
      // SPEC 6.1/6.2: free text sealed under a new data key per event; a redaction destroys keys.
      const sealed = sealForAppend(
        this.sealing,
        streamId,
        version,
        round.decided.flatMap((d) => d.events),
      );
      let i = 0;
      const toAppend = round.decided.flatMap((d) =>
        d.events.map(() => {
          const at = i++;
          return toNewEvent(sealed.events[at], d.queued.item.options, sealed.metadata[at]);
        }),
      );
      try {
        await this.store.appendToStream(streamId, toAppend, {
          dataKeys: sealed.dataKeys,
          expectedVersion: version === 0 ? 'no_stream' : version,
          idempotency: this.records(round.decided),
        });
      } catch (err) {
        const holder = err instanceof IdempotencyKeyHeldError ? heldBy(round.decided, err) : undefined;
        if (holder) {
          // A retry, or a concurrent request with the same key committed first: answered from the record;
          // the others are decided again on the same state (nothing was written).
          await this.answer(holder, err);
          open = open.filter((q) => q !== holder);
          continue;
        }
        if (!(err instanceof WrongExpectedVersionError)) throw err;
        fresh = true;
        // With an expected version, the fresh state's version is compared when deciding: a stale one is refused.
        if (conflicts >= MAX_CONFLICT_RETRIES) {
          const exhausted = new ConflictRetriesExhaustedError(conflicts + 1);
          for (const q of open) if (q.item.options.expectedVersion === undefined) q.reject(exhausted);
          open = open.filter((q) => q.item.options.expectedVersion !== undefined);
        }
        const wait = open.some((q) => q.item.options.expectedVersion === undefined) ? conflictBackoffMs(conflicts) : 0;
        conflicts++;
        if (wait > 0) await sleep(wait);
        continue;
      }
      this.states.appended(streamId, version, sealed.events);
      // Not awaited: the answer does not wait for the queue, and a lost notification is found by the sweeper.
      this.projections
        .notify(batch[0].item.networkId)
        .catch((err) => this.logger.warn({ msg: 'catch-up not enqueued', streamId, err }));
      if (conflicts > 0) this.logger.debug({ msg: 'write retried', streamId, conflicts });
      for (const d of round.decided) d.queued.resolve({ ...d.result, replayed: false });
      await this.answerRefused(round.refused);
      open = round.later;
    }
  }

  private records(decided: Decided<WriteRequest>[]): IdempotencyRecord[] | undefined {
    const expiresAt = new Date(this.clock.now().getTime() + IDEMPOTENCY_TTL_MS).toISOString();
    const records: IdempotencyRecord[] = [];
    for (const { queued, result } of decided) {
      const idempotency = queued.item.options.idempotency;
      if (idempotency)
        records.push({
          scope: idempotency.scope,
          key: idempotency.key,
          value: storedResult(result, idempotency.requestHash),
          expiresAt,
        });
    }
    return records.length > 0 ? records : undefined;
  }

  private async answerRefused(refused: Refused<WriteRequest>[]): Promise<void> {
    for (const { queued, error } of refused) await this.answer(queued, error);
  }

  /** A retry of an earlier request is answered as the first time, even if it could not be decided now. */
  private async answer(queued: Queued, error: unknown): Promise<void> {
    try {
      const idempotency = queued.item.options.idempotency;
      const stored = idempotency && (await this.replay(idempotency));
      if (stored) queued.resolve(stored);
      else queued.reject(error);
    } catch (err) {
      queued.reject(err);
    }
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

function isConfirmable(error: unknown): boolean {
  return error instanceof DomainError || error instanceof StaleVersionError;
}

function heldBy(decided: Decided<WriteRequest>[], err: IdempotencyKeyHeldError): Queued | undefined {
  return decided.find(({ queued }) => {
    const idempotency = queued.item.options.idempotency;
    return idempotency?.scope === err.scope && idempotency.key === err.key;
  })?.queued;
}

function toNewEvent(
  event: Decided<WriteRequest>['events'][number],
  options: HandleOptions,
  sealed: Record<string, unknown>,
): NewEvent {
  const { actor, correlationId, idempotency } = options;
  return {
    type: event.type,
    data: event.data,
    metadata: { actor, correlationId, ...(idempotency ? { idempotencyKey: idempotency.key } : {}), ...sealed },
  };
}
