import { StoreUnavailableError, WrongExpectedVersionError } from '../errors';
import type { GroupCommitOptions } from '../group-commit-queue';
import { storeTelemetry } from '../telemetry';

/**
 * How the SQL stores group their appends: a lone caller's batch starts on a
 * microtask (its latency is what a coordinator filling a form feels), others
 * gather until the next turn; counted in the store's telemetry. (SQLite's
 * lone appends, committed on the calling thread, gather until the next turn
 * always: see sqlite-lone-appends.ts.) Only the
 * moment a batch starts moves: one batch is in flight at a time as before, so
 * gap safety and the per-append expected version (guaranteed by the flush and
 * the adapters) are unchanged.
 */
export function appendQueueOptions(
  maxBatch: number,
  start: GroupCommitOptions['start'] = 'lone-soon',
): GroupCommitOptions {
  return {
    maxBatch,
    start,
    closedError: () => new StoreUnavailableError('event store is closed'),
    onFlushed: (size, seconds) => storeTelemetry.batchCommitted(size, seconds),
    onRejected: (error) => {
      if (error instanceof WrongExpectedVersionError) storeTelemetry.appendConflicted();
    },
  };
}
