// Domain errors carry a stable code and know nothing of HTTP: the API's
// exception filter maps codes to statuses.

export const DOMAIN_ERROR_CODES = [
  'NETWORK.NOT_FOUND',
  'NETWORK.ALREADY_REGISTERED',
  'SCHOOL.ALREADY_MEMBER',
  'SCHOOL.NOT_MEMBER',
  'SESSION.ALREADY_RECORDED',
  'SESSION.NOT_FOUND',
  'CYCLE.NOT_OPEN',
  'CYCLE.NO_JOINT_ACTION',
  'CYCLE.NOT_ANALYSED',
  'CYCLE.DATE_ORDER',
  'DATE.OUT_OF_RANGE',
  // Extensions of SPEC §1, documented in the README:
  /** A joint action, analysis or close names a cycleId that was never opened. */
  'CYCLE.NOT_FOUND',
  /** OpenInquiryCycle with a cycleId already used in the network. */
  'CYCLE.ALREADY_OPENED',
  /** RecordJointAction with an actionId already used in the network. */
  'ACTION.ALREADY_RECORDED',
  /** SPEC 6.2: a redaction names a version the network's stream does not have (yet). */
  'REDACTION.UNKNOWN_VERSION',
  /** Defensive: the HTTP layer normally rejects these bodies first. */
  'VALIDATION.FAILED',
] as const;

export type DomainErrorCode = (typeof DOMAIN_ERROR_CODES)[number];

/** One offending field of a VALIDATION.FAILED error (the shape of the HTTP layer's 400 details). */
export interface ValidationIssue {
  field: string;
  message: string;
}

export type DomainErrorDetails = Readonly<Record<string, unknown>> | readonly ValidationIssue[];

export class DomainError extends Error {
  constructor(
    readonly code: DomainErrorCode,
    message: string,
    readonly details?: DomainErrorDetails,
  ) {
    super(message);
    this.name = 'DomainError';
  }
}

export function isDomainError(error: unknown): error is DomainError {
  return error instanceof DomainError;
}
