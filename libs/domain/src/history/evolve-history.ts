import type { NetworkEvent } from '../events';
import { sessionFieldsOf } from '../session-fields';
import { initialHistory, type HistoryCycle, type NetworkHistory } from './network-history';

/**
 * A history its holder owns exclusively and advances in place: its arrays are
 * its own, the objects inside are never mutated, only replaced. Folding a
 * stream through a draft is O(events); copy-on-write per event would copy
 * the sessions array on every session, O(n²).
 */
export type HistoryDraft = NetworkHistory;

/** Copies the arrays once (objects inside are shared and never mutated). */
export function historyDraftOf(history: NetworkHistory): HistoryDraft {
  return {
    ...history,
    memberships: [...history.memberships],
    schools: [...history.schools],
    sessions: [...history.sessions],
    cycles: [...history.cycles],
  };
}

/**
 * Advances a draft by one event: the single definition of the read-side
 * fold. Payloads are copied field by field: an event read back from a store
 * may carry extra properties that must not leak into the document.
 */
export function applyToHistory(draft: HistoryDraft, event: NetworkEvent): void {
  switch (event.type) {
    case 'NetworkRegistered': {
      const { networkId, name, region, commune, registeredOn } = event.data;
      Object.assign(draft, { networkId, name, region, ...(commune === undefined ? {} : { commune }), registeredOn });
      return;
    }
    case 'SchoolJoined': {
      const { schoolId, name, dependency, zone, levels, joinedOn } = event.data;
      const school = { schoolId, name, dependency, zone, levels: [...levels] };
      draft.memberships.push({ schoolId, joinedOn });
      const known = draft.schools.findIndex((s) => s.schoolId === schoolId);
      if (known >= 0) draft.schools[known] = school;
      else draft.schools.push(school);
      return;
    }
    case 'SchoolLeft': {
      const { schoolId, leftOn } = event.data;
      const i = draft.memberships.findIndex((m) => m.schoolId === schoolId && m.leftOn === undefined);
      if (i >= 0) draft.memberships[i] = { ...draft.memberships[i], leftOn };
      return;
    }
    case 'SessionHeld':
      draft.sessions.push(sessionFieldsOf(event.data));
      return;
    case 'SessionCorrected': {
      const corrected = sessionFieldsOf(event.data);
      const i = draft.sessions.findIndex((s) => s.sessionId === corrected.sessionId);
      if (i >= 0) draft.sessions[i] = corrected;
      return;
    }
    case 'SessionWithdrawn': {
      const i = draft.sessions.findIndex((s) => s.sessionId === event.data.sessionId);
      if (i >= 0) draft.sessions.splice(i, 1);
      return;
    }
    case 'InquiryCycleOpened': {
      const { cycleId, question, prediction, focus, orientation, schools, openedOn } = event.data;
      draft.cycles.push({
        cycleId,
        question,
        ...(prediction === undefined ? {} : { prediction }),
        ...(focus === undefined ? {} : { focus }),
        orientation,
        schools: [...schools],
        openedOn,
        actions: [],
        analyses: [],
      });
      return;
    }
    case 'JointActionCarriedOut': {
      const d = event.data;
      const action = {
        cycleId: d.cycleId,
        actionId: d.actionId,
        title: d.title,
        schools: [...d.schools],
        depthReached: d.depthReached,
        classroomsReached: d.classroomsReached,
        teachersInvolved: d.teachersInvolved,
        carriedOutOn: d.carriedOutOn,
      };
      updateCycle(draft, d.cycleId, (c) => ({ ...c, actions: [...c.actions, action] }));
      return;
    }
    case 'CycleAnalysisRecorded': {
      const d = event.data;
      const analysis = {
        cycleId: d.cycleId,
        findings: d.findings,
        evidenceLevel: d.evidenceLevel,
        ...(d.predictionMet === undefined ? {} : { predictionMet: d.predictionMet }),
        lessonsLearned: [...d.lessonsLearned],
        analysedOn: d.analysedOn,
      };
      updateCycle(draft, d.cycleId, (c) => ({ ...c, analyses: [...c.analyses, analysis] }));
      return;
    }
    case 'InquiryCycleClosed': {
      const { cycleId, decision, closedOn } = event.data;
      updateCycle(draft, cycleId, (c) => ({ ...c, closedOn, decision }));
      return;
    }
    case 'TextRedacted':
      // The text stays sealed in the document; with its key destroyed it reads as redacted at the API's edge.
      return;
    default: {
      // Exhaustive at compile time; an unknown type from a newer writer is skipped.
      const unknownEvent: never = event;
      void unknownEvent;
    }
  }
}

/** Pure: the history after one event. Incremental folding and folding all events give the same value. */
export function evolveHistory(history: NetworkHistory, event: NetworkEvent): NetworkHistory {
  const draft = historyDraftOf(history);
  applyToHistory(draft, event);
  return draft;
}

/** Pure: the history after a sequence of events, in O(history + events). */
export function foldHistory(events: Iterable<NetworkEvent>, from: NetworkHistory = initialHistory()): NetworkHistory {
  const draft = historyDraftOf(from);
  for (const event of events) applyToHistory(draft, event);
  return draft;
}

function updateCycle(draft: HistoryDraft, cycleId: string, update: (cycle: HistoryCycle) => HistoryCycle): void {
  const i = draft.cycles.findIndex((c) => c.cycleId === cycleId);
  if (i >= 0) draft.cycles[i] = update(draft.cycles[i]);
}
