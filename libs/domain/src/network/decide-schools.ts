import type { JoinSchool, LeaveSchool, RegisterNetwork } from '../commands';
import { DomainError } from '../errors';
import type { NetworkEvent } from '../events';
import { dateIssues, nonEmptyIssues, optional, requireDateInRange, requireRegistered, throwIfInvalid } from './guards';
import { openMembership, overlapsExisting } from './membership';
import type { NetworkState } from './state';

export function registerNetwork(command: RegisterNetwork, state: NetworkState): NetworkEvent[] {
  const { data, metadata } = command;
  throwIfInvalid(dateIssues({ registeredOn: data.registeredOn }));
  if (state.registered) {
    throw new DomainError(
      'NETWORK.ALREADY_REGISTERED',
      `Network ${state.networkId ?? data.networkId} is already registered.`,
      {
        networkId: state.networkId ?? data.networkId,
      },
    );
  }
  // Nothing precedes registration, so only the upper bound applies.
  requireDateInRange('registeredOn', data.registeredOn, data.registeredOn, metadata.today);
  return [
    {
      type: 'NetworkRegistered',
      data: {
        networkId: data.networkId,
        name: data.name,
        region: data.region,
        ...optional('commune', data.commune),
        registeredOn: data.registeredOn,
      },
    },
  ];
}

export function joinSchool(command: JoinSchool, state: NetworkState): NetworkEvent[] {
  const { data, metadata } = command;
  requireRegistered(state);
  throwIfInvalid([...dateIssues({ joinedOn: data.joinedOn }), ...nonEmptyIssues({ levels: data.levels })]);
  if (overlapsExisting(state.memberships, data.schoolId, data.joinedOn)) {
    throw new DomainError('SCHOOL.ALREADY_MEMBER', `School ${data.schoolId} is already a member on ${data.joinedOn}.`, {
      schoolId: data.schoolId,
      joinedOn: data.joinedOn,
    });
  }
  requireDateInRange('joinedOn', data.joinedOn, state.registeredOn, metadata.today);
  return [
    {
      type: 'SchoolJoined',
      data: {
        schoolId: data.schoolId,
        name: data.name,
        dependency: data.dependency,
        zone: data.zone,
        levels: [...new Set(data.levels)],
        joinedOn: data.joinedOn,
      },
    },
  ];
}

export function leaveSchool(command: LeaveSchool, state: NetworkState): NetworkEvent[] {
  const { data, metadata } = command;
  requireRegistered(state);
  throwIfInvalid(dateIssues({ leftOn: data.leftOn }));
  requireDateInRange('leftOn', data.leftOn, state.registeredOn, metadata.today);
  // Only the open membership can end: being inside an earlier, closed one is not enough.
  const open = openMembership(state.memberships, data.schoolId);
  if (open === undefined || data.leftOn < open.joinedOn) {
    throw new DomainError(
      'SCHOOL.NOT_MEMBER',
      `School ${data.schoolId} is not a member of the network on ${data.leftOn}.`,
      { schoolIds: [data.schoolId], date: data.leftOn },
    );
  }
  return [
    {
      type: 'SchoolLeft',
      data: { schoolId: data.schoolId, leftOn: data.leftOn, ...optional('reason', data.reason) },
    },
  ];
}
