import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import {
  type EventStore,
  IdempotencyKeyHeldError,
  openSqliteEventStore,
  SqliteEventStore,
  StoreUnavailableError,
  WrongExpectedVersionError,
} from '../src';
import { BUSY_FOR_MS, SqliteLoneAppends } from '../src/sqlite/sqlite-lone-appends';
import type { Worker } from 'node:worker_threads';
import { encodeAppend } from '../src/internal/encoded-append';
import { SqliteWriterThread } from '../src/sqlite/sqlite-writer-thread';
import { openSqliteConnection } from '../src/sqlite/sqlite-connection';
import { eventStoreContract } from './event-store.contract';
import { runChildren } from './sqlite-children';

function sqliteHarness(writerThread = true) {
  const dir = mkdtempSync(join(tmpdir(), 'es-sqlite-'));
  const path = join(dir, 'nested', 'events.db'); // the factory creates the directory
  const opened: EventStore[] = [];
  return {
    adapter: 'sqlite' as const,
    path,
    async open(options: { hooks?: import('../src').StoreTestHooks; loneCommitMaxMs?: number } = {}) {
      const store = await openSqliteEventStore({ path, writerThread, ...options });
      opened.push(store);
      return store;
    },
    async destroy() {
      await Promise.all(opened.map((s) => s.close()));
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

// The default commits on a writer thread; the calling-thread writer (and the test hooks, which only it runs) must pass too.
eventStoreContract('SqliteEventStore (writer thread)', async () => sqliteHarness(true));
eventStoreContract('SqliteEventStore (calling-thread writer)', async () => sqliteHarness(false));

describe('SqliteEventStore specifics', () => {
  it('opens connections durable (WAL, FULL sync), erasing deleted rows, temporary files in memory, checkpoints every 1,000 pages', () => {
    const dir = mkdtempSync(join(tmpdir(), 'es-sqlite-pragmas-'));
    const db = openSqliteConnection(join(dir, 'events.db'));
    try {
      const read = (name: string) => db.pragma(name, { simple: true });
      const pragmas = ['journal_mode', 'synchronous', 'secure_delete', 'temp_store', 'wal_autocheckpoint'];
      expect(pragmas.map(read)).toEqual([
        'wal',
        2, // FULL
        1,
        2, // MEMORY: a batch's savepoint journal never spills to a temp file inside the commit
        1000, // SQLite's default: larger checkpoints held up the projection workers' fsyncs
      ]);
    } finally {
      db.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('two OS processes migrate and append to one file at once; each append lands exactly once', async () => {
    const harness = sqliteHarness();
    try {
      // Each child opens the fresh file (racing on the migrations) and appends 150 events, 50 of them
      // to one shared stream with retry on conflict, so the file lock and savepoints are exercised.
      const outputs = await runChildren(harness.path, 2);
      expect(outputs).toEqual(['ok', 'ok']);
      const store = await harness.open();
      const all = await store.readAll({ limit: 1000 });
      expect(all).toHaveLength(300);
      expect(await store.streamVersion('shared')).toBe(100);
      const shared = await store.readStream('shared', { limit: 1000 });
      expect(shared.map((e) => e.version)).toEqual(Array.from({ length: 100 }, (_, i) => i + 1));
    } finally {
      await harness.destroy();
    }
  }, 60_000);

  it('a process that closes and reopens stores (each writer thread exiting) keeps running', async () => {
    // Regression: a writer thread that had loaded a native addon it then unloaded on exit crashed the process (SIGSEGV).
    const dir = mkdtempSync(join(tmpdir(), 'es-sqlite-reopen-'));
    try {
      expect(await runChildren(dir, 1, 'sqlite-reopen-child.ts')).toEqual(['ok']);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);

  it('maps an unusable file to StoreUnavailableError', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'es-sqlite-bad-'));
    try {
      writeFileSync(join(dir, 'not-a-dir'), 'x');
      await expect(openSqliteEventStore({ path: join(dir, 'not-a-dir', 'events.db') })).rejects.toBeInstanceOf(
        StoreUnavailableError,
      );
      writeFileSync(join(dir, 'garbage.db'), 'this is not a database file, it is only text'.repeat(200));
      await expect(openSqliteEventStore({ path: join(dir, 'garbage.db') })).rejects.toBeInstanceOf(
        StoreUnavailableError,
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('fails the batch in flight and every later one when the writer thread dies, keeping what committed', async () => {
    const harness = sqliteHarness();
    try {
      await (await harness.open()).close(); // creates and migrates the file
      const thread = await SqliteWriterThread.start({ path: harness.path, busyTimeoutMs: 1000 });
      const append = (streamId: string) =>
        encodeAppend(streamId, [{ type: 'T', data: { streamId } }], { expectedVersion: 'no_stream' });
      const [kept] = await thread.write([append('kept')]);
      expect(kept).toEqual({ ok: true, versionBefore: 0, positions: [1] });
      // A batch big enough (50,000 events, most of a second to insert) to be surely still in flight when the
      // thread dies; a one-event batch could commit before terminate() took effect. (Holding the write lock
      // from another connection instead aborts the process: better-sqlite3 throwing in a terminating thread.)
      const big = encodeAppend(
        'lost',
        Array.from({ length: 50_000 }, (_, n) => ({ type: 'T', data: { n } })),
        { expectedVersion: 'no_stream' },
      );
      const inFlight = thread.write([big]);
      // The same as the thread crashing.
      await (thread as unknown as { worker: Worker }).worker.terminate();
      await expect(inFlight).rejects.toBeInstanceOf(StoreUnavailableError);
      await expect(thread.write([append('later')])).rejects.toBeInstanceOf(StoreUnavailableError);
      const store = await harness.open();
      expect(await store.streamVersion('kept')).toBe(1);
      expect(await store.streamVersion('lost')).toBe(0);
      expect(await store.streamVersion('later')).toBe(0);
    } finally {
      await harness.destroy();
    }
  });

  it('settles a batch the writer thread answered at the next append, without waiting for the event loop', async () => {
    const harness = sqliteHarness();
    try {
      await (await harness.open()).close();
      const thread = await SqliteWriterThread.start({ path: harness.path, busyTimeoutMs: 1000 });
      const append = (streamId: string) =>
        encodeAppend(streamId, [{ type: 'T', data: { streamId } }], { expectedVersion: 'no_stream' });
      let settled = false;
      const first = thread.write([append('first')]).then(() => (settled = true));
      // Only microtasks run in this loop, never the event loop's I/O: the answer's message event cannot fire.
      const block = new Int32Array(new SharedArrayBuffer(4));
      const spinUntil = Date.now() + 5_000;
      for (let quiet = 0; quiet < 20 && Date.now() < spinUntil; quiet++) {
        Atomics.wait(block, 0, 0, 10); // the thread commits meanwhile
        await Promise.resolve();
      }
      expect(settled).toBe(false);
      while (!settled && Date.now() < spinUntil) {
        thread.poll();
        for (let i = 0; i < 3; i++) await Promise.resolve();
        if (!settled) Atomics.wait(block, 0, 0, 10);
      }
      expect(settled).toBe(true);
      await first;
      expect(await thread.write([append('second')])).toEqual([{ ok: true, versionBefore: 0, positions: [2] }]);
      await thread.close();
    } finally {
      await harness.destroy();
    }
  });

  describe('lone appends (committed on the calling thread)', () => {
    const event = (n: number) => [{ type: 'T', data: { n } }];

    it("commits a single caller's appends on the calling thread; batches, and lone ones right after a batch, on the writer thread", async () => {
      const harness = sqliteHarness();
      try {
        // A generous limit: a slow commit on a loaded machine must not send these to the thread.
        const store = (await harness.open({ loneCommitMaxMs: 1_000 })) as SqliteEventStore;
        for (let v = 0; v < 20; v++) await store.appendToStream('alone', event(v), { expectedVersion: v });
        expect(store.loneAppends).toEqual({ inline: 20, handedOver: 0 });
        // Pushed in one tick: one batch, which goes to the writer thread.
        await Promise.all(
          Array.from({ length: 10 }, (_, i) =>
            store.appendToStream(`many-${i}`, event(i), { expectedVersion: 'no_stream' }),
          ),
        );
        expect(store.loneAppends).toEqual({ inline: 20, handedOver: 0 });
        // Right after a batch of several the store counts as busy: a lone append goes to the thread too.
        await store.appendToStream('after-batch', event(0), { expectedVersion: 'no_stream' });
        expect(store.loneAppends).toEqual({ inline: 20, handedOver: 1 });
        await new Promise((resolve) => setTimeout(resolve, BUSY_FOR_MS + 20));
        // The same guarantees on both paths: a stale expected version and a held key are refused, nothing written.
        await expect(store.appendToStream('alone', event(99), { expectedVersion: 3 })).rejects.toBeInstanceOf(
          WrongExpectedVersionError,
        );
        const idempotency = [{ scope: 's', key: 'k', value: 'first', expiresAt: '2999-01-01T00:00:00.000Z' }];
        await store.appendToStream('keyed', event(1), { expectedVersion: 'any', idempotency });
        await expect(
          store.appendToStream('keyed', event(2), { expectedVersion: 'any', idempotency }),
        ).rejects.toBeInstanceOf(IdempotencyKeyHeldError);
        expect(store.loneAppends).toEqual({ inline: 23, handedOver: 1 });
        const reopened = await openSqliteEventStore({ path: harness.path, loneAppendsInline: false });
        expect((await reopened.readStream('alone')).map((e) => e.data)).toEqual(
          Array.from({ length: 20 }, (_, n) => ({ n })),
        );
        expect(await reopened.streamVersion('keyed')).toBe(1);
        expect(await reopened.readAll({ limit: 100 })).toHaveLength(32);
        expect(reopened.loneAppends).toBeUndefined();
        await reopened.close();
      } finally {
        await harness.destroy();
      }
    });

    it('hands a lone append to the writer thread, without blocking the event loop, while another process holds the lock', async () => {
      const harness = sqliteHarness();
      try {
        const store = (await harness.open()) as SqliteEventStore;
        await store.appendToStream('s', event(0), { expectedVersion: 'no_stream' });
        const other = new Database(harness.path);
        other.prepare('BEGIN IMMEDIATE').run();
        let ticks = 0;
        const ticking = setInterval(() => ticks++, 5);
        const appended = store.appendToStream('s', event(1), { expectedVersion: 1 });
        await new Promise((resolve) => setTimeout(resolve, 100));
        expect(ticks).toBeGreaterThanOrEqual(5); // the event loop ran while the append waited for the lock
        other.prepare('COMMIT').run();
        other.close();
        expect(await appended).toMatchObject({ nextExpectedVersion: 2 });
        clearInterval(ticking);
        expect(store.loneAppends).toEqual({ inline: 1, handedOver: 1 });
        expect((await store.readStream('s')).map((e) => e.data)).toEqual([{ n: 0 }, { n: 1 }]);
      } finally {
        await harness.destroy();
      }
    });

    it('steps aside while its commits are slower than the limit, measuring again one time in a hundred', async () => {
      const harness = sqliteHarness();
      try {
        await (await harness.open()).close(); // creates and migrates the file
        const lone = SqliteLoneAppends.open(harness.path, 0); // any commit is "slow"
        const outcomes = Array.from({ length: 150 }, (_, v) =>
          lone.tryCommit(encodeAppend('slow', event(v), { expectedVersion: 'any' })),
        );
        // The first two commit here (the first, cold, is not measured); the next 99 are handed over; the
        // one after measures again.
        expect(outcomes[0]).toMatchObject({ ok: true, versionBefore: 0 });
        expect(outcomes[1]).toMatchObject({ ok: true, versionBefore: 1 });
        expect(outcomes.slice(2, 101).every((o) => o === undefined)).toBe(true);
        expect(outcomes[101]).toMatchObject({ ok: true, versionBefore: 2 });
        expect(lone.stats).toEqual({ inline: 3, handedOver: 147 });
        lone.close();
      } finally {
        await harness.destroy();
      }
    });
  });

  it('works in memory (one private connection)', async () => {
    const store = await openSqliteEventStore({ path: ':memory:' });
    await store.appendToStream('m', [{ type: 'T', data: { a: 1 } }], { expectedVersion: 'no_stream' });
    expect(await store.readStream('m')).toHaveLength(1);
    await store.close();
    await expect(store.ping()).rejects.toBeInstanceOf(StoreUnavailableError);
  });
});
