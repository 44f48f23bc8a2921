// Depth (SPEC §2): how far the network's work reaches schools and classrooms.
// Member-based ratios use members(end(P)): a school that left during P
// no longer counts, one that joined during P does.
import { depthRank } from '../enums';
import type { JointActionCarriedOutData } from '../events';
import type { NetworkHistory } from '../history/network-history';
import { membersOn } from '../network/membership';
import { periodEnd, periodStart } from './periods';
import { mean, ratio, round3OrNull } from './ratios';

export interface DepthIndicators {
  schoolReach: number | null;
  depthIndex: number | null;
  classroomPracticeReach: number | null;
  tieDensity: number | null;
  classroomsReached: number;
  teachersInvolved: number;
  cyclesOpened: number;
  jointActions: number;
  analysesRecorded: number;
  cycleCompletionRate: number | null;
  classroomEvidenceRate: number | null;
  innovationCycleShare: number | null;
}

const CLASSROOM_RANK = depthRank('classroom');

/**
 * `actions`: the joint actions with carriedOutOn in `period`. Besides them it
 * reads only facts dated on or before end(P): memberships (through
 * members(end(P))) and the cycles' openings and analyses; the incremental read
 * models rely on this to keep a period whose inputs did not change.
 */
export function depthOf(
  history: NetworkHistory,
  period: string,
  actions: readonly JointActionCarriedOutData[],
  /** Display rounding; run-chart signals (SPEC §5.1) pass the identity to decide on unrounded ratios. */
  round: (value: number | null) => number | null = round3OrNull,
): DepthIndicators {
  const start = periodStart(period);
  const end = periodEnd(period);
  const inPeriod = (date: string): boolean => start <= date && date <= end;
  const members = membersOn(history.memberships, end);
  const memberSet = new Set(members);

  // Highest depth rank per member that took part in an action of P.
  const highest = new Map<string, number>();
  const ties = new Set<string>();
  for (const action of actions) {
    const rank = depthRank(action.depthReached);
    const taking = [...new Set(action.schools)].filter((s) => memberSet.has(s)).sort();
    for (const school of taking) highest.set(school, Math.max(highest.get(school) ?? 0, rank));
    for (let i = 0; i < taking.length; i++) {
      for (let j = i + 1; j < taking.length; j++) ties.add(`${taking[i]}\u0000${taking[j]}`);
    }
  }

  const n = members.length;
  let opened = 0;
  let openedInnovation = 0;
  let analysedCycles = 0;
  let analyses = 0;
  let classroomAnalyses = 0;
  let cyclesOpened = 0;
  let analysesRecorded = 0;
  for (const cycle of history.cycles) {
    if (inPeriod(cycle.openedOn)) cyclesOpened++;
    if (cycle.openedOn <= end) {
      opened++;
      if (cycle.orientation === 'innovation') openedInnovation++;
    }
    const analysedByEnd = cycle.analyses.filter((a) => a.analysedOn <= end);
    if (analysedByEnd.length > 0) analysedCycles++;
    analyses += analysedByEnd.length;
    classroomAnalyses += analysedByEnd.filter((a) => a.evidenceLevel === 'classroom').length;
    analysesRecorded += cycle.analyses.filter((a) => inPeriod(a.analysedOn)).length;
  }

  return {
    schoolReach: round(ratio(highest.size, n)),
    depthIndex: round(mean(members.map((s) => highest.get(s) ?? 0))),
    classroomPracticeReach: round(ratio(members.filter((s) => (highest.get(s) ?? 0) >= CLASSROOM_RANK).length, n)),
    tieDensity: n < 2 ? null : round((2 * ties.size) / (n * (n - 1))),
    classroomsReached: sum(actions.map((a) => a.classroomsReached)),
    teachersInvolved: sum(actions.map((a) => a.teachersInvolved)),
    cyclesOpened,
    jointActions: actions.length,
    analysesRecorded,
    cycleCompletionRate: round(ratio(analysedCycles, opened)),
    classroomEvidenceRate: round(ratio(classroomAnalyses, analyses)),
    innovationCycleShare: round(ratio(openedInnovation, opened)),
  };
}

function sum(values: readonly number[]): number {
  let total = 0;
  for (const v of values) total += v;
  return total;
}
