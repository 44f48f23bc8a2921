import type { NetworkEvent } from '../events';
import { foldHistory } from '../history/evolve-history';
import { initialHistory } from '../history/network-history';
import { minutesMix } from '../testing/activities';
import {
  cycleOpened,
  jointAction,
  networkRegistered,
  schoolJoined,
  schoolLeft,
  sessionCorrected,
  sessionHeld,
  sessionWithdrawn,
} from '../testing/builders';
import { trajectory } from './practice';

// Registered 2024-01-10; A, B, C members from 2024-01-15.
const base: NetworkEvent[] = [
  networkRegistered(),
  schoolJoined('A', '2024-01-15'),
  schoolJoined('B', '2024-01-15'),
  schoolJoined('C', '2024-01-15'),
];

// Q1: informative 60, collaborative 30, cooperative 30 (+20 administrative, counted nowhere): T = 120.
//     shares 0.5 / 0.25 / 0.25; index (0.5·30 + 30)/120 = 0.375; no joint action.
//     collaborative + cooperative = 60/120 = 0.50 exactly → collaborative (boundary).
// Q2: informative 60, cooperative 40: T = 100; shares 0.6 / 0 / 0.4; index 0.4.
//     a1 (A, B) counts; a2 (C alone) and a3 (B listed twice) do not → 1 multi-school action.
//     cooperative = 0.40 exactly and 1 action → cooperative (boundary).
// Q3: only an administrative session: T = 0 → no level, null ratios.
// Q4: informative 51, collaborative 49: T = 100; 0.49 < 0.5 → informative; index 0.245.
const year2024: NetworkEvent[] = [
  ...base,
  sessionHeld('s1', '2024-02-05', { activities: minutesMix(60, 30, 30, 20) }),
  cycleOpened('c1', '2024-04-01', ['A', 'B', 'C']),
  sessionHeld('s2', '2024-04-10', { activities: minutesMix(60, 0, 40) }),
  jointAction('c1', 'a1', '2024-05-01', ['A', 'B']),
  jointAction('c1', 'a2', '2024-05-02', ['C']),
  jointAction('c1', 'a3', '2024-05-03', ['B', 'B']),
  sessionHeld('s3', '2024-08-01', { activities: minutesMix(0, 0, 0, 30) }),
  sessionHeld('s4', '2024-10-10', { activities: minutesMix(51, 49, 0) }),
];

describe('trajectory by quarter', () => {
  const result = trajectory(foldHistory(year2024), 'quarter');

  it('lists every quarter from registration to the latest fact and the first quarters reaching each rung', () => {
    expect(result.period).toBe('quarter');
    expect(result.periods.map((p) => [p.period, p.level])).toEqual([
      ['2024-Q1', 'collaborative'],
      ['2024-Q2', 'cooperative'],
      ['2024-Q3', null],
      ['2024-Q4', 'informative'],
    ]);
    expect(result.firstCollaborative).toBe('2024-Q1');
    expect(result.firstCooperative).toBe('2024-Q2');
  });

  it('reaches collaborative at exactly 50% collaborative + cooperative', () => {
    expect(result.periods[0]).toEqual({
      period: '2024-Q1',
      minutes: { informative: 60, collaborative: 30, cooperative: 30 },
      shares: { informative: 0.5, collaborative: 0.25, cooperative: 0.25 },
      cooperationIndex: 0.375,
      multiSchoolJointActions: 0,
      level: 'collaborative',
      explanation:
        'Collaborative: 50% of 120 minutes were collaborative or cooperative (≥ 50%); not cooperative because ' +
        'only 25% were cooperative (needs 40%) and no joint action involved two or more schools.',
      conditions: [
        { level: 'cooperative', indicator: 'shares.cooperative', value: 0.25, threshold: 0.4, met: false },
        { level: 'cooperative', indicator: 'multiSchoolJointActions', value: 0, threshold: 1, met: false },
        {
          level: 'collaborative',
          indicator: 'shares.collaborative+shares.cooperative',
          value: 0.5,
          threshold: 0.5,
          met: true,
        },
      ],
    });
  });

  it('reaches cooperative at exactly 40% cooperative with one multi-school joint action', () => {
    expect(result.periods[1]).toEqual({
      period: '2024-Q2',
      minutes: { informative: 60, collaborative: 0, cooperative: 40 },
      shares: { informative: 0.6, collaborative: 0, cooperative: 0.4 },
      cooperationIndex: 0.4,
      multiSchoolJointActions: 1,
      level: 'cooperative',
      explanation:
        'Cooperative: 40% of 100 minutes were cooperative (≥ 40%) and 1 joint action involved two or more schools.',
      conditions: [
        { level: 'cooperative', indicator: 'shares.cooperative', value: 0.4, threshold: 0.4, met: true },
        { level: 'cooperative', indicator: 'multiSchoolJointActions', value: 1, threshold: 1, met: true },
        {
          level: 'collaborative',
          indicator: 'shares.collaborative+shares.cooperative',
          value: 0.4,
          threshold: 0.5,
          met: false,
        },
      ],
    });
  });

  it('gives no level and null ratios to a quarter with only administrative minutes', () => {
    expect(result.periods[2]).toEqual({
      period: '2024-Q3',
      minutes: { informative: 0, collaborative: 0, cooperative: 0 },
      shares: { informative: null, collaborative: null, cooperative: null },
      cooperationIndex: null,
      multiSchoolJointActions: 0,
      level: null,
      explanation: 'No session minutes in this period, so no level.',
      conditions: [
        { level: 'cooperative', indicator: 'shares.cooperative', value: null, threshold: 0.4, met: false },
        { level: 'cooperative', indicator: 'multiSchoolJointActions', value: 0, threshold: 1, met: false },
        {
          level: 'collaborative',
          indicator: 'shares.collaborative+shares.cooperative',
          value: null,
          threshold: 0.5,
          met: false,
        },
      ],
    });
  });

  it('stays informative just below 50%', () => {
    expect(result.periods[3]).toMatchObject({
      shares: { informative: 0.51, collaborative: 0.49, cooperative: 0 },
      cooperationIndex: 0.245,
      level: 'informative',
      explanation: 'Informative: only 49% of 100 minutes were collaborative or cooperative; collaborative needs 50%.',
    });
  });
});

describe('trajectory by half and by year', () => {
  const history = foldHistory(year2024);

  // H1 = Q1 + Q2: informative 120, collaborative 30, cooperative 70, T = 220.
  //   shares 120/220 = 0.5454… → 0.545, 30/220 = 0.1363… → 0.136, 70/220 = 0.3181… → 0.318;
  //   index (15 + 70)/220 = 0.3863… → 0.386; cooperative share < 0.4 and 100/220 = 0.4545 < 0.5 → informative,
  //   although each of its quarters was higher: levels do not add up.
  // H2 = Q3 + Q4: informative 51, collaborative 49 → informative.
  it('sums the quarters of each half before deciding the level', () => {
    const halves = trajectory(history, 'half');
    expect(halves.periods.map((p) => p.period)).toEqual(['2024-H1', '2024-H2']);
    expect(halves.periods[0]).toMatchObject({
      minutes: { informative: 120, collaborative: 30, cooperative: 70 },
      shares: { informative: 0.545, collaborative: 0.136, cooperative: 0.318 },
      cooperationIndex: 0.386,
      multiSchoolJointActions: 1,
      level: 'informative',
    });
    expect(halves.periods[1]?.level).toBe('informative');
    expect(halves.firstCollaborative).toBeNull();
    expect(halves.firstCooperative).toBeNull();
  });

  // 2024: informative 171, collaborative 79, cooperative 70, T = 320.
  //   shares 0.534375 → 0.534, 0.246875 → 0.247, 0.21875 → 0.219; index (39.5 + 70)/320 = 0.3421875 → 0.342.
  it('sums the whole year', () => {
    const years = trajectory(history, 'year');
    expect(years.periods).toHaveLength(1);
    expect(years.periods[0]).toMatchObject({
      period: '2024',
      minutes: { informative: 171, collaborative: 79, cooperative: 70 },
      shares: { informative: 0.534, collaborative: 0.247, cooperative: 0.219 },
      cooperationIndex: 0.342,
      level: 'informative',
    });
  });
});

describe('trajectory rules at the edges', () => {
  it('does not reach cooperative without a multi-school joint action, however cooperative the minutes', () => {
    // cooperative 45 of 100 → 0.45 ≥ 0.4, but no action; 45/100 < 0.5 → informative.
    const history = foldHistory([...base, sessionHeld('s1', '2024-02-01', { activities: minutesMix(55, 0, 45) })]);
    const [q1] = trajectory(history, 'quarter').periods;
    expect(q1?.level).toBe('informative');
    expect(q1?.conditions.map((c) => c.met)).toEqual([true, false, false]);
  });

  it('says what is missing when the share is met but no action involved two schools', () => {
    // collaborative 20 + cooperative 60 of 100: 0.8 ≥ 0.5, 0.6 ≥ 0.4, no action → collaborative.
    const history = foldHistory([...base, sessionHeld('s1', '2024-02-01', { activities: minutesMix(20, 20, 60) })]);
    expect(trajectory(history, 'quarter').periods[0]?.explanation).toBe(
      'Collaborative: 80% of 100 minutes were collaborative or cooperative (≥ 50%); not cooperative because ' +
        'no joint action involved two or more schools.',
    );
  });

  it('keeps empty quarters in the middle and ends at the latest fact, whatever it is', () => {
    // Sessions in Q1 and Q4 only; a school leaves in 2025-Q1, so the trajectory runs to 2025-Q1.
    const history = foldHistory([
      ...base,
      sessionHeld('s1', '2024-03-01', { activities: minutesMix(10, 0, 0) }),
      sessionHeld('s2', '2024-11-01', { activities: minutesMix(0, 10, 0) }),
      schoolLeft('C', '2025-02-01'),
    ]);
    expect(
      trajectory(history, 'quarter').periods.map((p) => [
        p.period,
        p.level,
        p.minutes.informative + p.minutes.collaborative,
      ]),
    ).toEqual([
      ['2024-Q1', 'informative', 10],
      ['2024-Q2', null, 0],
      ['2024-Q3', null, 0],
      ['2024-Q4', 'collaborative', 10],
      ['2025-Q1', null, 0],
    ]);
  });

  it('counts a corrected session once, at its corrected date (moving it to another quarter)', () => {
    // s1 was recorded in Q1 as informative, then corrected to 2024-05-15 and cooperative 30 + informative 20.
    const history = foldHistory([
      ...base,
      sessionHeld('s1', '2024-03-01', { activities: minutesMix(100, 0, 0) }),
      sessionCorrected('s1', '2024-05-15', { activities: minutesMix(20, 0, 30) }),
    ]);
    const result = trajectory(history, 'quarter');
    expect(result.periods.map((p) => [p.period, p.minutes])).toEqual([
      ['2024-Q1', { informative: 0, collaborative: 0, cooperative: 0 }],
      ['2024-Q2', { informative: 20, collaborative: 0, cooperative: 30 }],
    ]);
    expect(result.periods[1]?.shares.cooperative).toBe(0.6);
  });

  it('drops a withdrawn session everywhere, including from where the trajectory ends', () => {
    const history = foldHistory([
      ...base,
      sessionHeld('s1', '2024-03-01', { activities: minutesMix(0, 60, 0) }),
      sessionHeld('s2', '2024-08-01', { activities: minutesMix(60, 0, 0) }),
      sessionWithdrawn('s2'),
    ]);
    const result = trajectory(history, 'quarter');
    expect(result.periods.map((p) => p.period)).toEqual(['2024-Q1']);
    expect(result.periods[0]?.minutes).toEqual({ informative: 0, collaborative: 60, cooperative: 0 });
    expect(result.firstCollaborative).toBe('2024-Q1');
  });

  it('is empty before registration', () => {
    expect(trajectory(initialHistory(), 'quarter')).toEqual({
      period: 'quarter',
      firstCollaborative: null,
      firstCooperative: null,
      periods: [],
    });
  });

  it('rounds displayed ratios but decides on unrounded ones', () => {
    const spread = (kind: 'policy_briefing' | 'joint_planning', minutes: number) =>
      Array.from({ length: Math.ceil(minutes / 600) }, (_, i) => ({ kind, minutes: Math.min(600, minutes - i * 600) }));
    const history = foldHistory([
      ...base,
      cycleOpened('c1', '2024-01-20', ['A', 'B']),
      jointAction('c1', 'a1', '2024-02-01', ['A', 'B']),
      sessionHeld('s1', '2024-02-01', {
        activities: [...minutesMix(600, 0, 399), { kind: 'goal_setting', minutes: 1 }],
      }),
      sessionHeld('s2', '2024-05-01', {
        activities: [...spread('policy_briefing', 3001), ...spread('joint_planning', 1999)],
      }),
      jointAction('c1', 'a2', '2024-05-02', ['A', 'B']),
    ]);
    const [q1, q2] = trajectory(history, 'quarter').periods;
    // Q1: cooperative 399 + 1 (goal_setting) of 1000 = 0.4 → cooperative.
    expect(q1?.level).toBe('cooperative');
    // Q2: cooperative 1999 of 5000 = 0.3998: displayed 0.4 but not met; 0.3998 < 0.5 → informative.
    expect(q2?.minutes).toEqual({ informative: 3001, collaborative: 0, cooperative: 1999 });
    expect(q2?.conditions[0]).toEqual({
      level: 'cooperative',
      indicator: 'shares.cooperative',
      value: 0.4,
      threshold: 0.4,
      met: false,
    });
    expect(q2?.level).toBe('informative');
  });
});
