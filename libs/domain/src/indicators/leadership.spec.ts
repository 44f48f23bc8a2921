import type { NetworkEvent } from '../events';
import { foldHistory } from '../history/evolve-history';
import { minutesMix } from '../testing/activities';
import { networkRegistered, schoolJoined, schoolLeft, sessionHeld } from '../testing/builders';
import { indicators } from './indicators';
import { trajectory } from './practice';

const attendance = (sostenedorReps: number) => ({
  principals: 1,
  utpHeads: 1,
  teachers: 3,
  sostenedorReps,
  supervisors: 0,
});

// A, B, C, D members from 2024-01-15; D leaves 2024-03-01; C leaves 2024-05-01 (the only fact in Q2).
const events: NetworkEvent[] = [
  networkRegistered(),
  schoolJoined('A', '2024-01-15'),
  schoolJoined('B', '2024-01-15'),
  schoolJoined('C', '2024-01-15'),
  schoolJoined('D', '2024-01-15'),
  // 4 members on 02-01, 2 present → 0.5
  sessionHeld('s1', '2024-02-01', {
    facilitator: 'school_leader',
    schoolsPresent: ['A', 'B'],
    attendance: attendance(1),
    activities: [{ kind: 'leadership_training', minutes: 90 }, ...minutesMix(30, 0, 0)],
  }),
  schoolLeft('D', '2024-03-01'),
  // 3 members on 03-10 (D left), all present → 1
  sessionHeld('s2', '2024-03-10', {
    facilitator: 'ministry_supervisor',
    schoolsPresent: ['A', 'B', 'C'],
    attendance: attendance(0),
    activities: [{ kind: 'leadership_training', minutes: 30 }],
  }),
  // 3 members, 1 present → 1/3
  sessionHeld('s3', '2024-03-20', {
    facilitator: 'sostenedor',
    schoolsPresent: ['A'],
    attendance: attendance(2),
    activities: minutesMix(0, 60, 0),
  }),
  schoolLeft('C', '2024-05-01'),
];

describe('leadership indicators', () => {
  const result = indicators(foldHistory(events), 'quarter');

  it('Q1: three sessions', () => {
    // sostenedor present in s1, s3 → 2/3; attendance mean(0.5, 1, 1/3) = 0.6111… → 0.611;
    // led by a school leader or the sostenedor: s1, s3 → 2/3; leadership training 90 + 30 = 120.
    expect(result.periods[0]?.leadership).toEqual({
      sessions: 3,
      sostenedorPresence: 0.667,
      schoolAttendance: 0.611,
      memberLedShare: 0.667,
      trainingMinutes: 120,
    });
  });

  it('Q2: no session, so null ratios and zero counts', () => {
    expect(result.periods[1]).toMatchObject({
      period: '2024-Q2',
      leadership: {
        sessions: 0,
        sostenedorPresence: null,
        schoolAttendance: null,
        memberLedShare: null,
        trainingMinutes: 0,
      },
    });
  });

  it('covers the same periods as the trajectory, for every period kind', () => {
    const history = foldHistory(events);
    for (const period of ['quarter', 'half', 'year'] as const) {
      expect(indicators(history, period).periods.map((p) => p.period)).toEqual(
        trajectory(history, period).periods.map((p) => p.period),
      );
    }
    expect(indicators(history, 'half').periods.map((p) => p.period)).toEqual(['2024-H1']);
  });
});
