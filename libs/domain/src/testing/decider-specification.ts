// Emmett-style Given/When/Then over a decider, for specs only (it uses
// jest's global `expect`, so it is not exported from the lib's index):
//   DeciderSpecification.for(networkDecider)
//     .given([events]).when(command).then([events])  |  .thenThrows(code)
import { DomainError, type DomainErrorCode, type DomainErrorDetails } from '../errors';
import type { Decider } from '../network/network-decider';

export interface ThenStep<Event> {
  then(expected: Event[]): void;
  /** Asserts a DomainError with this code (and, if given, matching details); returns it for further checks. */
  thenThrows(code: DomainErrorCode, details?: DomainErrorDetails): DomainError;
}

export interface WhenStep<Command, Event> {
  when(command: Command): ThenStep<Event>;
}

export interface GivenStep<Command, Event> {
  given(events: Event[]): WhenStep<Command, Event>;
}

export const DeciderSpecification = {
  for<State, Command, Event>(decider: Decider<State, Command, Event>): GivenStep<Command, Event> {
    return {
      given(events) {
        return {
          when(command) {
            const run = (): Event[] => {
              let state = decider.initialState();
              for (const event of events) state = decider.evolve(state, event);
              return decider.decide(command, state);
            };
            return {
              then(expected) {
                expect(run()).toEqual(expected);
              },
              thenThrows(code, details) {
                let caught: unknown;
                let produced: Event[] | undefined;
                try {
                  produced = run();
                } catch (error) {
                  caught = error;
                }
                if (caught === undefined) {
                  throw new Error(`Expected ${code} but the decider produced ${JSON.stringify(produced)}`);
                }
                expect(caught).toBeInstanceOf(DomainError);
                const error = caught as DomainError;
                expect(error.code).toBe(code);
                if (details !== undefined) expect(error.details).toEqual(details);
                return error;
              },
            };
          },
        };
      },
    };
  },
};
