// What callers ask of a network. The caller (the command handler) fills in
// every new id and `metadata.today` before `decide`, so the decider stays
// free of clocks and random ids.
import type {
  CycleAnalysisRecordedData,
  InquiryCycleClosedData,
  InquiryCycleOpenedData,
  JointActionCarriedOutData,
  NetworkRegisteredData,
  SchoolJoinedData,
  SchoolLeftData,
  SessionCorrectedData,
  SessionFields,
  SessionWithdrawnData,
  TextRedactedData,
} from './events';

export interface CommandMetadata {
  /** The UTC calendar date `YYYY-MM-DD` at which the command is decided: no `…On` date may be later. */
  today: string;
  /** The stream's version the command is decided at (the handler fills it in; RedactText needs it). */
  version?: number;
}

export interface DomainCommand<Type extends string, Data> {
  type: Type;
  data: Data;
  metadata: CommandMetadata;
}

export type RegisterNetwork = DomainCommand<'RegisterNetwork', NetworkRegisteredData>;
export type JoinSchool = DomainCommand<'JoinSchool', SchoolJoinedData>;
export type LeaveSchool = DomainCommand<'LeaveSchool', SchoolLeftData>;
export type RecordSession = DomainCommand<'RecordSession', SessionFields>;
export type CorrectSession = DomainCommand<'CorrectSession', SessionCorrectedData>;
export type WithdrawSession = DomainCommand<'WithdrawSession', SessionWithdrawnData>;
export type OpenInquiryCycle = DomainCommand<'OpenInquiryCycle', InquiryCycleOpenedData>;
export type RecordJointAction = DomainCommand<'RecordJointAction', JointActionCarriedOutData>;
export type RecordCycleAnalysis = DomainCommand<'RecordCycleAnalysis', CycleAnalysisRecordedData>;
export type CloseInquiryCycle = DomainCommand<'CloseInquiryCycle', InquiryCycleClosedData>;
/** SPEC 6.2: erase the free text of some events (their data keys are destroyed). */
export type RedactText = DomainCommand<'RedactText', TextRedactedData>;

export type NetworkCommand =
  | RegisterNetwork
  | JoinSchool
  | LeaveSchool
  | RecordSession
  | CorrectSession
  | WithdrawSession
  | OpenInquiryCycle
  | RecordJointAction
  | RecordCycleAnalysis
  | CloseInquiryCycle
  | RedactText;

export type NetworkCommandType = NetworkCommand['type'];

/** Every command type, as the keys of a Record over the union, so a new command cannot be left out. */
const COMMAND_TYPE_TABLE: Record<NetworkCommandType, true> = {
  RegisterNetwork: true,
  JoinSchool: true,
  LeaveSchool: true,
  RecordSession: true,
  CorrectSession: true,
  WithdrawSession: true,
  OpenInquiryCycle: true,
  RecordJointAction: true,
  RecordCycleAnalysis: true,
  CloseInquiryCycle: true,
  RedactText: true,
};

export const NETWORK_COMMAND_TYPES = Object.keys(COMMAND_TYPE_TABLE) as readonly NetworkCommandType[];
