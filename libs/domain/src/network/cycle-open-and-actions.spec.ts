import { DeciderSpecification } from '../testing/decider-specification';
import {
  analysisRecorded,
  command,
  cycleClosed,
  cycleOpened,
  jointAction,
  networkRegistered,
  schoolJoined,
  schoolLeft,
} from '../testing/builders';
import { networkDecider } from './network-decider';

const spec = DeciderSpecification.for(networkDecider);
// A, B members from February; C joins 2024-05-01; B leaves 2024-06-01.
const network = [
  networkRegistered(),
  schoolJoined('A', '2024-02-01'),
  schoolJoined('B', '2024-02-01'),
  schoolJoined('C', '2024-05-01'),
  schoolLeft('B', '2024-06-01'),
];
const opened = cycleOpened('c1', '2024-03-01', ['A', 'B']);
const acted = jointAction('c1', 'a1', '2024-03-10', ['A', 'B']);
const analysed = analysisRecorded('c1', '2024-04-01');

const actionData = (over: Partial<ReturnType<typeof jointAction>['data']> = {}) =>
  jointAction('c1', 'a2', '2024-04-15', ['A'], over).data;

describe('OpenInquiryCycle', () => {
  it('opens a cycle with its optional prediction and focus', () => {
    spec
      .given(network)
      .when(
        command('OpenInquiryCycle', {
          cycleId: 'c1',
          question: 'Does peer observation change how we give feedback?',
          prediction: 'More specific feedback',
          focus: 'Feedback in language lessons',
          orientation: 'innovation',
          schools: ['A', 'B', 'B'],
          openedOn: '2024-03-01',
        }),
      )
      .then([
        {
          type: 'InquiryCycleOpened',
          data: {
            cycleId: 'c1',
            question: 'Does peer observation change how we give feedback?',
            prediction: 'More specific feedback',
            focus: 'Feedback in language lessons',
            orientation: 'innovation',
            schools: ['A', 'B'],
            openedOn: '2024-03-01',
          },
        },
      ]);
  });

  it('rejects a cycleId already used: CYCLE.ALREADY_OPENED', () => {
    spec
      .given([...network, opened])
      .when(command('OpenInquiryCycle', opened.data))
      .thenThrows('CYCLE.ALREADY_OPENED', { cycleId: 'c1' });
  });

  it('rejects a cycle with no school: VALIDATION.FAILED', () => {
    spec
      .given(network)
      .when(command('OpenInquiryCycle', cycleOpened('c1', '2024-03-01', []).data))
      .thenThrows('VALIDATION.FAILED', [{ field: 'schools', message: 'must have at least one item' }]);
  });

  it('requires every school to be a member on openedOn: SCHOOL.NOT_MEMBER', () => {
    spec
      .given(network)
      .when(command('OpenInquiryCycle', cycleOpened('c1', '2024-03-01', ['A', 'C']).data))
      .thenThrows('SCHOOL.NOT_MEMBER', { schoolIds: ['C'], date: '2024-03-01' });
  });

  it('rejects openedOn before registration: DATE.OUT_OF_RANGE', () => {
    spec
      .given(network)
      .when(command('OpenInquiryCycle', cycleOpened('c1', '2023-06-01', ['A']).data))
      .thenThrows('DATE.OUT_OF_RANGE');
  });
});

describe('RecordJointAction', () => {
  it('records a joint action', () => {
    spec
      .given([...network, opened])
      .when(
        command('RecordJointAction', {
          cycleId: 'c1',
          actionId: 'a1',
          title: 'Cross-school lesson study',
          schools: ['A', 'B'],
          depthReached: 'classroom',
          classroomsReached: 4,
          teachersInvolved: 6,
          carriedOutOn: '2024-03-10',
        }),
      )
      .then([
        {
          type: 'JointActionCarriedOut',
          data: {
            cycleId: 'c1',
            actionId: 'a1',
            title: 'Cross-school lesson study',
            schools: ['A', 'B'],
            depthReached: 'classroom',
            classroomsReached: 4,
            teachersInvolved: 6,
            carriedOutOn: '2024-03-10',
          },
        },
      ]);
  });

  it('accepts an action on the day the cycle opened', () => {
    spec
      .given([...network, opened])
      .when(command('RecordJointAction', actionData({ carriedOutOn: '2024-03-01' })))
      .then([jointAction('c1', 'a2', '2024-03-01', ['A'])]);
  });

  it('accepts an action after an analysis while the cycle is open', () => {
    spec
      .given([...network, opened, acted, analysed])
      .when(command('RecordJointAction', actionData()))
      .then([jointAction('c1', 'a2', '2024-04-15', ['A'])]);
  });

  it('rejects an unknown cycle: CYCLE.NOT_FOUND', () => {
    spec
      .given(network)
      .when(command('RecordJointAction', actionData()))
      .thenThrows('CYCLE.NOT_FOUND', { cycleId: 'c1' });
  });

  it('rejects a closed cycle: CYCLE.NOT_OPEN', () => {
    spec
      .given([...network, opened, cycleClosed('c1', 'abandon', '2024-03-20')])
      .when(command('RecordJointAction', actionData()))
      .thenThrows('CYCLE.NOT_OPEN');
  });

  it('rejects an actionId already used in the network, even in another cycle: ACTION.ALREADY_RECORDED', () => {
    spec
      .given([...network, opened, acted, cycleOpened('c2', '2024-03-01', ['A'])])
      .when(command('RecordJointAction', jointAction('c2', 'a1', '2024-03-12', ['A']).data))
      .thenThrows('ACTION.ALREADY_RECORDED', { actionId: 'a1' });
  });

  it('rejects an action dated before the cycle opened: CYCLE.DATE_ORDER', () => {
    spec
      .given([...network, opened])
      .when(command('RecordJointAction', actionData({ carriedOutOn: '2024-02-29' })))
      .thenThrows('CYCLE.DATE_ORDER', { field: 'carriedOutOn', value: '2024-02-29', notBefore: '2024-03-01' });
  });

  it('requires membership on carriedOutOn, not on openedOn: SCHOOL.NOT_MEMBER', () => {
    spec
      .given([...network, opened])
      .when(command('RecordJointAction', actionData({ schools: ['A', 'B'], carriedOutOn: '2024-06-01' })))
      .thenThrows('SCHOOL.NOT_MEMBER', { schoolIds: ['B'], date: '2024-06-01' });
  });

  it('rejects an action with no school: VALIDATION.FAILED', () => {
    spec
      .given([...network, opened])
      .when(command('RecordJointAction', actionData({ schools: [] })))
      .thenThrows('VALIDATION.FAILED');
  });

  it('rejects carriedOutOn in the future: DATE.OUT_OF_RANGE', () => {
    spec
      .given([...network, opened])
      .when(command('RecordJointAction', actionData({ carriedOutOn: '2025-03-01' })))
      .thenThrows('DATE.OUT_OF_RANGE');
  });
});
