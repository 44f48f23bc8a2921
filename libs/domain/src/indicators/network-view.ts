// The current-state views behind GET /v1/networks, /v1/networks/:id,
// /v1/networks/:id/cycles/:cycleId and the overview. "Current" means the
// latest facts in the stream: a school is a current member while its
// membership is open (no leftOn), since no `…On` date can be in the future.
import {
  DEPENDENCIES,
  ZONES,
  type CyclePhase,
  type Decision,
  type Dependency,
  type Orientation,
  type PracticeCategory,
  type Zone,
} from '../enums';
import type { CycleAnalysisRecordedData, JointActionCarriedOutData } from '../events';
import {
  cyclePhase,
  findCycle,
  type HistoryCycle,
  type HistorySchool,
  type NetworkHistory,
} from '../history/network-history';
import { trajectory, type TrajectoryPeriod } from './practice';

export interface MemberSchoolView extends HistorySchool {
  /** joinedOn of the current membership. */
  since: string;
}

export interface CycleSummaryView {
  cycleId: string;
  question: string;
  orientation: Orientation;
  phase: CyclePhase;
  schools: string[];
  openedOn: string;
  jointActions: number;
  analyses: number;
  closedOn?: string;
  decision?: Decision;
}

export interface NetworkView {
  networkId: string | null;
  name: string | null;
  region: string | null;
  commune?: string;
  registeredOn: string | null;
  schools: MemberSchoolView[];
  /** Live sessions. */
  sessions: number;
  cycles: CycleSummaryView[];
  version: number;
}

export interface CycleView {
  cycleId: string;
  question: string;
  prediction?: string;
  focus?: string;
  orientation: Orientation;
  phase: CyclePhase;
  schools: string[];
  openedOn: string;
  actions: JointActionCarriedOutData[];
  analyses: CycleAnalysisRecordedData[];
  closedOn?: string;
  decision?: Decision;
}

export interface NetworkComposition {
  byZone: Record<Zone, number>;
  byDependency: Record<Dependency, number>;
}

export interface NetworkSummary {
  networkId: string | null;
  name: string | null;
  region: string | null;
  commune?: string;
  /** Number of current members. */
  schools: number;
  currentLevel: PracticeCategory | null;
  /** The quarter whose level `currentLevel` is. */
  currentLevelPeriod: string | null;
  composition: NetworkComposition;
}

export function currentMembers(history: NetworkHistory): MemberSchoolView[] {
  const members: MemberSchoolView[] = [];
  for (const m of history.memberships) {
    if (m.leftOn !== undefined) continue;
    const school = history.schools.find((s) => s.schoolId === m.schoolId);
    if (school !== undefined) members.push({ ...school, levels: [...school.levels], since: m.joinedOn });
  }
  return members;
}

export function networkView(history: NetworkHistory, version: number): NetworkView {
  return {
    networkId: history.networkId,
    name: history.name,
    region: history.region,
    ...(history.commune === undefined ? {} : { commune: history.commune }),
    registeredOn: history.registeredOn,
    schools: currentMembers(history),
    sessions: history.sessions.length,
    cycles: history.cycles.map(cycleSummary),
    version,
  };
}

/** null when the network has no such cycle. */
export function cycleView(history: NetworkHistory, cycleId: string): CycleView | null {
  const cycle = findCycle(history, cycleId);
  if (cycle === undefined) return null;
  return {
    cycleId: cycle.cycleId,
    question: cycle.question,
    ...(cycle.prediction === undefined ? {} : { prediction: cycle.prediction }),
    ...(cycle.focus === undefined ? {} : { focus: cycle.focus }),
    orientation: cycle.orientation,
    phase: cyclePhase(cycle),
    schools: [...cycle.schools],
    openedOn: cycle.openedOn,
    actions: cycle.actions.map((a) => ({ ...a, schools: [...a.schools] })),
    analyses: cycle.analyses.map((a) => ({ ...a, lessonsLearned: [...a.lessonsLearned] })),
    ...closeOf(cycle),
  };
}

/** The latest date a live session was held on (a corrected session's new date; withdrawn ones not), or null. */
export function latestSessionDate(history: NetworkHistory): string | null {
  let latest: string | null = null;
  for (const s of history.sessions) if (latest === null || s.heldOn > latest) latest = s.heldOn;
  return latest;
}

/**
 * `currentLevel` is the level of the latest quarter of the trajectory that
 * has one (quarters without session minutes have none and are skipped), so
 * a quiet last quarter does not blank a network's level in lists.
 */
export function networkSummary(
  history: NetworkHistory,
  /**
   * The quarters of `trajectory(history, 'quarter')` when the caller has them
   * already, or any suffix of them that holds the latest quarter with a level
   * (only that one is read).
   */
  quarters: readonly TrajectoryPeriod[] = trajectory(history, 'quarter').periods,
): NetworkSummary {
  let current: { level: PracticeCategory; period: string } | null = null;
  for (let i = quarters.length - 1; i >= 0 && current === null; i--) {
    const quarter = quarters[i];
    if (quarter?.level) current = { level: quarter.level, period: quarter.period };
  }
  const members = currentMembers(history);
  return {
    networkId: history.networkId,
    name: history.name,
    region: history.region,
    ...(history.commune === undefined ? {} : { commune: history.commune }),
    schools: members.length,
    currentLevel: current?.level ?? null,
    currentLevelPeriod: current?.period ?? null,
    composition: composition(members),
  };
}

export function composition(members: readonly HistorySchool[]): NetworkComposition {
  const byZone = Object.fromEntries(ZONES.map((z) => [z, 0])) as Record<Zone, number>;
  const byDependency = Object.fromEntries(DEPENDENCIES.map((d) => [d, 0])) as Record<Dependency, number>;
  for (const school of members) {
    byZone[school.zone] += 1;
    byDependency[school.dependency] += 1;
  }
  return { byZone, byDependency };
}

function cycleSummary(cycle: HistoryCycle): CycleSummaryView {
  return {
    cycleId: cycle.cycleId,
    question: cycle.question,
    orientation: cycle.orientation,
    phase: cyclePhase(cycle),
    schools: [...cycle.schools],
    openedOn: cycle.openedOn,
    jointActions: cycle.actions.length,
    analyses: cycle.analyses.length,
    ...closeOf(cycle),
  };
}

function closeOf(cycle: HistoryCycle): { closedOn?: string; decision?: Decision } {
  return {
    ...(cycle.closedOn === undefined ? {} : { closedOn: cycle.closedOn }),
    ...(cycle.decision === undefined ? {} : { decision: cycle.decision }),
  };
}
