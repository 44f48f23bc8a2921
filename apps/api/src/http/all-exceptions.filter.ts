import { ArgumentsHost, Catch, ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { DomainError } from '@indaga/domain';
import { asStoreUnavailable, WrongExpectedVersionError } from '@indaga/event-store';
import { ApiError } from './api-error';
import { DOMAIN_ERROR_STATUS } from './error-status';

export interface ErrorBody {
  statusCode: number;
  code: string;
  message: string;
  details?: unknown;
  correlationId: string;
}

/** Codes for errors raised by the framework itself (routing, body parsing). */
const HTTP_STATUS_CODE: Record<number, string> = {
  400: 'REQUEST.INVALID',
  401: 'AUTH.MISSING',
  403: 'AUTH.FORBIDDEN',
  404: 'ROUTE.NOT_FOUND',
  405: 'ROUTE.METHOD_NOT_ALLOWED',
  413: 'BODY.TOO_LARGE',
  415: 'BODY.UNSUPPORTED_MEDIA_TYPE',
  429: 'RATE.LIMITED',
};

/**
 * Fastify's body-parser errors reach the filter as plain HttpExceptions (Nest
 * keeps only their message and status), so they are recognised by message.
 */
const FASTIFY_MESSAGES: Array<{ prefix: string; status: number; code: string; message: string }> = [
  {
    prefix: 'Body is not valid JSON',
    status: 400,
    code: 'BODY.MALFORMED_JSON',
    message: 'the request body is not valid JSON',
  },
  {
    prefix: 'Body cannot be empty',
    status: 400,
    code: 'BODY.MALFORMED_JSON',
    message: 'the request body is empty but declared as JSON',
  },
  {
    prefix: 'Request body is too large',
    status: 413,
    code: 'BODY.TOO_LARGE',
    message: 'the request body is larger than 1 MiB',
  },
];

/**
 * Every error leaves as `{ statusCode, code, message, details?, correlationId }`
 * (SPEC section 3). Unknown errors are logged and answered as 500 without
 * leaking their text.
 */
@Catch()
export class AllExceptionsFilter implements ExceptionFilter {
  private readonly logger = new Logger('http');

  catch(exception: unknown, host: ArgumentsHost): void {
    const ctx = host.switchToHttp();
    const request = ctx.getRequest<FastifyRequest>();
    const reply = ctx.getResponse<FastifyReply>();
    const { body, headers } = this.toBody(exception, String(request.id));
    if (body.statusCode >= 500)
      this.logger.error({ err: exception, code: body.code, correlationId: body.correlationId });
    for (const [name, value] of Object.entries(headers)) reply.header(name, value);
    reply.status(body.statusCode).send(body);
  }

  toBody(exception: unknown, correlationId: string): { body: ErrorBody; headers: Record<string, string> } {
    const make = (
      statusCode: number,
      code: string,
      message: string,
      details?: unknown,
      headers: Record<string, string> = {},
    ) => ({
      body: { statusCode, code, message, ...(details === undefined ? {} : { details }), correlationId },
      headers,
    });
    if (exception instanceof ApiError) {
      return make(exception.status, exception.code, exception.message, exception.details, exception.headers);
    }
    if (exception instanceof DomainError) {
      return make(DOMAIN_ERROR_STATUS[exception.code] ?? 422, exception.code, exception.message, exception.details);
    }
    if (exception instanceof WrongExpectedVersionError) {
      // Only reaches here when the client's If-Match precondition failed; other conflicts are retried.
      return make(412, 'VERSION.MISMATCH', `the network is at version ${exception.actualVersion}`, {
        expectedVersion: exception.expectedVersion,
        actualVersion: exception.actualVersion,
      });
    }
    // Any error meaning "a store is unreachable" (raw pg or SQLite errors from the token lookup, idempotency
    // records or read models included) is a 503 the client may retry, never a 500.
    if (asStoreUnavailable(exception)) {
      return make(503, 'STORE.UNAVAILABLE', 'the event store is unavailable; retry shortly', undefined, {
        'Retry-After': '5',
      });
    }
    if (exception instanceof HttpException) {
      const known = FASTIFY_MESSAGES.find(
        (m) => m.status === exception.getStatus() && exception.message.startsWith(m.prefix),
      );
      if (known) return make(known.status, known.code, known.message);
      const status = exception.getStatus();
      const code = HTTP_STATUS_CODE[status] ?? (status >= 500 ? 'INTERNAL' : 'REQUEST.INVALID');
      return make(status, code, exception.message);
    }
    const status = (exception as { statusCode?: number })?.statusCode;
    if (typeof status === 'number' && status >= 400 && status < 500) {
      return make(status, HTTP_STATUS_CODE[status] ?? 'REQUEST.INVALID', (exception as Error).message);
    }
    return make(500, 'INTERNAL', 'internal error; quote the correlationId when reporting it');
  }
}
