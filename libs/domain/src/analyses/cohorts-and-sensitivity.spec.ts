import type { NetworkEvent } from '../events';
import { foldHistory } from '../history/evolve-history';
import { minutesMix } from '../testing/activities';
import {
  cycleOpened,
  jointAction,
  networkRegistered,
  schoolJoined,
  schoolLeft,
  sessionHeld,
} from '../testing/builders';
import { cohorts } from './cohorts';
import { periodAggregates, type NetworkAggregates } from './period-aggregates';
import { levelThresholds, sensitivity } from './sensitivity';

const aggregatesOf = (networkId: string, region: string, events: NetworkEvent[]): NetworkAggregates => ({
  networkId,
  region,
  periods: periodAggregates(foldHistory(events), 'quarter'),
});

// red-a (Maule): urban A and rural B, so `mixed` zone; B leaves in Q2, so Q2 is urban only.
//   Q1: cooperative 40 of 100 with one multi-school action → cooperative (index 0.55).
//   Q2: collaborative 50 of 100 → collaborative (index 0.25).
const redA = aggregatesOf('red-a', 'Maule', [
  networkRegistered({ networkId: 'red-a', region: 'Maule' }),
  schoolJoined('A', '2024-01-15', { zone: 'urban' }),
  schoolJoined('B', '2024-01-15', { zone: 'rural', dependency: 'slep' }),
  sessionHeld('s1', '2024-02-01', { activities: minutesMix(45, 15, 40) }),
  cycleOpened('c1', '2024-02-02', ['A', 'B']),
  jointAction('c1', 'a1', '2024-02-03', ['A', 'B']),
  schoolLeft('B', '2024-04-02'),
  sessionHeld('s2', '2024-05-01', { activities: minutesMix(50, 50, 0) }),
]);
// red-b (Ñuble): rural only. Q1 informative (index 0.1); Q2 no minutes (no level).
const redB = aggregatesOf('red-b', 'Ñuble', [
  networkRegistered({ networkId: 'red-b', region: 'Ñuble' }),
  schoolJoined('C', '2024-01-15', { zone: 'rural' }),
  sessionHeld('s1', '2024-02-01', { activities: minutesMix(80, 20, 0) }),
  sessionHeld('s2', '2024-05-01', { activities: minutesMix(0, 0, 0, 30) }),
]);
// red-c (Maule): registered but no member until Q2 (`none` in Q1); Q2 all cooperative minutes but no
// multi-school action → collaborative (index 1).
const redC = aggregatesOf('red-c', 'Maule', [
  networkRegistered({ networkId: 'red-c', region: 'Maule' }),
  schoolJoined('D', '2024-04-15', { zone: 'rural' }),
  sessionHeld('s1', '2024-05-01', { schoolsPresent: ['D'], activities: minutesMix(0, 0, 60) }),
]);

describe('period aggregates', () => {
  it('hold the minutes, multi-school actions and the members’ shared zone and dependency at period end', () => {
    expect(redA.periods).toEqual([
      {
        period: '2024-Q1',
        minutes: { informative: 45, collaborative: 15, cooperative: 40 },
        multiSchoolJointActions: 1,
        zone: 'mixed',
        dependency: 'mixed',
      },
      {
        period: '2024-Q2',
        minutes: { informative: 50, collaborative: 50, cooperative: 0 },
        multiSchoolJointActions: 0,
        zone: 'urban',
        dependency: 'municipal',
      },
    ]);
    expect(redC.periods.map((p) => p.zone)).toEqual(['none', 'rural']);
  });
});

describe('cohorts (SPEC 5.4)', () => {
  it('by region: networks with a level, counts per level and the median cooperation index', () => {
    expect(cohorts([redA, redB, redC], 'region')).toEqual([
      {
        group: 'Maule',
        periods: [
          {
            period: '2024-Q1',
            networks: 1,
            levels: { informative: 0, collaborative: 0, cooperative: 1 },
            medianCooperationIndex: 0.475,
          },
          // red-a 0.25 and red-c 1: the mean of the two.
          {
            period: '2024-Q2',
            networks: 2,
            levels: { informative: 0, collaborative: 2, cooperative: 0 },
            medianCooperationIndex: 0.625,
          },
        ],
      },
      {
        group: 'Ñuble',
        periods: [
          {
            period: '2024-Q1',
            networks: 1,
            levels: { informative: 1, collaborative: 0, cooperative: 0 },
            medianCooperationIndex: 0.1,
          },
          {
            period: '2024-Q2',
            networks: 0,
            levels: { informative: 0, collaborative: 0, cooperative: 0 },
            medianCooperationIndex: null,
          },
        ],
      },
    ]);
  });

  it('by zone: mixed when members differ, none without members, and a network changes group when members change', () => {
    const groups = cohorts([redA, redB, redC], 'zone');
    expect(groups.map((g) => [g.group, g.periods.map((p) => [p.period, p.networks])])).toEqual([
      ['mixed', [['2024-Q1', 1]]],
      ['none', [['2024-Q1', 0]]],
      [
        'rural',
        [
          ['2024-Q1', 1],
          ['2024-Q2', 1],
        ],
      ],
      ['urban', [['2024-Q2', 1]]],
    ]);
  });

  it('by dependency', () => {
    expect(cohorts([redA], 'dependency').map((g) => g.group)).toEqual(['mixed', 'municipal']);
  });
});

describe('threshold sensitivity (SPEC 5.3)', () => {
  it('the defaults change nothing', () => {
    const result = sensitivity([redA, redB, redC], levelThresholds());
    expect(result.changed).toEqual([]);
    for (const p of result.periods) expect(p.alternative).toEqual(p.default);
  });

  it('counts each period under both rules and lists networks whose latest level changed', () => {
    // No multi-school action needed: red-c Q2 rises to cooperative; collaborative at 60%: red-a Q2 (50%) falls to informative.
    const result = sensitivity(
      [redC, redB, redA],
      levelThresholds({ minMultiSchoolJointActions: 0, collaborativeShare: 0.6 }),
    );
    expect(result.thresholds).toEqual({
      cooperativeShare: 0.4,
      collaborativeShare: 0.6,
      minMultiSchoolJointActions: 0,
    });
    expect(result.periods).toEqual([
      {
        period: '2024-Q1',
        default: { informative: 1, collaborative: 0, cooperative: 1 },
        alternative: { informative: 1, collaborative: 0, cooperative: 1 },
      },
      {
        period: '2024-Q2',
        default: { informative: 0, collaborative: 2, cooperative: 0 },
        alternative: { informative: 1, collaborative: 0, cooperative: 1 },
      },
    ]);
    expect(result.changed).toEqual([
      { networkId: 'red-a', defaultLevel: 'collaborative', alternativeLevel: 'informative' },
      { networkId: 'red-c', defaultLevel: 'collaborative', alternativeLevel: 'cooperative' },
    ]);
  });

  it('a stricter joint-action count moves a period down; a network whose latest level holds is not listed', () => {
    const result = sensitivity([redA, redC], levelThresholds({ minMultiSchoolJointActions: 2 }));
    // red-a Q1 (one multi-school action) falls to collaborative (55% shared); its latest level, Q2's, is unchanged.
    expect(result.periods[0].alternative).toEqual({ informative: 0, collaborative: 1, cooperative: 0 });
    expect(result.changed).toEqual([]);
  });
});
