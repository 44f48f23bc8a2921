import type { DomainErrorCode } from '@indaga/domain';

/**
 * Every error code the API answers with, and its HTTP status: one typed
 * table (docs/EXTENSIONS.md lists the same rows; a test keeps them equal).
 * Domain codes (SPEC section 1) come from the domain's union, so a new
 * domain error cannot be forgotten here; the rest are the HTTP layer's own.
 */
export const DOMAIN_ERROR_STATUS = {
  'NETWORK.NOT_FOUND': 404,
  'NETWORK.ALREADY_REGISTERED': 409,
  'SCHOOL.ALREADY_MEMBER': 409,
  'SCHOOL.NOT_MEMBER': 422,
  'SESSION.ALREADY_RECORDED': 409,
  'SESSION.NOT_FOUND': 404,
  'CYCLE.NOT_OPEN': 422,
  'CYCLE.NO_JOINT_ACTION': 422,
  'CYCLE.NOT_ANALYSED': 422,
  'CYCLE.DATE_ORDER': 422,
  'DATE.OUT_OF_RANGE': 422,
  'CYCLE.NOT_FOUND': 404,
  'CYCLE.ALREADY_OPENED': 409,
  'ACTION.ALREADY_RECORDED': 409,
  'REDACTION.UNKNOWN_VERSION': 422,
  'VALIDATION.FAILED': 400,
} as const satisfies Record<DomainErrorCode, number>;

export const HTTP_ERROR_STATUS = {
  'AUTH.MISSING': 401,
  'AUTH.INVALID': 401,
  'AUTH.FORBIDDEN': 403,
  'REQUEST.INVALID': 400,
  'REQUEST.MALFORMED': 400,
  'REQUEST.HEADERS_TOO_LARGE': 431,
  'REQUEST.TIMEOUT': 408,
  'BODY.MALFORMED_JSON': 400,
  'BODY.TOO_LARGE': 413,
  'BODY.UNSUPPORTED_MEDIA_TYPE': 415,
  'ROUTE.NOT_FOUND': 404,
  'ROUTE.METHOD_NOT_ALLOWED': 405,
  'RATE.LIMITED': 429,
  'VERSION.MISMATCH': 412,
  'VERSION.CONFLICT': 409,
  'VERSION.NOT_FOUND': 404,
  'IDEMPOTENCY.KEY_REUSED': 422,
  'TOKEN.NOT_FOUND': 404,
  'PROJECTION.NOT_FOUND': 404,
  'PROJECTION.BEHIND': 503,
  'PROJECTION.REBUILD_RUNNING': 409,
  'PROJECTION.NO_REBUILD': 409,
  'STORE.UNAVAILABLE': 503,
  'HEALTH.DOWN': 503,
  INTERNAL: 500,
} as const;

export type ApiErrorCode = keyof typeof DOMAIN_ERROR_STATUS | keyof typeof HTTP_ERROR_STATUS;

export const ERROR_STATUS: Readonly<Record<ApiErrorCode, number>> = { ...DOMAIN_ERROR_STATUS, ...HTTP_ERROR_STATUS };

/** The code Nest/Fastify's own HTTP errors are answered with, by status. */
export const FRAMEWORK_STATUS_CODE: Readonly<Record<number, ApiErrorCode>> = {
  400: 'REQUEST.INVALID',
  401: 'AUTH.MISSING',
  403: 'AUTH.FORBIDDEN',
  404: 'ROUTE.NOT_FOUND',
  405: 'ROUTE.METHOD_NOT_ALLOWED',
  413: 'BODY.TOO_LARGE',
  415: 'BODY.UNSUPPORTED_MEDIA_TYPE',
  429: 'RATE.LIMITED',
};
