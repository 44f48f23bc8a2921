import type { NetworkCommand } from '../commands';
import type { NetworkEvent } from '../events';
import { closeInquiryCycle, openInquiryCycle, recordCycleAnalysis, recordJointAction } from './decide-cycles';
import { redactText } from './decide-redaction';
import { correctSession, recordSession, withdrawSession } from './decide-sessions';
import { joinSchool, leaveSchool, registerNetwork } from './decide-schools';
import { requireToday } from './guards';
import type { NetworkState } from './state';

/** Returns the events the command produces (one today), or throws a DomainError. Pure. */
export function decide(command: NetworkCommand, state: NetworkState): NetworkEvent[] {
  requireToday(command.metadata.today);
  switch (command.type) {
    case 'RegisterNetwork':
      return registerNetwork(command, state);
    case 'JoinSchool':
      return joinSchool(command, state);
    case 'LeaveSchool':
      return leaveSchool(command, state);
    case 'RecordSession':
      return recordSession(command, state);
    case 'CorrectSession':
      return correctSession(command, state);
    case 'WithdrawSession':
      return withdrawSession(command, state);
    case 'OpenInquiryCycle':
      return openInquiryCycle(command, state);
    case 'RecordJointAction':
      return recordJointAction(command, state);
    case 'RecordCycleAnalysis':
      return recordCycleAnalysis(command, state);
    case 'CloseInquiryCycle':
      return closeInquiryCycle(command, state);
    case 'RedactText':
      return redactText(command, state);
    default: {
      const unknownCommand: never = command;
      throw new Error(`Unknown command type: ${(unknownCommand as { type: string }).type}`);
    }
  }
}
