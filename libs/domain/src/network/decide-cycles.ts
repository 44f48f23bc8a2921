import type { CloseInquiryCycle, OpenInquiryCycle, RecordCycleAnalysis, RecordJointAction } from '../commands';
import { DomainError } from '../errors';
import type { NetworkEvent } from '../events';
import {
  dateIssues,
  distinct,
  nonEmptyIssues,
  optional,
  requireDateInRange,
  requireMembersOn,
  requireRegistered,
  throwIfInvalid,
} from './guards';
import type { CycleState, NetworkState } from './state';

export function openInquiryCycle(command: OpenInquiryCycle, state: NetworkState): NetworkEvent[] {
  requireRegistered(state);
  const { data } = command;
  throwIfInvalid([...dateIssues({ openedOn: data.openedOn }), ...nonEmptyIssues({ schools: data.schools })]);
  if (state.cycles.has(data.cycleId)) {
    throw new DomainError('CYCLE.ALREADY_OPENED', `Cycle ${data.cycleId} already exists.`, { cycleId: data.cycleId });
  }
  requireDateInRange('openedOn', data.openedOn, state.registeredOn, command.metadata.today);
  requireMembersOn(state, data.schools, data.openedOn);
  return [
    {
      type: 'InquiryCycleOpened',
      data: {
        cycleId: data.cycleId,
        question: data.question,
        ...optional('prediction', data.prediction),
        ...optional('focus', data.focus),
        orientation: data.orientation,
        schools: distinct(data.schools),
        openedOn: data.openedOn,
      },
    },
  ];
}

export function recordJointAction(command: RecordJointAction, state: NetworkState): NetworkEvent[] {
  requireRegistered(state);
  const { data } = command;
  throwIfInvalid([...dateIssues({ carriedOutOn: data.carriedOutOn }), ...nonEmptyIssues({ schools: data.schools })]);
  const cycle = requireOpenCycle(state, data.cycleId);
  if (state.actionIds.has(data.actionId)) {
    throw new DomainError('ACTION.ALREADY_RECORDED', `Joint action ${data.actionId} is already recorded.`, {
      actionId: data.actionId,
    });
  }
  requireDateInRange('carriedOutOn', data.carriedOutOn, state.registeredOn, command.metadata.today);
  requireNotBefore('carriedOutOn', data.carriedOutOn, cycle.openedOn, 'the cycle was opened');
  requireMembersOn(state, data.schools, data.carriedOutOn);
  return [
    {
      type: 'JointActionCarriedOut',
      data: {
        cycleId: data.cycleId,
        actionId: data.actionId,
        title: data.title,
        schools: distinct(data.schools),
        depthReached: data.depthReached,
        classroomsReached: data.classroomsReached,
        teachersInvolved: data.teachersInvolved,
        carriedOutOn: data.carriedOutOn,
      },
    },
  ];
}

export function recordCycleAnalysis(command: RecordCycleAnalysis, state: NetworkState): NetworkEvent[] {
  requireRegistered(state);
  const { data } = command;
  throwIfInvalid(dateIssues({ analysedOn: data.analysedOn }));
  const cycle = requireOpenCycle(state, data.cycleId);
  if (cycle.firstActionOn === undefined) {
    throw new DomainError('CYCLE.NO_JOINT_ACTION', `Cycle ${data.cycleId} has no joint action to analyse yet.`, {
      cycleId: data.cycleId,
    });
  }
  requireDateInRange('analysedOn', data.analysedOn, state.registeredOn, command.metadata.today);
  requireNotBefore('analysedOn', data.analysedOn, cycle.firstActionOn, 'the cycle’s first joint action');
  return [
    {
      type: 'CycleAnalysisRecorded',
      data: {
        cycleId: data.cycleId,
        findings: data.findings,
        evidenceLevel: data.evidenceLevel,
        ...optional('predictionMet', data.predictionMet),
        lessonsLearned: [...(data.lessonsLearned ?? [])],
        analysedOn: data.analysedOn,
      },
    },
  ];
}

export function closeInquiryCycle(command: CloseInquiryCycle, state: NetworkState): NetworkEvent[] {
  requireRegistered(state);
  const { data } = command;
  throwIfInvalid(dateIssues({ closedOn: data.closedOn }));
  const cycle = requireOpenCycle(state, data.cycleId);
  if (data.decision !== 'abandon' && cycle.lastAnalysisOn === undefined) {
    throw new DomainError(
      'CYCLE.NOT_ANALYSED',
      `Cycle ${data.cycleId} can only be abandoned until an analysis is recorded.`,
      { cycleId: data.cycleId, decision: data.decision },
    );
  }
  requireDateInRange('closedOn', data.closedOn, state.registeredOn, command.metadata.today);
  // Actions may follow an analysis, so the close must follow whichever came last.
  requireNotBefore('closedOn', data.closedOn, latestCycleDate(cycle), 'the cycle’s latest action or analysis');
  return [
    { type: 'InquiryCycleClosed', data: { cycleId: data.cycleId, decision: data.decision, closedOn: data.closedOn } },
  ];
}

function requireOpenCycle(state: NetworkState, cycleId: string): CycleState {
  const cycle = state.cycles.get(cycleId);
  if (cycle === undefined) {
    throw new DomainError('CYCLE.NOT_FOUND', `Cycle ${cycleId} does not exist.`, { cycleId });
  }
  if (cycle.phase === 'closed') {
    throw new DomainError('CYCLE.NOT_OPEN', `Cycle ${cycleId} was closed on ${cycle.closedOn ?? '?'}.`, {
      cycleId,
      closedOn: cycle.closedOn,
    });
  }
  return cycle;
}

function requireNotBefore(field: string, date: string, notBefore: string, what: string): void {
  if (date < notBefore) {
    throw new DomainError('CYCLE.DATE_ORDER', `${field} ${date} is before ${what} (${notBefore}).`, {
      field,
      value: date,
      notBefore,
    });
  }
}

function latestCycleDate(cycle: CycleState): string {
  let latest = cycle.openedOn;
  for (const date of [cycle.latestActionOn, cycle.lastAnalysisOn]) {
    if (date !== undefined && date > latest) latest = date;
  }
  return latest;
}
