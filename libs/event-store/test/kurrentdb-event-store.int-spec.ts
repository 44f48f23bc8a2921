import { type EventStore, openKurrentDbEventStore, type StoreTestHooks } from '../src';
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
