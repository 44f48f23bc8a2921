import {
  cycleClosed,
  cycleOpened,
  jointAction,
  minutesMix,
  NETWORK_ID,
  networkRegistered,
  schoolJoined,
  sessionCorrected,
  sessionHeld,
} from '@indaga/domain/testing';
import { ProjectionSpecification } from '../../testing/projection-specification';
import { networkViewsProjection } from '../network-views.projection';
import { cycleQuery } from './cycle.query';
import { indicatorsQuery } from './indicators.query';
import { networkQuery } from './network.query';
import { trajectoryQuery } from './trajectory.query';

const spec = ProjectionSpecification.for(networkViewsProjection);

const founded = [
  networkRegistered({ registeredOn: '2024-01-10' }),
  schoolJoined('A', '2024-01-10'),
  schoolJoined('B', '2024-01-10'),
];
const collaborativeQ1 = sessionHeld('s1', '2024-02-20', {
  schoolsPresent: ['A', 'B'],
  activities: minutesMix(20, 80, 0),
});
const cooperativeQ2 = [
  sessionHeld('s2', '2024-05-14', { schoolsPresent: ['A', 'B'], activities: minutesMix(10, 20, 70) }),
  cycleOpened('c1', '2024-05-02', ['A', 'B']),
  jointAction('c1', 'a1', '2024-05-20', ['A', 'B'], { depthReached: 'classroom' }),
];

const level = (period: string, value: string | null, cooperationIndex: number | null) =>
  expect.objectContaining({ period, level: value, cooperationIndex });

describe('network-views queries: given events, when folded, then each query answers from its parts alone', () => {
  it('the network: name, schools and live sessions', () => {
    spec
      .given(founded)
      .when([collaborativeQ1])
      .then(
        networkQuery,
        undefined,
        expect.objectContaining({
          networkId: NETWORK_ID,
          name: 'Red Valparaíso Norte',
          sessions: 1,
          schools: [expect.objectContaining({ schoolId: 'A' }), expect.objectContaining({ schoolId: 'B' })],
          version: 4,
        }),
      );
  });

  it('the quarterly trajectory: collaborative, then cooperative once a joint action involves both schools', () => {
    spec
      .given([...founded, collaborativeQ1])
      .when(cooperativeQ2)
      .then(trajectoryQuery, 'quarter', {
        period: 'quarter',
        firstCollaborative: '2024-Q1',
        firstCooperative: '2024-Q2',
        periods: [level('2024-Q1', 'collaborative', 0.4), level('2024-Q2', 'cooperative', 0.8)],
      });
  });

  it('the yearly trajectory is read from its own parts: one year, 35% cooperative, so collaborative', () => {
    spec
      .given([...founded, collaborativeQ1])
      .when(cooperativeQ2)
      .then(trajectoryQuery, 'year', {
        period: 'year',
        firstCollaborative: '2024',
        firstCooperative: null,
        periods: [level('2024', 'collaborative', 0.6)],
      });
  });

  it('a correction moving a session to another quarter moves it in the trajectory', () => {
    spec
      .given([...founded, collaborativeQ1])
      .when([sessionCorrected('s1', '2024-04-03', { schoolsPresent: ['A', 'B'], activities: minutesMix(20, 80, 0) })])
      .then(trajectoryQuery, 'quarter', {
        period: 'quarter',
        firstCollaborative: '2024-Q2',
        firstCooperative: null,
        // The first quarter is left without minutes, so without a level.
        periods: [level('2024-Q1', null, null), level('2024-Q2', 'collaborative', 0.4)],
      });
  });

  it('the half-yearly indicators: depth and leadership of the period', () => {
    spec
      .given([...founded, collaborativeQ1])
      .when(cooperativeQ2)
      .then(indicatorsQuery, 'half', {
        periods: [
          expect.objectContaining({
            period: '2024-H1',
            depth: expect.objectContaining({ cyclesOpened: 1, jointActions: 1, schoolReach: 1 }),
            leadership: expect.objectContaining({ sessions: 2 }),
          }),
        ],
      });
  });

  it('a cycle, from the stored history document: its phase and actions', () => {
    spec
      .given([...founded, ...cooperativeQ2])
      .when([cycleClosed('c1', 'adopt', '2024-06-28')])
      .thenDocument(
        (document) => cycleQuery(document, 'c1'),
        expect.objectContaining({
          cycleId: 'c1',
          phase: 'closed',
          closedOn: '2024-06-28',
          decision: 'adopt',
          actions: [expect.objectContaining({ actionId: 'a1' })],
        }),
      );
    spec.given(founded).thenDocument((document) => cycleQuery(document, 'c1'), null);
  });
});
