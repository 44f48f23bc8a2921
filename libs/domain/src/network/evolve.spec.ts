import { isNetworkEvent, NETWORK_EVENT_TYPES, networkStreamId, type NetworkEvent } from '../events';
import { DeciderSpecification } from '../testing/decider-specification';
import {
  command,
  cycleOpened,
  jointAction,
  networkRegistered,
  schoolJoined,
  schoolLeft,
  sessionHeld,
  sessionWithdrawn,
} from '../testing/builders';
import { evolve, foldNetworkState } from './evolve';
import { networkDecider } from './network-decider';
import { initialState } from './state';

describe('decider state', () => {
  const events: NetworkEvent[] = [
    networkRegistered(),
    schoolJoined('A', '2024-02-01'),
    schoolLeft('A', '2024-03-01'),
    schoolJoined('A', '2024-04-01'),
    sessionHeld('s1', '2024-04-02'),
    sessionHeld('constructor', '2024-04-03'),
    sessionWithdrawn('s1'),
    cycleOpened('c1', '2024-04-05', ['A']),
    jointAction('c1', 'a1', '2024-04-06', ['A']),
  ];

  it('keeps ids, statuses and dates, not payloads', () => {
    const state = foldNetworkState(events);
    expect(state.registered).toBe(true);
    expect(state.registeredOn).toBe('2024-01-10');
    expect(state.memberships).toEqual([
      { schoolId: 'A', joinedOn: '2024-02-01', leftOn: '2024-03-01' },
      { schoolId: 'A', joinedOn: '2024-04-01' },
    ]);
    expect([...state.sessions]).toEqual([
      ['s1', 'withdrawn'],
      ['constructor', 'live'],
    ]);
    expect([...state.actionIds]).toEqual(['a1']);
  });

  it('does not modify the state it is given', () => {
    const before = foldNetworkState(events.slice(0, 5));
    const sessions = [...before.sessions];
    const memberships = JSON.stringify(before.memberships);
    evolve(before, sessionWithdrawn('s1'));
    evolve(before, schoolLeft('A', '2024-05-01'));
    expect([...before.sessions]).toEqual(sessions);
    expect(JSON.stringify(before.memberships)).toBe(memberships);
  });

  it('skips an event type it does not know instead of failing a replay', () => {
    const state = foldNetworkState(events);
    expect(evolve(state, { type: 'SomethingNew', data: {} } as unknown as NetworkEvent)).toEqual(state);
  });

  it('folding in one pass equals evolving event by event, and evolve never changes its input', () => {
    const stepwise = events.reduce((state, event) => {
      const before =
        JSON.stringify([...state.sessions], null, 0) +
        JSON.stringify([...state.cycles]) +
        JSON.stringify(state.memberships);
      const next = evolve(state, event);
      expect(
        JSON.stringify([...state.sessions], null, 0) +
          JSON.stringify([...state.cycles]) +
          JSON.stringify(state.memberships),
      ).toBe(before);
      return next;
    }, initialState());
    expect(foldNetworkState(events)).toEqual(stepwise);
    const half = foldNetworkState(events.slice(0, 3));
    expect(foldNetworkState(events.slice(3), half)).toEqual(stepwise);
  });

  it('treats ids such as `constructor` as plain ids', () => {
    DeciderSpecification.for(networkDecider)
      .given(events)
      .when(command('WithdrawSession', { sessionId: 'constructor', reason: 'r' }))
      .then([sessionWithdrawn('constructor', 'r')]);
    DeciderSpecification.for(networkDecider)
      .given(events)
      .when(command('CorrectSession', { ...sessionHeld('toString', '2024-04-03').data, reason: 'r' }))
      .thenThrows('SESSION.NOT_FOUND');
  });

  it('starts unregistered and empty', () => {
    const state = initialState();
    expect(state.registered).toBe(false);
    expect(state.memberships).toEqual([]);
    expect(state.sessions.size + state.cycles.size + state.actionIds.size).toBe(0);
  });
});

describe('events', () => {
  it('names one stream per network', () => {
    expect(networkStreamId('red-norte')).toBe('network-red-norte');
  });

  it('recognises the eleven network event types (TextRedacted: SPEC 6.2)', () => {
    expect(NETWORK_EVENT_TYPES).toHaveLength(11);
    expect(isNetworkEvent({ type: 'SessionHeld', data: {} })).toBe(true);
    expect(isNetworkEvent({ type: 'TokenIssued', data: {} })).toBe(false);
  });
});

describe('DeciderSpecification', () => {
  const spec = DeciderSpecification.for(networkDecider);
  const register = command('RegisterNetwork', networkRegistered().data);

  it('fails `then` when the events differ', () => {
    expect(() => spec.given([]).when(register).then([])).toThrow();
  });

  it('fails `thenThrows` when nothing is thrown or the code differs', () => {
    expect(() => spec.given([]).when(register).thenThrows('NETWORK.NOT_FOUND')).toThrow(/Expected NETWORK.NOT_FOUND/);
    expect(() => spec.given([networkRegistered()]).when(register).thenThrows('NETWORK.NOT_FOUND')).toThrow();
  });
});
