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

  describe('concurrent writes to one network in one process', () => {
    const streamId = `network-${NETWORK}`;
    // Lets the queue finish the previous batch, so that the next request starts one alone.
    const idle = () => new Promise((resolve) => setImmediate(resolve));
    const schools = Array.from({ length: 16 }, (_, i) => `S${i}`);

    it('never conflict: decided in sequence, committed together, answered in order', async () => {
      const handler = handlerOn(faults.store);
      await handler.handle(NETWORK, register, by);
      await idle();
      const before = faults.appendAttempts;
      const answers = await Promise.all(schools.map((s) => handler.handle(NETWORK, join(s), { ...by, createdId: s })));
      expect(answers.map((a) => a.version)).toEqual(schools.map((_, i) => i + 2));
      expect(answers.map((a) => a.createdId)).toEqual(schools);
      expect(faults.appendConflicts).toBe(0);
      // the first join alone, the other 15 in one append
      expect(faults.appendAttempts - before).toBe(2);
      const stored = await store.readStream(streamId);
      expect(stored.map((e) => (e.data as { schoolId?: string }).schoolId)).toEqual([undefined, ...schools]);
    });

    it('a refused request in the middle does not affect the others', async () => {
      const handler = handlerOn(faults.store);
      await handler.handle(NETWORK, register, by);
      // A joins, A again (refused: already a member, decided on the state the first produced), B joins.
      const results = await Promise.allSettled([
        handler.handle(NETWORK, join('A'), by),
        handler.handle(NETWORK, join('Z'), by),
        handler.handle(NETWORK, join('A'), by),
        handler.handle(NETWORK, join('B'), by),
        handler.handle(NETWORK, join('C'), { ...by, expectedVersion: 3 }), // stale: Z made it 3, B makes it 4
      ]);
      expect(results.map((r) => (r.status === 'fulfilled' ? r.value.version : r.reason.constructor.name))).toEqual([
        2,
        3,
        'DomainError',
        4,
        'StaleVersionError',
      ]);
      expect(faults.appendConflicts).toBe(0);
      expect(await store.streamVersion(streamId)).toBe(4);
    });

    it('keeps each request its own idempotency record and answer, replays included', async () => {
      const handler = handlerOn(faults.store);
      await handler.handle(NETWORK, register, by);
      const k1 = { scope: 'token-1', key: 'k-1', requestHash: 'h-1' };
      const k2 = { scope: 'token-1', key: 'k-2', requestHash: 'h-2' };
      const [first, a, duplicate, b] = await Promise.all([
        handler.handle(NETWORK, join('X'), by),
        handler.handle(NETWORK, join('A'), { ...by, idempotency: k1, createdId: 'A' }),
        handler.handle(NETWORK, join('A'), { ...by, idempotency: k1, createdId: 'A' }), // the same request again
        handler.handle(NETWORK, join('B'), { ...by, idempotency: k2, createdId: 'B' }),
      ]);
      expect(first.version).toBe(2);
      expect(a).toEqual({
        version: 3,
        events: [{ type: 'SchoolJoined', version: 3 }],
        createdId: 'A',
        replayed: false,
      });
      expect(duplicate).toEqual({ ...a, replayed: true });
      expect(b).toEqual({
        version: 4,
        events: [{ type: 'SchoolJoined', version: 4 }],
        createdId: 'B',
        replayed: false,
      });
      // Each key's record holds its own answer: a later retry through another process replays it.
      await expect(handlerOn(store).handle(NETWORK, join('B'), { ...by, idempotency: k2 })).resolves.toEqual({
        ...b,
        replayed: true,
      });
      expect(await store.streamVersion(streamId)).toBe(4);
      expect(faults.appendConflicts).toBe(0);
    });

    it('answers a request whose key another process committed meanwhile from the record, and commits the rest', async () => {
      const handler = handlerOn(faults.store);
      await handler.handle(NETWORK, register, by);
      const key = { scope: 'token-1', key: 'k-3', requestHash: 'h-3' };
      await idle();
      const first = handler.handle(NETWORK, join('X'), by); // in flight while the next three queue
      // Before the batch's append, the keyed request commits through another process.
      faults.inject(() => undefined);
      faults.inject(() =>
        handlerOn(store)
          .handle(NETWORK, join('A'), { ...by, idempotency: key })
          .then(() => undefined),
      );
      const rest = await Promise.all([
        handler.handle(NETWORK, join('B'), by),
        handler.handle(NETWORK, join('A'), { ...by, idempotency: key }),
        handler.handle(NETWORK, join('C'), by),
      ]);
      expect((await first).version).toBe(2);
      expect(rest[1]).toEqual({ version: 3, events: [{ type: 'SchoolJoined', version: 3 }], replayed: true });
      expect([rest[0].version, rest[2].version]).toEqual([4, 5]);
      expect(await store.streamVersion(streamId)).toBe(5);
    });

    it('retries a batch as a whole on a conflict with another process, writing each request once', async () => {
      const handler = handlerOn(faults.store);
      await handler.handle(NETWORK, register, by);
      await idle();
      const first = handler.handle(NETWORK, join('X'), by);
      faults.inject(() => undefined);
      faults.inject(() =>
        handlerOn(store)
          .handle(NETWORK, join('Y'), by)
          .then(() => undefined),
      );
      const rest = await Promise.all(['A', 'B', 'C'].map((s) => handler.handle(NETWORK, join(s), by)));
      expect((await first).version).toBe(2);
      expect(rest.map((r) => r.version)).toEqual([4, 5, 6]);
      expect(faults.appendConflicts).toBe(1);
      const stored = await store.readStream(streamId);
      expect(stored.map((e) => (e.data as { schoolId?: string }).schoolId)).toEqual([
        undefined,
        'X',
        'Y',
        'A',
        'B',
        'C',
      ]);
    });

    it('ends a round at a redaction: writes queued behind it are appended after it and keep their keys', async () => {
      const handler = handlerOn(faults.store);
      await handler.handle(NETWORK, register, by);
      await handler.handle(NETWORK, join('A'), by);
      await handler.handle(NETWORK, session('s-1', ['A']), by);
      await idle();
      const before = faults.appendAttempts;
      const redactAll: NetworkCommandInput = { type: 'RedactText', data: { versions: 'all', reason: 'solicitud' } };
      // join B goes alone; the redaction and the later session queue behind it in one round.
      const answers = await Promise.all([
        handler.handle(NETWORK, join('B'), by),
        handler.handle(NETWORK, redactAll, by),
        handler.handle(NETWORK, session('s-2', ['A']), by),
      ]);
      expect(answers.map((a) => a.version)).toEqual([4, 5, 6]);
      expect(faults.appendAttempts - before).toBe(3);
      expect(faults.appendConflicts).toBe(0);
      const stored = await store.readStream(streamId);
      const keyOf = (version: number) => stored[version - 1].metadata.keyId as string;
      const live = await store.readDataKeys!([keyOf(3), keyOf(5), keyOf(6)]);
      // s-1's key destroyed by "all"; the session recorded after the redaction keeps its own.
      expect([...live.keys()].sort()).toEqual([keyOf(5), keyOf(6)].sort());
    });
  });
});
