import type { NetworkEvent } from '../events';
import { foldHistory } from '../history/evolve-history';
import { indicators } from '../indicators/indicators';
import { trajectory } from '../indicators/practice';
import { minutesMix } from '../testing/activities';
import { cycleOpened, jointAction, networkRegistered, schoolJoined, sessionHeld } from '../testing/builders';
import { measureSeries, signals, SIGNAL_MEASURES } from './signals';

// Ten quarters from 2022-Q1 with a session each (cooperative minutes rising from the sixth), one empty
// quarter (2023-Q2: no point), and joint actions in some.
const events: NetworkEvent[] = [
  networkRegistered({ registeredOn: '2022-01-05' }),
  schoolJoined('A', '2022-01-10'),
  schoolJoined('B', '2022-01-10'),
  schoolJoined('C', '2022-01-10'),
  cycleOpened('c1', '2022-01-20', ['A', 'B', 'C']),
];
const quarters = [
  '2022-02',
  '2022-05',
  '2022-08',
  '2022-11',
  '2023-02',
  '2023-08',
  '2023-11',
  '2024-02',
  '2024-05',
  '2024-08',
];
quarters.forEach((month, i) => {
  const cooperative = i < 5 ? 10 : 10 * i;
  events.push(
    sessionHeld(`s${i}`, `${month}-15`, {
      activities: minutesMix(100 - cooperative, 0, cooperative),
      schoolsPresent: i % 2 ? ['A'] : ['A', 'B'],
    }),
  );
  if (i % 3 === 0) events.push(jointAction('c1', `a${i}`, `${month}-16`, i % 2 ? ['A', 'B'] : ['A', 'B', 'C']));
});
const history = foldHistory(events);

describe('signals (SPEC 5.1) over a network’s measures', () => {
  it('points are the periods with a value, equal (rounded) to the trajectory and indicators', () => {
    const t = trajectory(history, 'quarter').periods;
    const ind = indicators(history, 'quarter').periods;
    for (const measure of SIGNAL_MEASURES) {
      const chart = signals(history, 'quarter', measure);
      const expected = (
        measure === 'cooperationIndex'
          ? t.map((p) => ({ period: p.period, value: p.cooperationIndex }))
          : ind.map((p) => ({
              period: p.period,
              value: (measure in p.depth
                ? p.depth[measure as 'depthIndex']
                : p.leadership[measure as 'schoolAttendance']) as number | null,
            }))
      ).filter((p) => p.value !== null);
      expect(chart.points).toEqual(expected);
    }
  });

  it('finds the rise of the cooperation index as a shift and a trend', () => {
    const chart = signals(history, 'quarter', 'cooperationIndex');
    expect(chart.points.map((p) => p.period)).not.toContain('2023-Q2');
    expect(chart).toMatchObject({
      period: 'quarter',
      measure: 'cooperationIndex',
      baselinePoints: 10,
      insufficientData: false,
    });
    // values 0.1 ×5, 0.5, 0.6, 0.7, 0.8, 0.9: median 0.3; five above → no shift; a rise from the plateau's first point (0.1 ×5 skipped but the first) to 0.9: 6 counted points.
    expect(chart.signals).toEqual([
      { rule: 'trend', direction: 'up', fromPeriod: '2022-Q1', toPeriod: '2024-Q3', points: 6 },
    ]);
  });

  it('series values are unrounded', () => {
    const third = foldHistory([
      networkRegistered(),
      schoolJoined('A', '2024-01-15'),
      sessionHeld('s', '2024-02-01', { activities: minutesMix(200, 0, 100) }),
    ]);
    expect(measureSeries(third, 'quarter', 'cooperationIndex')[0].value).toBe(1 / 3);
  });
});
