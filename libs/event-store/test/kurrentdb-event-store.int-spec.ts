import {
  type EventStore,
  openKurrentDbEventStore,
  IdempotencyKeyHeldError,
  type StoreTestHooks,
  StoreUnavailableError,
} from '../src';
import { eventStoreContract } from './event-store.contract';
import { startKurrentDbDouble } from './kurrentdb-double/kurrentdb-double';

/**
 * The shared contract against the KurrentDB adapter talking gRPC to the
 * in-process test double (kurrentdb-double/). Each harness is a fresh double,
 * so it plays the part of a fresh database. The same contract runs against a
 * real server in kurrentdb-server.int-spec.ts when KURRENTDB_URL is set.
 */
async function doubleHarness() {
  const double = await startKurrentDbDouble();
  const opened: EventStore[] = [];
  return {
    adapter: 'kurrentdb' as const,
    double,
    async open(options: { hooks?: StoreTestHooks } = {}) {
      const store = await openKurrentDbEventStore({ url: double.url, streamPrefixes: [''], namespace: 'test/' });
      opened.push(store);
      const hook = options.hooks?.beforeCommit;
      if (!hook) return store;
      // The server holds the write: the adapter has no commit of its own to hold.
      double.beforeCommit = hook;
      const close = store.close.bind(store);
      store.close = async () => {
        if (double.beforeCommit === hook) double.beforeCommit = undefined;
        await close();
      };
      return store;
    },
    async destroy() {
      await Promise.all(opened.map((s) => s.close()));
      await double.close();
    },
  };
}

eventStoreContract('KurrentDbEventStore (gRPC test double)', doubleHarness, {
  serverExpiresRecords: true,
  scaleTimeoutMs: 600_000,
});

describe('KurrentDbEventStore specifics', () => {
  const record = (key: string, expiresAt: string) => ({
    scope: 'network-1',
    key,
    value: `v-${key}`,
    expiresAt,
  });

  it('refuses a server older than 25.1, naming the version it needs', async () => {
    const old = await startKurrentDbDouble({ serverVersion: '24.10.0' });
    try {
      const opening = openKurrentDbEventStore({ url: old.url });
      await expect(opening).rejects.toBeInstanceOf(StoreUnavailableError);
      await expect(opening).rejects.toThrow(/version 24\.10\.0; indaga needs KurrentDB 25\.1 or later/);
    } finally {
      await old.close();
    }
  });

  it('refuses an unreachable server at open, with a message naming the address (credentials hidden)', async () => {
    const opening = openKurrentDbEventStore({ url: 'kurrentdb://admin:changeit@127.0.0.1:1?tls=false' });
    await expect(opening).rejects.toBeInstanceOf(StoreUnavailableError);
    await expect(opening).rejects.toThrow(/unreachable at kurrentdb:\/\/\*\*\*@127\.0\.0\.1:1/);
  });

  it('reads only network streams through the server-side filter: no system events, no record streams', async () => {
    const double = await startKurrentDbDouble();
    const store = await openKurrentDbEventStore({ url: double.url });
    try {
      const inADay = new Date(Date.now() + 86_400_000).toISOString();
      await store.appendToStream('network-a', [{ type: 'T', data: {} }], {
        expectedVersion: 'no_stream',
        idempotency: record('k1', inADay),
      });
      await store.appendToStream('elsewhere', [{ type: 'T', data: {} }], { expectedVersion: 'no_stream' });
      await store.appendToStream('network-b', [{ type: 'T', data: {} }], { expectedVersion: 'no_stream' });
      const all = await store.readAll();
      expect(all.map((e) => e.streamId)).toEqual(['network-a', 'network-b']);
      expect(await store.headPosition()).toBe(all[1].position);
      // No stream index to ask: callers do without streamHeads on this store.
      expect((store as EventStore).streamHeads).toBeUndefined();
      // The server itself saw system events, the record stream and its $maxAge metadata.
      const names = new Set(double.log.all.map((e) => e.streamId));
      expect([...names].filter((n) => n.startsWith('$')).length).toBeGreaterThan(1);
      const metadata = double.log.all.find((e) => e.streamId.startsWith('$$indaga-idempotency/'));
      expect(JSON.parse(Buffer.from(metadata!.data).toString('utf8'))).toEqual({ $maxAge: 86_400 });
    } finally {
      await store.close();
      await double.close();
    }
  });

  it('a record the server expired by $maxAge frees its key: the append replaces it at the reported revision', async () => {
    let now = Date.now();
    const double = await startKurrentDbDouble({ now: () => now });
    const store = await openKurrentDbEventStore({ url: double.url });
    try {
      // The caller's expiry is two days away, but the server drops the record after one ($maxAge).
      const inTwoDays = new Date(now + 2 * 86_400_000).toISOString();
      await store.appendToStream('network-x', [{ type: 'T', data: {} }], {
        expectedVersion: 'no_stream',
        idempotency: record('k', inTwoDays),
      });
      await expect(
        store.appendToStream('network-y', [{ type: 'T', data: {} }], {
          expectedVersion: 'no_stream',
          idempotency: record('k', inTwoDays),
        }),
      ).rejects.toBeInstanceOf(IdempotencyKeyHeldError);
      now += 25 * 3_600_000;
      expect(await store.readIdempotencyRecord('network-1', 'k')).toBeUndefined();
      await store.appendToStream('network-y', [{ type: 'T', data: {} }], {
        expectedVersion: 'no_stream',
        idempotency: { ...record('k', inTwoDays), value: 'again' },
      });
      expect(await store.readIdempotencyRecord('network-1', 'k')).toBe('again');
    } finally {
      await store.close();
      await double.close();
    }
  });

  it('fails loudly, never rounding, when a commit position exceeds Number.MAX_SAFE_INTEGER', async () => {
    const double = await startKurrentDbDouble({ firstPosition: BigInt(Number.MAX_SAFE_INTEGER) - 100n });
    const store = await openKurrentDbEventStore({ url: double.url });
    try {
      const many = Array.from({ length: 3 }, () => ({ type: 'T', data: { pad: 'x'.repeat(100) } }));
      await expect(store.appendToStream('network-big', many, { expectedVersion: 'no_stream' })).rejects.toThrow(
        /exceeds Number.MAX_SAFE_INTEGER/,
      );
      await expect(store.readAll()).rejects.toThrow(/exceeds Number.MAX_SAFE_INTEGER/);
    } finally {
      await store.close();
      await double.close();
    }
  });

  it('answers StoreUnavailableError once the server is gone', async () => {
    const double = await startKurrentDbDouble();
    const store = await openKurrentDbEventStore({ url: double.url });
    try {
      await double.close();
      await expect(store.ping()).rejects.toBeInstanceOf(StoreUnavailableError);
      await expect(
        store.appendToStream('network-z', [{ type: 'T', data: {} }], { expectedVersion: 'any' }),
      ).rejects.toBeInstanceOf(StoreUnavailableError);
    } finally {
      await store.close();
    }
  });
});
