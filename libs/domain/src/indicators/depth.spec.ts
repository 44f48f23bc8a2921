import type { NetworkEvent } from '../events';
import { foldHistory } from '../history/evolve-history';
import {
  analysisRecorded,
  cycleOpened,
  jointAction,
  networkRegistered,
  schoolJoined,
  schoolLeft,
} from '../testing/builders';
import { indicators } from './indicators';

// A, B, C, D members from 2024-01-15; D leaves 2024-06-01; E joins 2024-06-15.
// members(end Q1 = 03-31) = A, B, C, D; members(end Q2 = 06-30) = A, B, C, E.
// c1 (innovation, opened Q1), c2 (improvement, opened Q2).
const events: NetworkEvent[] = [
  networkRegistered(),
  schoolJoined('A', '2024-01-15'),
  schoolJoined('B', '2024-01-15'),
  schoolJoined('C', '2024-01-15'),
  schoolJoined('D', '2024-01-15'),
  cycleOpened('c1', '2024-02-01', ['A', 'B', 'C'], { orientation: 'innovation' }),
  jointAction('c1', 'a0', '2024-02-10', ['A', 'B', 'C'], {
    depthReached: 'teachers',
    classroomsReached: 1,
    teachersInvolved: 1,
  }),
  analysisRecorded('c1', '2024-03-01', { evidenceLevel: 'school' }),
  cycleOpened('c2', '2024-04-05', ['C', 'D'], { orientation: 'improvement' }),
  jointAction('c1', 'a1', '2024-04-10', ['A', 'B'], {
    depthReached: 'classroom',
    classroomsReached: 3,
    teachersInvolved: 5,
  }),
  jointAction('c2', 'a2', '2024-04-20', ['C', 'D'], {
    depthReached: 'students',
    classroomsReached: 2,
    teachersInvolved: 4,
  }),
  jointAction('c1', 'a3', '2024-05-05', ['A'], {
    depthReached: 'management',
    classroomsReached: 0,
    teachersInvolved: 2,
  }),
  analysisRecorded('c1', '2024-05-20', { evidenceLevel: 'classroom' }),
  schoolLeft('D', '2024-06-01'),
  schoolJoined('E', '2024-06-15'),
];

describe('depth indicators', () => {
  const [q1, q2] = indicators(foldHistory(events), 'quarter').periods;

  it('Q1: one action by A, B, C at teachers’ level, among 4 members', () => {
    // reach 3/4; depth (2+2+2+0)/4 = 1.5; none at classroom; ties AB, AC, BC = 3 of 4·3/2 = 6 → 0.5.
    // Cycles ≤ 03-31: c1 (innovation, analysed 03-01 with school evidence).
    expect(q1?.period).toBe('2024-Q1');
    expect(q1?.depth).toEqual({
      schoolReach: 0.75,
      depthIndex: 1.5,
      classroomPracticeReach: 0,
      tieDensity: 0.5,
      classroomsReached: 1,
      teachersInvolved: 1,
      cyclesOpened: 1,
      jointActions: 1,
      analysesRecorded: 1,
      cycleCompletionRate: 1,
      classroomEvidenceRate: 0,
      innovationCycleShare: 1,
    });
  });

  it('Q2: counts members at the end of the quarter, so D (left) is out and E (joined late) is in', () => {
    // Action schools A, B, C, D ∩ {A, B, C, E} = A, B, C → reach 3/4 = 0.75.
    // Highest depth: A max(classroom 3, management 1) = 3, B 3, C students 4, E 0 → 10/4 = 2.5.
    // At classroom or students: A, B, C → 0.75. Ties: A–B only (C–D has D out) → 2·1/(4·3) = 0.1666… → 0.167.
    // classrooms 3+2+0 = 5, teachers 5+4+2 = 11; opened c2; 3 actions; 1 analysis (05-20).
    // ≤ 06-30: cycles c1, c2, only c1 analysed → 0.5; analyses 03-01 school, 05-20 classroom → 0.5; innovation 1/2.
    expect(q2?.depth).toEqual({
      schoolReach: 0.75,
      depthIndex: 2.5,
      classroomPracticeReach: 0.75,
      tieDensity: 0.167,
      classroomsReached: 5,
      teachersInvolved: 11,
      cyclesOpened: 1,
      jointActions: 3,
      analysesRecorded: 1,
      cycleCompletionRate: 0.5,
      classroomEvidenceRate: 0.5,
      innovationCycleShare: 0.5,
    });
  });

  it('gives null member ratios with no member, null tieDensity with one, and null cycle ratios with no cycle', () => {
    // Registered 2024-01-10, A joins 2024-04-01: Q1 has no member, Q2 has one.
    const [first, second] = indicators(
      foldHistory([networkRegistered(), schoolJoined('A', '2024-04-01')]),
      'quarter',
    ).periods;
    expect(first?.depth).toEqual({
      schoolReach: null,
      depthIndex: null,
      classroomPracticeReach: null,
      tieDensity: null,
      classroomsReached: 0,
      teachersInvolved: 0,
      cyclesOpened: 0,
      jointActions: 0,
      analysesRecorded: 0,
      cycleCompletionRate: null,
      classroomEvidenceRate: null,
      innovationCycleShare: null,
    });
    expect(second?.depth).toMatchObject({ schoolReach: 0, depthIndex: 0, classroomPracticeReach: 0, tieDensity: null });
  });

  it('uses the same rules over a year: members at 12-31, every action of the year', () => {
    // members(2024-12-31) = A, B, C, E. Actions a0–a3: A max 3, B 3, C 4, E 0 → 2.5.
    // Ties among members: A–B, A–C, B–C (a0) → 3 of 6 = 0.5.
    const [year] = indicators(foldHistory(events), 'year').periods;
    expect(year?.depth).toMatchObject({
      schoolReach: 0.75,
      depthIndex: 2.5,
      tieDensity: 0.5,
      classroomsReached: 6,
      teachersInvolved: 12,
      cyclesOpened: 2,
      jointActions: 4,
      analysesRecorded: 2,
    });
  });

  it('counts a cycle opened, and an analysis recorded, on the last day of a period in that period', () => {
    // Every date of this history is a period's end: 03-31 ends Q1, 06-30 ends Q2 (and H1).
    const lastDays = foldHistory([
      networkRegistered(),
      schoolJoined('A', '2024-01-15'),
      schoolJoined('B', '2024-01-15'),
      cycleOpened('c1', '2024-03-31', ['A', 'B'], { orientation: 'innovation' }),
      jointAction('c1', 'a1', '2024-03-31', ['A', 'B'], { depthReached: 'classroom' }),
      analysisRecorded('c1', '2024-06-30', { evidenceLevel: 'classroom' }),
    ]);
    const [q1, q2] = indicators(lastDays, 'quarter').periods;
    expect(q1?.depth).toMatchObject({
      cyclesOpened: 1,
      jointActions: 1,
      analysesRecorded: 0,
      cycleCompletionRate: 0,
      innovationCycleShare: 1,
    });
    expect(q2?.depth).toMatchObject({
      cyclesOpened: 0,
      jointActions: 0,
      analysesRecorded: 1,
      cycleCompletionRate: 1,
      classroomEvidenceRate: 1,
    });
    const [h1] = indicators(lastDays, 'half').periods;
    expect(h1?.depth).toMatchObject({ cyclesOpened: 1, analysesRecorded: 1, cycleCompletionRate: 1 });
  });
});
