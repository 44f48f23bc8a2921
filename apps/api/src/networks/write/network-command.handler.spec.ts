import { networkRegistered, schoolJoined, sessionFields } from '@indaga/domain/testing/builders';
import { openSqliteEventStore, WrongExpectedVersionError, type EventStore } from '@indaga/event-store';
import { randomBytes } from 'node:crypto';
import { TextSealing } from '@indaga/platform';
import { FaultInjectingStore } from '../../../../../test/support/fault-injecting-store';
import { type Clock, systemClock } from './clock';
import { MAX_CONFLICT_RETRIES } from './conflict-backoff';
import type { HandleOptions, NetworkCommandInput } from './network-command';
import { NetworkCommandHandler } from './network-command.handler';
import { NetworkStateCache } from './network-state-cache';
import { ConflictRetriesExhaustedError, IdempotencyKeyReusedError, StaleVersionError } from './write-errors';

// The command handler on its own, against a real (in-memory SQLite) store with faults injected
// in front of its appends: no HTTP, no Nest.
const NETWORK = 'red-valparaiso-1';
// The real clock: idempotency records expire 24 h after it, and the store compares with real time.
const clock: Clock = systemClock;
const noScheduler = { notify: async () => undefined, rebuild: async () => 'none', close: async () => undefined };
const by: HandleOptions = { actor: 'token-1', correlationId: 'corr-1' };

const register: NetworkCommandInput = { type: 'RegisterNetwork', data: networkRegistered().data };
const join = (schoolId: string): NetworkCommandInput => ({
  type: 'JoinSchool',
  data: schoolJoined(schoolId, '2024-02-01').data,
});
const session = (sessionId: string, schools: string[]): NetworkCommandInput => ({
  type: 'RecordSession',
  data: sessionFields(sessionId, '2024-03-01', { schoolsPresent: schools }),
});

describe('NetworkCommandHandler', () => {
  let store: EventStore;
  let faults: FaultInjectingStore;
  const handlerOn = (s: EventStore) =>
    new NetworkCommandHandler(s, new NetworkStateCache(s), clock, noScheduler, new TextSealing(randomBytes(32)));

  beforeEach(async () => {
    store = await openSqliteEventStore({ path: ':memory:' });
    faults = new FaultInjectingStore(store);
  });
  afterEach(() => store.close());

  it('answers the new version and the events it recorded', async () => {
    const handler = handlerOn(store);
    await expect(handler.handle(NETWORK, register, by)).resolves.toEqual({
      version: 1,
      events: [{ type: 'NetworkRegistered', version: 1 }],
      replayed: false,
    });
    const second = await handler.handle(NETWORK, join('A'), { ...by, createdId: 'A' });
    expect(second).toEqual({
      version: 2,
      events: [{ type: 'SchoolJoined', version: 2 }],
      createdId: 'A',
      replayed: false,
    });
    const [event] = await store.readStream(`network-${NETWORK}`, { fromVersion: 2 });
    expect(event.metadata).toMatchObject({ actor: 'token-1', correlationId: 'corr-1' });
  });

  it('confirms a conflict from a stale cache on fresh state and writes once', async () => {
    const handler = handlerOn(faults.store);
    await handler.handle(NETWORK, register, by);
    // Another process appends after this handler cached version 1.
    await handlerOn(store).handle(NETWORK, join('A'), by);
    const answer = await handler.handle(NETWORK, join('B'), by);
    expect(answer.version).toBe(3);
    expect(faults.appendAttempts).toBe(3); // register, the stale attempt, the retry
    expect(await store.streamVersion(`network-${NETWORK}`)).toBe(3);
  });

  it('confirms a domain refusal decided on a stale cache on fresh state', async () => {
    const handler = handlerOn(faults.store);
    await handler.handle(NETWORK, register, by);
    // School A joined through another process: this handler's cache says it is not a member.
    await handlerOn(store).handle(NETWORK, join('A'), by);
    const answer = await handler.handle(NETWORK, session('s-1', ['A']), by);
    expect(answer.version).toBe(3);
  });

  it('refuses a stale expected version without retrying or appending', async () => {
    const handler = handlerOn(faults.store);
    await handler.handle(NETWORK, register, by);
    await handler.handle(NETWORK, join('A'), by);
    const before = faults.appendAttempts;
    await expect(handler.handle(NETWORK, join('B'), { ...by, expectedVersion: 1 })).rejects.toEqual(
      new StaleVersionError(1, 2),
    );
    expect(faults.appendAttempts).toBe(before);
  });

  it('with an expected version, a conflict at append time is refused as stale, not retried', async () => {
    const handler = handlerOn(faults.store);
    await handler.handle(NETWORK, register, by);
    faults.inject(() =>
      handlerOn(store)
        .handle(NETWORK, join('A'), by)
        .then(() => undefined),
    );
    await expect(handler.handle(NETWORK, join('B'), { ...by, expectedVersion: 1 })).rejects.toBeInstanceOf(
      StaleVersionError,
    );
    expect(faults.appendAttempts).toBe(2);
    expect(await store.streamVersion(`network-${NETWORK}`)).toBe(2);
  });

  it('replays a key used with the same request, and refuses it with another', async () => {
    const handler = handlerOn(store);
    await handler.handle(NETWORK, register, by);
    const key = { scope: 'token-1', key: 'k-1', requestHash: 'hash-1' };
    const first = await handler.handle(NETWORK, join('A'), { ...by, idempotency: key, createdId: 'A' });
    // Replayed even though the same command would now be refused (A is a member).
    const again = await handlerOn(store).handle(NETWORK, join('A'), { ...by, idempotency: key, createdId: 'A' });
    expect(again).toEqual({ ...first, replayed: true });
    await expect(
      handler.handle(NETWORK, join('B'), { ...by, idempotency: { ...key, requestHash: 'hash-2' } }),
    ).rejects.toBeInstanceOf(IdempotencyKeyReusedError);
    expect(await store.streamVersion(`network-${NETWORK}`)).toBe(2);
  });

  it('answers from the record when a concurrent request with the same key commits first', async () => {
    const handler = handlerOn(faults.store);
    await handler.handle(NETWORK, register, by);
    const key = { scope: 'token-1', key: 'k-2', requestHash: 'hash-1' };
    // Between this request's decision and its append, the same request commits through another process.
    faults.inject(() =>
      handlerOn(store)
        .handle(NETWORK, join('A'), { ...by, idempotency: key })
        .then(() => undefined),
    );
    const answer = await handler.handle(NETWORK, join('A'), { ...by, idempotency: key });
    expect(answer).toEqual({ version: 2, events: [{ type: 'SchoolJoined', version: 2 }], replayed: true });
    expect(await store.streamVersion(`network-${NETWORK}`)).toBe(2);
  });

  it('gives up with ConflictRetriesExhaustedError after the bounded retries', async () => {
    const handler = handlerOn(faults.store);
    await handler.handle(NETWORK, register, by);
    const streamId = `network-${NETWORK}`;
    faults.inject(() => {
      throw new WrongExpectedVersionError(streamId, 1, 2);
    }, MAX_CONFLICT_RETRIES + 5);
    const before = faults.appendAttempts;
    await expect(handler.handle(NETWORK, join('A'), by)).rejects.toBeInstanceOf(ConflictRetriesExhaustedError);
    expect(faults.appendAttempts - before).toBe(MAX_CONFLICT_RETRIES + 1);
    expect(await store.streamVersion(streamId)).toBe(1);
  });
});
