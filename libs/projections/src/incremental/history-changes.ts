import type { HistoryCycle, Membership, NetworkHistory, SessionFields } from '@indaga/domain';

/**
 * What changed between two versions of a network's history, as the dates
 * the change touches. The history fold never mutates an object of a
 * document; it replaces it (or appends, or removes it) and keeps the
 * relative order of the others, so comparing by identity finds every change.
 */
export interface HistoryChanges {
  /** Everything must be recomputed (no earlier version, or the registration changed). */
  all: boolean;
  /** heldOn of every session added, removed or replaced (old and new dates). */
  sessionDates: string[];
  /** When sessions were only appended (none removed or replaced): those, in order; otherwise null. */
  appendedSessions: SessionFields[] | null;
  /** Nothing but appended sessions changed among the dated facts (memberships and cycles are the same objects). */
  onlySessionsAppended: boolean;
  /** carriedOutOn of every joint action added, removed or replaced. */
  actionDates: string[];
  /** The earliest joinedOn/leftOn of a membership added, removed or replaced; null when none changed. */
  membershipsFrom: string | null;
  /** The earliest openedOn or analysedOn of a cycle opening or analysis that changed; null when none did. */
  cyclesFrom: string | null;
}

export const EVERYTHING: HistoryChanges = {
  all: true,
  sessionDates: [],
  appendedSessions: null,
  onlySessionsAppended: false,
  actionDates: [],
  membershipsFrom: null,
  cyclesFrom: null,
};

export function historyChanges(before: NetworkHistory, after: NetworkHistory): HistoryChanges {
  if (before.registeredOn !== after.registeredOn) return EVERYTHING;
  const changes: HistoryChanges = {
    all: false,
    sessionDates: [],
    appendedSessions: null,
    onlySessionsAppended: false,
    actionDates: [],
    membershipsFrom: null,
    cyclesFrom: null,
  };
  const sessions = symmetricDifference(before.sessions, after.sessions);
  for (const s of sessions) changes.sessionDates.push(s.heldOn);
  if (appendedOnly(before.sessions, after.sessions)) changes.appendedSessions = sessions;
  changes.membershipsFrom = membershipsFrom(before.memberships, after.memberships);
  cycleChanges(before.cycles, after.cycles, changes);
  changes.onlySessionsAppended =
    changes.appendedSessions !== null &&
    sameItems(before.memberships, after.memberships) &&
    sameItems(before.cycles, after.cycles);
  return changes;
}

/** The items in one list and not the other (by identity), skipping the common prefix first. */
function symmetricDifference<T>(before: readonly T[], after: readonly T[]): T[] {
  let i = 0;
  while (i < before.length && i < after.length && before[i] === after[i]) i++;
  if (i === before.length) return after.slice(i);
  const old = new Set(before.slice(i));
  const now = new Set(after.slice(i));
  const out: T[] = [];
  for (const item of old) if (!now.has(item)) out.push(item);
  for (const item of now) if (!old.has(item)) out.push(item);
  return out;
}

function sameItems<T>(before: readonly T[], after: readonly T[]): boolean {
  return before.length === after.length && appendedOnly(before, after);
}

/** `after` is `before` followed by new items (the same objects, in the same places). */
export function appendedOnly<T>(before: readonly T[], after: readonly T[]): boolean {
  if (after.length < before.length) return false;
  for (let i = before.length - 1; i >= 0; i--) if (before[i] !== after[i]) return false;
  return true;
}

function membershipsFrom(before: readonly Membership[], after: readonly Membership[]): string | null {
  let from: string | null = null;
  const see = (date: string | undefined) => {
    if (date !== undefined && (from === null || date < from)) from = date;
  };
  for (const m of symmetricDifference(before, after)) {
    see(m.joinedOn);
    see(m.leftOn);
  }
  return from;
}

function cycleChanges(before: readonly HistoryCycle[], after: readonly HistoryCycle[], changes: HistoryChanges): void {
  const see = (date: string) => {
    if (changes.cyclesFrom === null || date < changes.cyclesFrom) changes.cyclesFrom = date;
  };
  const byId = new Map<string, HistoryCycle>();
  const changed = symmetricDifference(before, after);
  const old = new Set(before);
  for (const c of changed) if (old.has(c)) byId.set(c.cycleId, c);
  for (const c of changed) {
    if (old.has(c)) continue;
    const previous = byId.get(c.cycleId);
    byId.delete(c.cycleId);
    if (previous !== undefined && previous.openedOn === c.openedOn && previous.orientation === c.orientation) {
      // The same cycle, advanced: only its new (or removed) actions and analyses matter.
      for (const a of symmetricDifference(previous.actions, c.actions)) changes.actionDates.push(a.carriedOutOn);
      for (const a of symmetricDifference(previous.analyses, c.analyses)) see(a.analysedOn);
    } else {
      if (previous !== undefined) everything(previous);
      everything(c);
    }
  }
  // Cycles that disappeared (the fold never removes one, but a change is a change).
  for (const c of byId.values()) everything(c);

  function everything(c: HistoryCycle): void {
    see(c.openedOn);
    for (const a of c.actions) changes.actionDates.push(a.carriedOutOn);
    for (const a of c.analyses) see(a.analysedOn);
  }
}
