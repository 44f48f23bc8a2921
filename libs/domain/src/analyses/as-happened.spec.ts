import type { NetworkEvent } from '../events';
import { foldHistory } from '../history/evolve-history';
import { currentMembers } from '../indicators/network-view';
import { trajectory } from '../indicators/practice';
import { indicators } from '../indicators/indicators';
import { minutesMix } from '../testing/activities';
import {
  analysisRecorded,
  cycleClosed,
  cycleOpened,
  jointAction,
  networkRegistered,
  schoolJoined,
  schoolLeft,
  sessionCorrected,
  sessionHeld,
  sessionWithdrawn,
} from '../testing/builders';
import { eventsAsHappened, indicatorsUntil, trajectoryUntil } from './as-happened';

// Events in recording order: a school leaves and rejoins; s2 was recorded in June but corrected to
// August; s3 was held in August and corrected back to May; s4 was withdrawn.
const events: NetworkEvent[] = [
  networkRegistered(),
  schoolJoined('A', '2024-01-15'),
  schoolJoined('B', '2024-01-15'),
  sessionHeld('s1', '2024-02-01', { activities: minutesMix(60, 40, 0) }),
  schoolLeft('B', '2024-03-01'),
  schoolJoined('B', '2024-07-01'),
  sessionHeld('s2', '2024-06-01'),
  sessionHeld('s3', '2024-08-10'),
  sessionCorrected('s2', '2024-08-20'),
  sessionCorrected('s3', '2024-05-05'),
  sessionHeld('s4', '2024-04-01'),
  sessionWithdrawn('s4'),
  cycleOpened('c1', '2024-05-01', ['A']),
  jointAction('c1', 'a1', '2024-06-01', ['A']),
  analysisRecorded('c1', '2024-07-01'),
  cycleClosed('c1', 'adopt', '2024-08-01'),
];

describe('the network as it happened (SPEC 5.6)', () => {
  it('keeps only facts dated on or before `on`; corrections apply whatever `on` is, by the corrected date', () => {
    const history = foldHistory(eventsAsHappened(events, '2024-06-30'));
    // s2 now counts in August (after `on`), s3 in May (before it); withdrawn s4 is nowhere.
    expect(history.sessions.map((s) => [s.sessionId, s.heldOn])).toEqual([
      ['s1', '2024-02-01'],
      ['s3', '2024-05-05'],
    ]);
    expect(history.cycles[0]).toMatchObject({ actions: [{ actionId: 'a1' }], analyses: [] });
    expect(history.cycles[0].closedOn).toBeUndefined();
  });

  it('a school that left and rejoined is not a member between the two', () => {
    expect(currentMembers(foldHistory(eventsAsHappened(events, '2024-06-30'))).map((m) => m.schoolId)).toEqual(['A']);
    expect(currentMembers(foldHistory(eventsAsHappened(events, '2024-02-29'))).map((m) => m.schoolId)).toEqual([
      'A',
      'B',
    ]);
    expect(currentMembers(foldHistory(eventsAsHappened(events, '2024-07-01'))).map((m) => m.schoolId)).toEqual([
      'A',
      'B',
    ]);
  });

  it('before registration nothing happened yet', () => {
    expect(eventsAsHappened(events, '2024-01-09')).toEqual([]);
  });

  it('on the latest date (or later) nothing is left out', () => {
    expect(eventsAsHappened(events, '2024-08-20')).toEqual(
      events.filter((e) => e.type !== 'SessionWithdrawn' && !(e.type === 'SessionHeld' && e.data.sessionId === 's4')),
    );
    expect(foldHistory(eventsAsHappened(events, '2030-01-01'))).toEqual(foldHistory(events));
  });

  it('the trajectory and indicators run to the period containing `on`, empty ones included', () => {
    const history = foldHistory(eventsAsHappened(events, '2024-12-31'));
    expect(trajectoryUntil(history, 'quarter', '2024-12-31').periods.map((p) => p.period)).toEqual([
      '2024-Q1',
      '2024-Q2',
      '2024-Q3',
      '2024-Q4',
    ]);
    // Up to the latest fact they are the ordinary trajectory and indicators.
    expect(trajectoryUntil(history, 'quarter', '2024-08-20')).toEqual(trajectory(history, 'quarter'));
    expect(indicatorsUntil(history, 'half', '2024-08-20')).toEqual(indicators(history, 'half'));
  });
});
