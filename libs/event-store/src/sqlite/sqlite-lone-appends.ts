import type { Database } from 'better-sqlite3';
import type { EncodedAppend } from '../internal/encoded-append';
import { type AppendOutcome, tryCommitSqliteBatch } from './sqlite-append-batch';
import { CommitTimeAverage } from './commit-time-average';
import { openSqliteConnection } from './sqlite-connection';
import { prepareWrites, type WriteStatements } from './sqlite-statements';

/** A lone append is committed here while this thread's commits take less than this (moving average). */
export const LONE_COMMIT_MAX_MS = 1;
/** While commits are slower, one lone append in this many is still committed here, to measure again. */
const REMEASURE_EVERY = 100;
/** After a batch of several appends (concurrent writers), lone appends go to the writer thread for this long. */
export const BUSY_FOR_MS = 100;

export interface LoneAppendStats {
  /** Lone appends committed on the calling thread. */
  inline: number;
  /** Lone appends handed to the writer thread (the store busy, commits too slow, the file locked by another process). */
  handedOver: number;
}

/**
 * A lone append (a batch of one: a single caller, nothing else waiting) is
 * committed on the calling thread instead of the writer thread. Handing it
 * over costs two thread wake-ups, which measured ~150 µs against a ~200 µs
 * commit (a single caller at 0.5× a raw one-row-per-commit loop; inline
 * 0.9×). Under load batches hold many appends and still go to the thread, so
 * the fsync of a busy store never blocks the event loop; a lone commit does,
 * for about one fsync, which is why this path steps aside:
 *
 * - while the store is busy: for BUSY_FOR_MS after a batch of several
 *   appends (under load a batch of one is a lull between batches, and a
 *   commit here would stall the requests being read meanwhile);
 * - when the file's write lock is held by another process (busy_timeout 0:
 *   BEGIN fails at once, nothing written, and the thread waits for the lock);
 * - while commits here average more than LONE_COMMIT_MAX_MS (a slow disk;
 *   commit-time-average.ts: one slow commit alone never tips it).
 *
 * The group-commit queue keeps one batch in flight, so this connection and
 * the writer thread's never write at the same time in this process; the
 * guarantees are the writer thread's (same transaction, same pragmas). Its
 * WAL autocheckpoint stays on: measured over 12,000 API-like appends (event,
 * key record, data key), lone commits took 0.41 ms on average, 3.8 ms at the
 * 99th percentile (the commits that checkpoint) and ~10 ms at worst, where asking the
 * writer thread to checkpoint meanwhile made every commit slower (two
 * threads syncing the same disk: 0.6× raw instead of 0.9×). The moving
 * average counts the checkpoints too, each as at most 4× the limit.
 */
export class SqliteLoneAppends {
  readonly stats: LoneAppendStats = { inline: 0, handedOver: 0 };
  private readonly commits: CommitTimeAverage;
  private sinceMeasured = 0;
  private busyUntil = 0;
  private readonly statements: WriteStatements;

  private constructor(
    private readonly db: Database,
    maxMs: number,
  ) {
    this.statements = prepareWrites(db);
    this.commits = new CommitTimeAverage(maxMs);
  }

  /** A connection of its own on `path`, which never waits for a lock (busy_timeout 0). */
  static open(path: string, maxMs = LONE_COMMIT_MAX_MS): SqliteLoneAppends {
    return new SqliteLoneAppends(openSqliteConnection(path, 0), maxMs);
  }

  /** Told of every batch the store writes, so that a batch of several marks the store busy. */
  sawBatch(size: number): void {
    if (size > 1) this.busyUntil = performance.now() + BUSY_FOR_MS;
  }

  /** Commits `append` here and answers its outcome, or `undefined` when the writer thread should. */
  tryCommit(append: EncodedAppend): AppendOutcome | undefined {
    if (this.busyUntil > 0 && performance.now() < this.busyUntil) return this.handOver();
    if (this.commits.slow && ++this.sinceMeasured < REMEASURE_EVERY) return this.handOver();
    this.sinceMeasured = 0;
    const started = performance.now();
    const outcomes = tryCommitSqliteBatch(this.db, this.statements, [append]);
    if (!outcomes) return this.handOver();
    this.commits.record(performance.now() - started);
    this.stats.inline++;
    return outcomes[0];
  }

  close(): void {
    if (this.db.open) this.db.close();
  }

  private handOver(): undefined {
    this.stats.handedOver++;
    return undefined;
  }
}
