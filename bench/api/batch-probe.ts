/**
 * Preloaded into a server by `PROBE=1 … cpu-split.ts` (`node -r`): every 2 s
 * on stderr, the main thread's event-loop utilisation and the store's
 * group-commit batches (per second, average size, average time from start to
 * settled); in the SQLite writer thread, its batches' time and the share of
 * it spent in COMMIT (the WAL fsync). Wraps the classes' methods in place;
 * measuring only, nothing else changes.
 */
import { performance } from 'node:perf_hooks';
import { isMainThread } from 'node:worker_threads';

const EVERY_MS = 2_000;
type Patched = Record<string, (...args: unknown[]) => unknown>;

if (isMainThread) {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { GroupCommitQueue } = require('../../libs/event-store/src/group-commit-queue');
  const proto = GroupCommitQueue.prototype as Patched;
  const run = proto.run;
  let batches = 0;
  let items = 0;
  let busyMs = 0;
  proto.run = async function (this: { queue: unknown[]; options: { maxBatch?: number } }) {
    const queued = Math.min(this.queue.length, this.options.maxBatch ?? this.queue.length);
    const started = performance.now();
    batches++;
    items += queued;
    await run.call(this);
    busyMs += performance.now() - started;
  };
  let last = performance.eventLoopUtilization();
  setInterval(() => {
    const utilisation = performance.eventLoopUtilization(last).utilization;
    last = performance.eventLoopUtilization();
    if (batches > 0)
      process.stderr.write(
        `probe: event loop ${utilisation.toFixed(2)} busy; ${Math.round((batches * 1000) / EVERY_MS)} batches/s of ` +
          `${(items / batches).toFixed(1)} on average, ${(busyMs / batches).toFixed(2)} ms each\n`,
      );
    batches = items = busyMs = 0;
  }, EVERY_MS).unref();
} else {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const batch = require('../../libs/event-store/src/sqlite/sqlite-append-batch') as Patched;
  const commitBatch = batch.commitSqliteBatch;
  let batches = 0;
  let totalMs = 0;
  let commitMs = 0;
  batch.commitSqliteBatch = (db, statements, appends) => {
    const s = statements as { commit: { run(): unknown } };
    const timedCommit = {
      run: () => {
        const started = performance.now();
        s.commit.run();
        commitMs += performance.now() - started;
      },
    };
    const started = performance.now();
    const outcomes = commitBatch(db, { ...s, commit: timedCommit }, appends);
    batches++;
    totalMs += performance.now() - started;
    return outcomes;
  };
  setInterval(() => {
    if (batches > 0)
      process.stderr.write(
        `probe (writer thread): ${batches} batches, ${(totalMs / batches).toFixed(2)} ms each, of which COMMIT ${(commitMs / batches).toFixed(2)}\n`,
      );
    batches = totalMs = commitMs = 0;
  }, EVERY_MS).unref();
}
