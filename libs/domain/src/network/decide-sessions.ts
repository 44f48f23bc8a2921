import type { CorrectSession, RecordSession, WithdrawSession } from '../commands';
import { DomainError } from '../errors';
import type { NetworkEvent, SessionFields } from '../events';
import {
  dateIssues,
  distinct,
  nonEmptyIssues,
  requireDateInRange,
  requireMembersOn,
  requireRegistered,
  throwIfInvalid,
  type RegisteredState,
} from './guards';
import type { NetworkState } from './state';
import { sessionFieldsOf } from '../session-fields';

export function recordSession(command: RecordSession, state: NetworkState): NetworkEvent[] {
  requireRegistered(state);
  const { data } = command;
  requireSessionShape(data);
  // Withdrawn ids stay taken: a retried request must not resurrect a withdrawn session.
  if (state.sessions.has(data.sessionId)) {
    throw new DomainError('SESSION.ALREADY_RECORDED', `Session ${data.sessionId} is already recorded.`, {
      sessionId: data.sessionId,
    });
  }
  requireSessionRules(data, state, command.metadata.today);
  return [{ type: 'SessionHeld', data: copySession(data) }];
}

export function correctSession(command: CorrectSession, state: NetworkState): NetworkEvent[] {
  requireRegistered(state);
  const { data } = command;
  requireSessionShape(data);
  requireLiveSession(state, data.sessionId);
  requireSessionRules(data, state, command.metadata.today);
  return [{ type: 'SessionCorrected', data: { ...copySession(data), reason: data.reason } }];
}

export function withdrawSession(command: WithdrawSession, state: NetworkState): NetworkEvent[] {
  requireRegistered(state);
  const { data } = command;
  requireLiveSession(state, data.sessionId);
  return [{ type: 'SessionWithdrawn', data: { sessionId: data.sessionId, reason: data.reason } }];
}

function requireSessionShape(data: SessionFields): void {
  throwIfInvalid([
    ...dateIssues({ heldOn: data.heldOn }),
    ...nonEmptyIssues({ activities: data.activities, schoolsPresent: data.schoolsPresent }),
  ]);
}

function requireLiveSession(state: NetworkState, sessionId: string): void {
  if (state.sessions.get(sessionId) !== 'live') {
    throw new DomainError('SESSION.NOT_FOUND', `Session ${sessionId} does not exist or was withdrawn.`, {
      sessionId,
    });
  }
}

/** A correction is a whole new version of the session, so it is checked like a new one. */
function requireSessionRules(data: SessionFields, state: RegisteredState, today: string): void {
  requireDateInRange('heldOn', data.heldOn, state.registeredOn, today);
  requireMembersOn(state, data.schoolsPresent, data.heldOn);
}

/** The session as recorded: its known fields, each school present once. */
function copySession(data: SessionFields): SessionFields {
  return { ...sessionFieldsOf(data), schoolsPresent: distinct(data.schoolsPresent) };
}
