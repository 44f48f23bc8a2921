import type { SessionFields } from '../events';
import { DeciderSpecification } from '../testing/decider-specification';
import {
  command,
  networkRegistered,
  schoolJoined,
  schoolLeft,
  sessionCorrected,
  sessionFields,
  sessionHeld,
  sessionWithdrawn,
  TODAY,
} from '../testing/builders';
import { networkDecider } from './network-decider';

const spec = DeciderSpecification.for(networkDecider);
// A and B members from February; C joins in May; B leaves on 2024-06-01.
const network = [
  networkRegistered(),
  schoolJoined('A', '2024-02-01'),
  schoolJoined('B', '2024-02-01'),
  schoolJoined('C', '2024-05-01'),
  schoolLeft('B', '2024-06-01'),
];

describe('RecordSession', () => {
  it('records a session as SessionHeld, copying known fields and listing each school once', () => {
    const data = {
      sessionId: 's1',
      heldOn: '2024-03-05',
      facilitator: 'school_leader',
      schoolsPresent: ['A', 'B', 'A'],
      attendance: { principals: 2, utpHeads: 1, teachers: 4, sostenedorReps: 1, supervisors: 1, parents: 9 },
      activities: [
        { kind: 'practice_sharing', minutes: 45, summary: 'A presented its reading plan' },
        { kind: 'administrative', minutes: 15 },
      ],
      stray: 'ignored',
    } as SessionFields;
    spec
      .given(network)
      .when(command('RecordSession', data))
      .then([
        {
          type: 'SessionHeld',
          data: {
            sessionId: 's1',
            heldOn: '2024-03-05',
            facilitator: 'school_leader',
            schoolsPresent: ['A', 'B'],
            attendance: { principals: 2, utpHeads: 1, teachers: 4, sostenedorReps: 1, supervisors: 1 },
            activities: [
              { kind: 'practice_sharing', minutes: 45, summary: 'A presented its reading plan' },
              { kind: 'administrative', minutes: 15 },
            ],
          },
        },
      ]);
  });

  it('rejects a sessionId already used: SESSION.ALREADY_RECORDED', () => {
    spec
      .given([...network, sessionHeld('s1', '2024-03-05')])
      .when(command('RecordSession', sessionFields('s1', '2024-03-06')))
      .thenThrows('SESSION.ALREADY_RECORDED', { sessionId: 's1' });
  });

  it('keeps a withdrawn sessionId taken: SESSION.ALREADY_RECORDED', () => {
    spec
      .given([...network, sessionHeld('s1', '2024-03-05'), sessionWithdrawn('s1')])
      .when(command('RecordSession', sessionFields('s1', '2024-03-05')))
      .thenThrows('SESSION.ALREADY_RECORDED');
  });

  it('rejects a session with no activity and no school present, naming both fields: VALIDATION.FAILED', () => {
    spec
      .given(network)
      .when(command('RecordSession', sessionFields('s1', '2024-03-05', { activities: [], schoolsPresent: [] })))
      .thenThrows('VALIDATION.FAILED', [
        { field: 'activities', message: 'must have at least one item' },
        { field: 'schoolsPresent', message: 'must have at least one item' },
      ]);
  });

  it('rejects a heldOn that is not a calendar date: VALIDATION.FAILED', () => {
    spec
      .given(network)
      .when(command('RecordSession', sessionFields('s1', '2024-02-30')))
      .thenThrows('VALIDATION.FAILED', [{ field: 'heldOn', message: 'must be a calendar date YYYY-MM-DD' }]);
  });

  it('rejects schools that are not members on heldOn, listing them: SCHOOL.NOT_MEMBER', () => {
    spec
      .given(network)
      .when(command('RecordSession', sessionFields('s1', '2024-03-05', { schoolsPresent: ['A', 'C', 'Z'] })))
      .thenThrows('SCHOOL.NOT_MEMBER', { schoolIds: ['C', 'Z'], date: '2024-03-05' });
  });

  it('counts a school present the day before it leaves', () => {
    spec
      .given(network)
      .when(command('RecordSession', sessionFields('s1', '2024-05-31', { schoolsPresent: ['B'] })))
      .then([sessionHeld('s1', '2024-05-31', { schoolsPresent: ['B'] })]);
  });

  it('rejects a school present on the day it left: SCHOOL.NOT_MEMBER', () => {
    spec
      .given(network)
      .when(command('RecordSession', sessionFields('s1', '2024-06-01', { schoolsPresent: ['B'] })))
      .thenThrows('SCHOOL.NOT_MEMBER', { schoolIds: ['B'], date: '2024-06-01' });
  });

  it('accepts a school present on the day it joined', () => {
    spec
      .given(network)
      .when(command('RecordSession', sessionFields('s1', '2024-05-01', { schoolsPresent: ['C'] })))
      .then([sessionHeld('s1', '2024-05-01', { schoolsPresent: ['C'] })]);
  });

  it('rejects heldOn in the future: DATE.OUT_OF_RANGE', () => {
    spec
      .given(network)
      .when(command('RecordSession', sessionFields('s1', '2025-01-01')))
      .thenThrows('DATE.OUT_OF_RANGE', { field: 'heldOn', value: '2025-01-01', today: TODAY });
  });

  it('rejects heldOn before registration: DATE.OUT_OF_RANGE', () => {
    spec
      .given(network)
      .when(command('RecordSession', sessionFields('s1', '2023-12-31')))
      .thenThrows('DATE.OUT_OF_RANGE');
  });
});

describe('CorrectSession', () => {
  const held = sessionHeld('s1', '2024-03-05');

  it('replaces the session with its corrected fields', () => {
    spec
      .given([...network, held])
      .when(
        command('CorrectSession', {
          ...sessionFields('s1', '2024-05-10', { schoolsPresent: ['C'] }),
          reason: 'wrong date',
        }),
      )
      .then([sessionCorrected('s1', '2024-05-10', { schoolsPresent: ['C'] }, 'wrong date')]);
  });

  it('can correct a session more than once', () => {
    spec
      .given([...network, held, sessionCorrected('s1', '2024-03-06')])
      .when(command('CorrectSession', { ...sessionFields('s1', '2024-03-07'), reason: 'again' }))
      .then([sessionCorrected('s1', '2024-03-07', {}, 'again')]);
  });

  it('rejects an unknown session: SESSION.NOT_FOUND', () => {
    spec
      .given(network)
      .when(command('CorrectSession', { ...sessionFields('s9', '2024-03-05'), reason: 'r' }))
      .thenThrows('SESSION.NOT_FOUND', { sessionId: 's9' });
  });

  it('rejects a withdrawn session: SESSION.NOT_FOUND', () => {
    spec
      .given([...network, held, sessionWithdrawn('s1')])
      .when(command('CorrectSession', { ...sessionFields('s1', '2024-03-05'), reason: 'r' }))
      .thenThrows('SESSION.NOT_FOUND');
  });

  it('checks the correction like a new session: membership on the corrected date (SCHOOL.NOT_MEMBER)', () => {
    spec
      .given([...network, held])
      .when(command('CorrectSession', { ...sessionFields('s1', '2024-03-05', { schoolsPresent: ['C'] }), reason: 'r' }))
      .thenThrows('SCHOOL.NOT_MEMBER', { schoolIds: ['C'], date: '2024-03-05' });
  });

  it('checks the correction like a new session: dates (DATE.OUT_OF_RANGE)', () => {
    spec
      .given([...network, held])
      .when(command('CorrectSession', { ...sessionFields('s1', '2025-02-01'), reason: 'r' }))
      .thenThrows('DATE.OUT_OF_RANGE');
  });

  it('checks the correction like a new session: an activity is required (VALIDATION.FAILED)', () => {
    spec
      .given([...network, held])
      .when(command('CorrectSession', { ...sessionFields('s1', '2024-03-05', { activities: [] }), reason: 'r' }))
      .thenThrows('VALIDATION.FAILED');
  });
});

describe('WithdrawSession', () => {
  const held = sessionHeld('s1', '2024-03-05');

  it('withdraws a live session', () => {
    spec
      .given([...network, held])
      .when(command('WithdrawSession', { sessionId: 's1', reason: 'recorded in the wrong network' }))
      .then([{ type: 'SessionWithdrawn', data: { sessionId: 's1', reason: 'recorded in the wrong network' } }]);
  });

  it('withdraws a corrected session', () => {
    spec
      .given([...network, held, sessionCorrected('s1', '2024-03-06')])
      .when(command('WithdrawSession', { sessionId: 's1', reason: 'x' }))
      .then([sessionWithdrawn('s1', 'x')]);
  });

  it('rejects an unknown session: SESSION.NOT_FOUND', () => {
    spec
      .given(network)
      .when(command('WithdrawSession', { sessionId: 's1', reason: 'x' }))
      .thenThrows('SESSION.NOT_FOUND');
  });

  it('rejects withdrawing twice: SESSION.NOT_FOUND', () => {
    spec
      .given([...network, held, sessionWithdrawn('s1')])
      .when(command('WithdrawSession', { sessionId: 's1', reason: 'x' }))
      .thenThrows('SESSION.NOT_FOUND');
  });
});
