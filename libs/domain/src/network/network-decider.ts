import type { NetworkCommand } from '../commands';
import type { NetworkEvent } from '../events';
import { decide } from './decide';
import { evolve } from './evolve';
import { initialState, type NetworkState } from './state';

export interface Decider<State, Command, Event> {
  decide(command: Command, state: State): Event[];
  evolve(state: State, event: Event): State;
  initialState(): State;
}

export type NetworkDecider = Decider<NetworkState, NetworkCommand, NetworkEvent>;

export const networkDecider: NetworkDecider = { decide, evolve, initialState };
