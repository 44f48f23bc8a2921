import type { Worker } from 'node:worker_threads';
import { spawnThread, ThreadRequests } from '@indaga/event-store';
import type { FromNotifier, NotifierData, ToNotifier } from './catch-up-notifier-wire';

/** The notifier's thread is gone: its caller adds the jobs itself. */
export class NotifierGone extends Error {
  constructor(why: string) {
    super(`catch-up notifier thread ${why}`);
    this.name = 'NotifierGone';
  }
}

/**
 * Adds catch-up jobs on a thread of its own (catch-up-notifier.worker.ts).
 * A BullMQ add costs ~45–70 µs of JavaScript per job (building the job,
 * checking its options, packing its arguments), a sixth of an API write's
 * CPU on its event loop (BENCHMARKS.md, issue 15); the thread does that work
 * on another core, and the event loop only hands over each turn's networks
 * (one message) and reads one answer. The thread is otherwise idle, so a job
 * is in Redis as soon as when the event loop added it itself.
 */
export class CatchUpNotifier {
  private readonly requests: ThreadRequests<void>;

  private constructor(private readonly worker: Worker) {
    this.requests = new ThreadRequests(worker);
    worker.on('message', (message: FromNotifier) =>
      this.requests.settle(message.id, message.ok ? { answer: undefined } : { error: new Error(message.message) }),
    );
    worker.on('error', (error) => this.requests.stop(new NotifierGone(`failed: ${error.message}`)));
    worker.on('exit', (code) => this.requests.stop(new NotifierGone(`exited (${code})`)));
    worker.unref(); // only work in flight keeps the process alive
  }

  static start(data: NotifierData): CatchUpNotifier {
    return new CatchUpNotifier(spawnThread(__filename, 'catch-up-notifier', data));
  }

  /** Adds one catch-up job per network; rejects with NotifierGone once the thread has stopped. */
  add(networkIds: string[]): Promise<void> {
    return this.requests.send((id): ToNotifier => ({ type: 'add', id, networkIds }));
  }

  /** Lets the adds already sent finish, then ends the thread. */
  close(): Promise<void> {
    return this.requests.close({ type: 'close' } satisfies ToNotifier);
  }
}
