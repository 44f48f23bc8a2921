import { type AppendOptions, type EventStore, type NewEvent, WrongExpectedVersionError } from '@indaga/event-store';

/**
 * A real event store with faults injected in front of its appends: the next
 * appends can be made to fail with a given error (a conflict another process
 * caused, a key held by a concurrent request) before reaching the store, or
 * can let another writer go first. Every attempt is counted.
 */
export class FaultInjectingStore {
  appendAttempts = 0;
  /** Appends the store refused with WrongExpectedVersionError (injected conflicts included). */
  appendConflicts = 0;
  private faults: Array<() => Promise<void>> = [];

  constructor(private readonly inner: EventStore) {}

  /** Before each of the next `times` appends, run `fault` (which may append elsewhere or throw). */
  inject(fault: () => Promise<void> | void, times = 1): void {
    for (let i = 0; i < times; i++) this.faults.push(async () => fault());
  }

  get store(): EventStore {
    return new Proxy(this.inner, {
      get: (target, prop, receiver) => {
        if (prop === 'appendToStream') {
          return async (streamId: string, events: NewEvent[], options: AppendOptions) => {
            this.appendAttempts++;
            try {
              const fault = this.faults.shift();
              if (fault) await fault();
              return await target.appendToStream(streamId, events, options);
            } catch (error) {
              if (error instanceof WrongExpectedVersionError) this.appendConflicts++;
              throw error;
            }
          };
        }
        const value = Reflect.get(target, prop, receiver) as unknown;
        return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
      },
    });
  }
}
