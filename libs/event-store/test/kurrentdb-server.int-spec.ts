import { type EventStore, openKurrentDbEventStore } from '../src';
import { eventStoreContract } from './event-store.contract';

/**
 * The shared contract against a real KurrentDB (25.1 or later) when
 * KURRENTDB_URL is set: `npm run test:kurrentdb` (README, "KurrentDB").
 * Each harness writes under a namespace of its own, so runs never meet on a
 * shared server; their streams are left behind (KurrentDB has no cheap drop).
 */
const url = process.env.KURRENTDB_URL;

function serverHarness(serverUrl: string) {
  const namespace = `indaga-test-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}/`;
  const opened: EventStore[] = [];
  return {
    adapter: 'kurrentdb' as const,
    async open() {
      const store = await openKurrentDbEventStore({ url: serverUrl, namespace, streamPrefixes: [''] });
      opened.push(store);
      return store;
    },
    async destroy() {
      await Promise.all(opened.map((s) => s.close()));
    },
  };
}

if (url) {
  eventStoreContract('KurrentDbEventStore (real server at KURRENTDB_URL)', async () => serverHarness(url), {
    serverExpiresRecords: true,
    noCommitHooks: 'a real server offers no hook to hold a commit open; checked against the test double only',
    scaleTimeoutMs: 600_000,
  });
} else {
  const reason = 'KURRENTDB_URL is not set (start a KurrentDB 25.1+ node, see README "KurrentDB")';
  process.stderr.write(`KurrentDB real-server contract skipped: ${reason}\n`);
  describe('KurrentDbEventStore (real server)', () => {
    it.skip(`skipped: ${reason}`, () => undefined);
  });
}
