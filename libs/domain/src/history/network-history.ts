// The read-side fold of a network's stream that every indicator and view is
// computed from. Plain JSON by construction (arrays and plain objects, no
// Map/Set, no `undefined` values), so a projection can store it as a
// document and `JSON.parse(JSON.stringify(h))` deep-equals `h`. Arrays also
// avoid client-chosen ids such as `constructor` colliding with object keys.
import type { CyclePhase, Decision, Orientation } from '../enums';
import type { CycleAnalysisRecordedData, JointActionCarriedOutData, SchoolAttributes, SessionFields } from '../events';
import type { Membership } from '../network/membership';

/** A school's attributes as given at its latest join. */
export interface HistorySchool extends SchoolAttributes {
  schoolId: string;
}

export interface HistoryCycle {
  cycleId: string;
  question: string;
  prediction?: string;
  focus?: string;
  orientation: Orientation;
  schools: string[];
  openedOn: string;
  /** In recording order. */
  actions: JointActionCarriedOutData[];
  /** In recording order; a cycle may be analysed more than once. */
  analyses: CycleAnalysisRecordedData[];
  closedOn?: string;
  decision?: Decision;
}

export interface NetworkHistory {
  /** null until NetworkRegistered. */
  networkId: string | null;
  name: string | null;
  region: string | null;
  commune?: string;
  registeredOn: string | null;
  /** Every membership interval, in joining order. */
  memberships: Membership[];
  /** Every school that ever joined, in first-joining order. */
  schools: HistorySchool[];
  /** Live sessions only, each in its latest corrected form, in recording order. */
  sessions: SessionFields[];
  /** In opening order. */
  cycles: HistoryCycle[];
}

export function initialHistory(): NetworkHistory {
  return {
    networkId: null,
    name: null,
    region: null,
    registeredOn: null,
    memberships: [],
    schools: [],
    sessions: [],
    cycles: [],
  };
}

export function cyclePhase(cycle: HistoryCycle): CyclePhase {
  if (cycle.closedOn !== undefined) return 'closed';
  if (cycle.analyses.length > 0) return 'analysis';
  if (cycle.actions.length > 0) return 'joint_action';
  return 'question';
}

export function findCycle(history: NetworkHistory, cycleId: string): HistoryCycle | undefined {
  return history.cycles.find((c) => c.cycleId === cycleId);
}

export function allJointActions(history: NetworkHistory): JointActionCarriedOutData[] {
  return history.cycles.flatMap((c) => c.actions);
}

export function allAnalyses(history: NetworkHistory): CycleAnalysisRecordedData[] {
  return history.cycles.flatMap((c) => c.analyses);
}

/**
 * The latest real-world date among the live facts (any `…On` field),
 * where the trajectory ends. null before registration.
 */
export function latestFactDate(history: NetworkHistory): string | null {
  if (history.registeredOn === null) return null;
  let latest = history.registeredOn;
  const see = (date: string | undefined): void => {
    if (date !== undefined && date > latest) latest = date;
  };
  for (const m of history.memberships) {
    see(m.joinedOn);
    see(m.leftOn);
  }
  for (const s of history.sessions) see(s.heldOn);
  for (const c of history.cycles) {
    see(c.openedOn);
    see(c.closedOn);
    for (const a of c.actions) see(a.carriedOutOn);
    for (const a of c.analyses) see(a.analysedOn);
  }
  return latest;
}
