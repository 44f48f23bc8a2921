import type { OpenAPIObject } from '@nestjs/swagger';
import { OPERATIONS } from './operations';

type Operation = {
  summary?: string;
  description?: string;
  parameters?: Array<Record<string, unknown>>;
  responses: Record<string, Record<string, unknown>>;
  security?: unknown[];
};

const ERROR_REF = { $ref: '#/components/schemas/ErrorBody' };
const str = (description: string) => ({ description, schema: { type: 'string' } });
const CORRELATION = str('Echo of the caller’s X-Correlation-Id, or a new UUID; equals correlationId of error bodies');
const RETRY_AFTER = { description: 'Seconds to wait before retrying', schema: { type: 'integer' } };
const ERRORS: Record<string, string> = {
  '400': 'VALIDATION.FAILED (details name every bad field), BODY.MALFORMED_JSON',
  '401': 'AUTH.MISSING / AUTH.INVALID',
  '403': 'AUTH.FORBIDDEN',
  '404': 'NETWORK.NOT_FOUND, ROUTE.NOT_FOUND and the other *.NOT_FOUND codes',
  '429': 'RATE.LIMITED',
  '503': 'STORE.UNAVAILABLE, PROJECTION.BEHIND',
};
const WRITE_ERRORS: Record<string, string> = {
  '409': 'a conflict with what was recorded (…ALREADY_*), or VERSION.CONFLICT after every retry',
  '412': 'VERSION.MISMATCH: If-Match named a version that is not the current one',
  '413': 'BODY.TOO_LARGE',
  '422': 'a domain rule refused the command (SCHOOL.NOT_MEMBER, CYCLE.NOT_OPEN, DATE.OUT_OF_RANGE…)',
};

/**
 * What the controllers' decorators do not say, added once to the generated
 * document so every operation reads alike and a client generator gets the
 * whole contract: summary and description, the headers of SPEC section 3
 * and docs/EXTENSIONS.md, and the error body for every documented error.
 * Kept out of the controllers so that they stay thin.
 */
export function completeOpenApi(document: OpenAPIObject): OpenAPIObject {
  document.components ??= {};
  document.components.schemas ??= {};
  document.components.schemas.ErrorBody = {
    type: 'object',
    required: ['statusCode', 'code', 'message', 'correlationId'],
    properties: {
      statusCode: { type: 'integer', example: 422 },
      code: { type: 'string', example: 'SCHOOL.NOT_MEMBER' },
      message: { type: 'string' },
      details: { description: 'VALIDATION.FAILED: [{ field, message }]; other codes: what the code needs' },
      correlationId: { type: 'string' },
    },
  };
  for (const [path, item] of Object.entries(document.paths)) {
    for (const [method, raw] of Object.entries(item as Record<string, Operation>)) {
      const operation = raw as Operation;
      const known = OPERATIONS[`${method} ${path}`];
      if (known) [operation.summary, operation.description] = known;
      const isPublic = path === '/health' || path === '/metrics';
      const isWrite = (method === 'post' || method === 'put') && path.startsWith('/v1/networks');
      operation.parameters ??= [];
      operation.parameters.push({
        name: 'X-Correlation-Id',
        in: 'header',
        required: false,
        ...str('1–128 of [A-Za-z0-9._:-]; echoed back'),
      });
      if (isWrite) {
        operation.parameters.push(
          {
            name: 'Idempotency-Key',
            in: 'header',
            required: false,
            ...str('1–255 visible ASCII; a retry with the same key is answered from the stored record'),
          },
          {
            name: 'If-Match',
            in: 'header',
            required: false,
            ...str('"N": write only if the network is at version N (else 412)'),
          },
        );
      }
      for (const [status, response] of Object.entries(operation.responses)) {
        if (!status.startsWith('2')) continue;
        response.headers = {
          'X-Correlation-Id': CORRELATION,
          ...(isWrite
            ? {
                ETag: str('"N": the network’s version after the write'),
                'Idempotent-Replayed': str('true when answered from a stored Idempotency-Key record'),
              }
            : {}),
        };
      }
      const errors = { ...ERRORS, ...(isWrite ? WRITE_ERRORS : {}) };
      if (isPublic) for (const s of ['400', '401', '403', '404']) delete errors[s];
      for (const [status, description] of Object.entries(errors)) {
        operation.responses[status] ??= {
          description,
          content: { 'application/json': { schema: ERROR_REF } },
          headers: {
            'X-Correlation-Id': CORRELATION,
            ...(status === '429' || status === '503' || status === '409' ? { 'Retry-After': RETRY_AFTER } : {}),
          },
        };
      }
      if (!isPublic) operation.security ??= [{ bearer: [] }];
    }
  }
  return document;
}
