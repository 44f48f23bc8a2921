import { StoreUnavailableError, WrongExpectedVersionError } from '../errors';
import type { GroupCommitOptions } from '../group-commit-queue';
import { storeTelemetry } from '../telemetry';

/** How the SQL stores group their appends: batches on the next turn, counted in the store's telemetry. */
export function appendQueueOptions(maxBatch: number): GroupCommitOptions {
  return {
    maxBatch,
    start: 'next-turn',
    closedError: () => new StoreUnavailableError('event store is closed'),
    onFlushed: (size, seconds) => storeTelemetry.batchCommitted(size, seconds),
    onRejected: (error) => {
      if (error instanceof WrongExpectedVersionError) storeTelemetry.appendConflicted();
    },
  };
}
