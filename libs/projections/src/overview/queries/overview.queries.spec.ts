import { minutesMix, NETWORK_ID, networkRegistered, schoolJoined, sessionHeld } from '@indaga/domain/testing';
import { ProjectionSpecification } from '../../testing/projection-specification';
import { overviewProjection } from '../overview.projection';
import { networkListQuery } from './network-list.query';
import { overviewLineQuery } from './overview-line.query';

const spec = ProjectionSpecification.for(overviewProjection);

const founded = [
  networkRegistered({ registeredOn: '2024-01-10', region: 'Ñuble' }),
  schoolJoined('A', '2024-01-10'),
  schoolJoined('B', '2024-01-10', { zone: 'rural' }),
];

describe('overview queries: given events, when folded, then each query answers from the entries part alone', () => {
  it('a network with no session yet is listed without a level', () => {
    spec.given(founded).then(networkListQuery, undefined, {
      name: 'Red Valparaíso Norte',
      region: 'Ñuble',
      schools: 2,
      currentLevel: null,
    });
  });

  it('the list shows the level of the latest quarter that has one', () => {
    spec
      .given(founded)
      .when([
        sessionHeld('s1', '2024-02-20', { schoolsPresent: ['A', 'B'], activities: minutesMix(20, 80, 0) }),
        sessionHeld('s2', '2024-05-14', { schoolsPresent: ['A'], activities: minutesMix(90, 10, 0) }),
      ])
      .then(networkListQuery, undefined, {
        name: 'Red Valparaíso Norte',
        region: 'Ñuble',
        schools: 2,
        currentLevel: 'informative',
      });
  });

  it("the overview's yearly line: the year's level, cooperation index and composition", () => {
    spec
      .given(founded)
      .when([
        sessionHeld('s1', '2024-02-20', { schoolsPresent: ['A', 'B'], activities: minutesMix(20, 80, 0) }),
        sessionHeld('s2', '2024-05-14', { schoolsPresent: ['A'], activities: minutesMix(90, 10, 0) }),
      ])
      .then(
        overviewLineQuery,
        'year',
        expect.objectContaining({
          networkId: NETWORK_ID,
          region: 'Ñuble',
          period: '2024',
          // 110 of 200 minutes informative: below half collaborative or cooperative.
          level: 'informative',
          cooperationIndex: 0.225,
          version: 5,
          composition: expect.objectContaining({ byZone: { rural: 1, urban: 1 } }),
        }),
      );
  });
});
