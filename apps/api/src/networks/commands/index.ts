/** One folder per write use case of SPEC section 3: its request DTO and its controller. */
import { CloseInquiryCycleController } from './close-inquiry-cycle/close-inquiry-cycle.controller';
import { CorrectSessionController } from './correct-session/correct-session.controller';
import { JoinSchoolController } from './join-school/join-school.controller';
import { LeaveSchoolController } from './leave-school/leave-school.controller';
import { OpenInquiryCycleController } from './open-inquiry-cycle/open-inquiry-cycle.controller';
import { RecordCycleAnalysisController } from './record-cycle-analysis/record-cycle-analysis.controller';
import { RecordJointActionController } from './record-joint-action/record-joint-action.controller';
import { RedactTextController } from './redact-text/redact-text.controller';
import { RecordSessionController } from './record-session/record-session.controller';
import { RegisterNetworkController } from './register-network/register-network.controller';
import { WithdrawSessionController } from './withdraw-session/withdraw-session.controller';

export const WRITE_CONTROLLERS = [
  RegisterNetworkController,
  JoinSchoolController,
  LeaveSchoolController,
  RecordSessionController,
  CorrectSessionController,
  WithdrawSessionController,
  OpenInquiryCycleController,
  RecordJointActionController,
  RecordCycleAnalysisController,
  CloseInquiryCycleController,
  RedactTextController,
];
