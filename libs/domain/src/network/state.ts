// The decider's state: only what `decide` needs to enforce the rules, not
// the facts themselves (those live in the history read model). It is folded
// on every write, so it keeps ids and dates, never payloads.
import type { CyclePhase, Decision } from '../enums';
import type { Membership } from './membership';

export type SessionStatus = 'live' | 'withdrawn';

export interface CycleState {
  phase: CyclePhase;
  openedOn: string;
  /** Earliest carriedOutOn (actions may be recorded out of date order). */
  firstActionOn?: string;
  latestActionOn?: string;
  lastAnalysisOn?: string;
  closedOn?: string;
  decision?: Decision;
}

/**
 * Maps, not records, because ids are client-chosen and `constructor` or
 * `__proto__` are valid ids.
 */
export interface NetworkState {
  registered: boolean;
  networkId?: string;
  registeredOn?: string;
  memberships: readonly Membership[];
  sessions: ReadonlyMap<string, SessionStatus>;
  cycles: ReadonlyMap<string, CycleState>;
  actionIds: ReadonlySet<string>;
}

export function initialState(): NetworkState {
  return {
    registered: false,
    memberships: [],
    sessions: new Map(),
    cycles: new Map(),
    actionIds: new Set(),
  };
}
