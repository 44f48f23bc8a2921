import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Pool } from 'pg';
import {
  type EventStore,
  IdempotencyKeyHeldError,
  openPostgresEventStore,
  openSqliteEventStore,
  type WrappedDataKey,
  WrongExpectedVersionError,
} from '../src';

const url = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const event = (n: number) => ({ type: 'Noted', data: { n } });
const key = (streamId: string, version: number): WrappedDataKey => ({
  keyId: `${streamId}@${version}-${Math.random().toString(36).slice(2, 8)}`,
  streamId,
  version,
  wrapped: `w1:${streamId}:${version}`,
});

/** SPEC 6.1/6.2 on the SQL stores: data keys are written and destroyed if and only if the append commits. */
describe.each(['sqlite', 'postgres'] as const)('data keys with the append (%s)', (adapter) => {
  let store: EventStore;
  let cleanup: () => Promise<void>;

  beforeEach(async () => {
    if (adapter === 'sqlite') {
      const dir = mkdtempSync(join(tmpdir(), 'indaga-keys-'));
      store = await openSqliteEventStore({ path: join(dir, 'es.db') });
      cleanup = async () => {
        await store.close();
        rmSync(dir, { recursive: true, force: true });
      };
    } else {
      const schema = `es_keys_${Math.random().toString(36).slice(2, 10)}`;
      store = await openPostgresEventStore({ connectionString: url, schema, poolSize: 4 });
      cleanup = async () => {
        await store.close();
        const admin = new Pool({ connectionString: url, max: 1 });
        await admin.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
        await admin.end();
      };
    }
  });
  afterEach(() => cleanup());

  const has = async (k: WrappedDataKey) => (await store.readDataKeys!([k.keyId])).get(k.keyId) === k.wrapped;

  it('stores the keys of an append, alone or in a batch, and none of a refused one', async () => {
    const alone = key('s-1', 1);
    await store.appendToStream('s-1', [event(1)], { expectedVersion: 'no_stream', dataKeys: { put: [alone] } });
    expect(await has(alone)).toBe(true);

    const stale = key('s-1', 2);
    await expect(
      store.appendToStream('s-1', [event(2)], { expectedVersion: 0, dataKeys: { put: [stale] } }),
    ).rejects.toBeInstanceOf(WrongExpectedVersionError);
    expect(await has(stale)).toBe(false);

    const idem = { scope: 't', key: 'k', value: 'v', expiresAt: new Date(Date.now() + 60_000).toISOString() };
    const first = key('s-1', 2);
    await store.appendToStream('s-1', [event(2)], {
      expectedVersion: 1,
      idempotency: idem,
      dataKeys: { put: [first] },
    });
    const replay = key('s-1', 3);
    await expect(
      store.appendToStream('s-1', [event(3)], { expectedVersion: 2, idempotency: idem, dataKeys: { put: [replay] } }),
    ).rejects.toBeInstanceOf(IdempotencyKeyHeldError);
    expect([await has(first), await has(replay)]).toEqual([true, false]);

    // Many at once: group commit puts them in one transaction (the batch path).
    const batch = Array.from({ length: 12 }, (_, i) => key(`b-${i}`, 1));
    const outcomes = await Promise.allSettled([
      ...batch.map((k) =>
        store.appendToStream(k.streamId, [event(1)], { expectedVersion: 'no_stream', dataKeys: { put: [k] } }),
      ),
      store.appendToStream('s-1', [event(9)], { expectedVersion: 0, dataKeys: { put: [key('s-1', 9)] } }),
    ]);
    expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(12);
    expect((await store.readDataKeys!(batch.map((k) => k.keyId))).size).toBe(12);
    expect((await store.readDataKeys!(['nope'])).size).toBe(0);
  });

  it('destroys the keys of given versions, or of every version, with the append', async () => {
    const keys = [1, 2, 3].map((v) => key('s-2', v));
    for (const k of keys)
      await store.appendToStream('s-2', [event(k.version)], {
        expectedVersion: k.version - 1 || 'no_stream',
        dataKeys: { put: [k] },
      });
    await expect(
      store.appendToStream('s-2', [event(4)], {
        expectedVersion: 1,
        dataKeys: { destroy: { streamId: 's-2', versions: [1] } },
      }),
    ).rejects.toBeInstanceOf(WrongExpectedVersionError);
    expect(await has(keys[0])).toBe(true); // a refused append destroys nothing
    await store.appendToStream('s-2', [event(4)], {
      expectedVersion: 3,
      dataKeys: { destroy: { streamId: 's-2', versions: [1, 3, 99] } },
    });
    expect(await Promise.all(keys.map(has))).toEqual([false, true, false]);
    await store.appendToStream('s-2', [event(5)], {
      expectedVersion: 4,
      dataKeys: { destroy: { streamId: 's-2', versions: 'all' } },
    });
    expect(await has(keys[1])).toBe(false);
  });

  it('text reads carry each event its own key, and none once it is destroyed', async () => {
    expect(store.keysWithText).toBe(true);
    const keys = [1, 2].map((v) => key('s-3', v));
    await store.appendToStream('s-3', [event(1), event(2), event(3)], {
      expectedVersion: 'no_stream',
      dataKeys: { put: keys },
    });
    await store.appendToStream('other', [event(1)], {
      expectedVersion: 'no_stream',
      dataKeys: { put: [key('other', 1)] },
    });
    const carried = (events: Array<{ streamId: string; version: number; dataKey?: object }>) =>
      events.filter((e) => e.streamId === 's-3').map((e) => [e.version, e.dataKey]);
    const expected = [
      [1, { keyId: keys[0].keyId, wrapped: keys[0].wrapped }],
      [2, { keyId: keys[1].keyId, wrapped: keys[1].wrapped }],
      [3, undefined],
    ];
    expect(carried(await store.readAllText!({ after: 0, limit: 10 }))).toEqual(expected);
    expect(carried(await store.readStreamText!('s-3', { fromVersion: 1, limit: 10 }))).toEqual(expected);
    await store.appendToStream('s-3', [event(4)], {
      expectedVersion: 3,
      dataKeys: { destroy: { streamId: 's-3', versions: [1] } },
    });
    expect(carried(await store.readStreamText!('s-3', { fromVersion: 1, limit: 10 }))).toEqual([
      [1, undefined],
      expected[1],
      [3, undefined],
      [4, undefined],
    ]);
  });
});
