import type { NetworkEvent } from '../events';
import { initialState, type CycleState, type NetworkState } from './state';

function maxDate(a: string | undefined, b: string): string {
  return a === undefined || b > a ? b : a;
}

function minDate(a: string | undefined, b: string): string {
  return a === undefined || b < a ? b : a;
}

/**
 * A state its holder owns exclusively and may advance in place. Folding with
 * copy-on-write per event would copy the sessions map on every session,
 * O(n²) over a stream; a draft is copied once and then advanced in O(1) per
 * event.
 */
export interface NetworkStateDraft extends NetworkState {
  memberships: NetworkState['memberships'][number][];
  sessions: DraftMap<string, 'live' | 'withdrawn'>;
  cycles: DraftMap<string, CycleState>;
  actionIds: DraftSet<string>;
}

/** What a draft's collections must do: be read as the state's, and be written in place (a Map, or round-draft.ts's overlays). */
export interface DraftMap<K, V> extends ReadonlyMap<K, V> {
  set(key: K, value: V): unknown;
}
export interface DraftSet<T> extends ReadonlySet<T> {
  add(value: T): unknown;
}

/** One copy of every collection; the objects inside are never mutated, only replaced. */
export function draftOf(state: NetworkState): NetworkStateDraft {
  return {
    ...state,
    memberships: [...state.memberships],
    sessions: new Map(state.sessions),
    cycles: new Map(state.cycles),
    actionIds: new Set(state.actionIds),
  };
}

/** Advances a draft by one event, in place: the single definition of how events change the decider's state. */
export function applyToDraft(draft: NetworkStateDraft, event: NetworkEvent): void {
  switch (event.type) {
    case 'NetworkRegistered':
      draft.registered = true;
      draft.networkId = event.data.networkId;
      draft.registeredOn = event.data.registeredOn;
      return;
    case 'SchoolJoined':
      draft.memberships.push({ schoolId: event.data.schoolId, joinedOn: event.data.joinedOn });
      return;
    case 'SchoolLeft': {
      const { schoolId, leftOn } = event.data;
      const i = draft.memberships.findIndex((m) => m.schoolId === schoolId && m.leftOn === undefined);
      if (i >= 0) draft.memberships[i] = { ...draft.memberships[i], leftOn };
      return;
    }
    case 'SessionHeld':
    case 'SessionCorrected':
      draft.sessions.set(event.data.sessionId, 'live');
      return;
    case 'SessionWithdrawn':
      draft.sessions.set(event.data.sessionId, 'withdrawn');
      return;
    case 'InquiryCycleOpened':
      draft.cycles.set(event.data.cycleId, { phase: 'question', openedOn: event.data.openedOn });
      return;
    case 'JointActionCarriedOut': {
      const { cycleId, actionId, carriedOutOn } = event.data;
      updateCycle(draft, cycleId, (cycle) => ({
        ...cycle,
        phase: cycle.phase === 'question' ? 'joint_action' : cycle.phase,
        firstActionOn: minDate(cycle.firstActionOn, carriedOutOn),
        latestActionOn: maxDate(cycle.latestActionOn, carriedOutOn),
      }));
      draft.actionIds.add(actionId);
      return;
    }
    case 'CycleAnalysisRecorded':
      updateCycle(draft, event.data.cycleId, (cycle) => ({
        ...cycle,
        phase: 'analysis',
        lastAnalysisOn: maxDate(cycle.lastAnalysisOn, event.data.analysedOn),
      }));
      return;
    case 'InquiryCycleClosed':
      updateCycle(draft, event.data.cycleId, (cycle) => ({
        ...cycle,
        phase: 'closed',
        closedOn: event.data.closedOn,
        decision: event.data.decision,
      }));
      return;
    case 'TextRedacted':
      // Erasure changes no rule's state: the keys are gone, the facts stay.
      return;
    default: {
      // Compile-time exhaustiveness; at run time an event type this version
      // does not know is skipped rather than corrupting the state.
      const unknownEvent: never = event;
      void unknownEvent;
    }
  }
}

function updateCycle(draft: NetworkStateDraft, cycleId: string, update: (cycle: CycleState) => CycleState): void {
  const cycle = draft.cycles.get(cycleId);
  // The decider never emits an event for an unknown cycle; tolerate it on replay.
  if (cycle !== undefined) draft.cycles.set(cycleId, update(cycle));
}

/** Pure: the state after one event (copies the state's collections once). */
export function evolve(state: NetworkState, event: NetworkEvent): NetworkState {
  const draft = draftOf(state);
  applyToDraft(draft, event);
  return draft;
}

/** Pure: the state after a sequence of events, in O(state + events). */
export function foldNetworkState(events: Iterable<NetworkEvent>, from: NetworkState = initialState()): NetworkState {
  const draft = draftOf(from);
  for (const event of events) applyToDraft(draft, event);
  return draft;
}
