import { ArgumentsHost, Catch, ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { DomainError } from '@indaga/domain';
import { asStoreUnavailable } from '@indaga/event-store';
import { ApiError } from './api-error';
import { type ApiErrorCode, ERROR_STATUS, FRAMEWORK_STATUS_CODE } from './error-codes';
import { WriteError } from '../networks/write/write-errors';

export interface ErrorBody {
  statusCode: number;
  code: string;
  message: string;
  details?: unknown;
  correlationId: string;
}

/**
 * Fastify's body-parser errors reach the filter as plain HttpExceptions (Nest
 * keeps only their message and status), so they are recognised by message.
 */
const FASTIFY_MESSAGES: Array<{ prefix: string; code: ApiErrorCode; message: string }> = [
  {
    prefix: 'Body is not valid JSON',
    code: 'BODY.MALFORMED_JSON',
    message: 'the request body is not valid JSON',
  },
  {
    prefix: 'Body cannot be empty',
    code: 'BODY.MALFORMED_JSON',
    message: 'the request body is empty but declared as JSON',
  },
  {
    prefix: 'Request body is too large',
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
      return make(ERROR_STATUS[exception.code] ?? 422, exception.code, exception.message, exception.details);
    }
    if (exception instanceof WriteError) {
      const retry = exception.code === 'VERSION.CONFLICT' ? { 'Retry-After': '1' } : undefined;
      return make(ERROR_STATUS[exception.code], exception.code, exception.message, exception.details, retry);
    }
    // Any error meaning "a store is unreachable" (raw pg or SQLite errors from the token lookup, idempotency
    // records or read models included) is a 503 the client may retry, never a 500.
    if (asStoreUnavailable(exception)) {
      return make(
        ERROR_STATUS['STORE.UNAVAILABLE'],
        'STORE.UNAVAILABLE',
        'the event store is unavailable; retry shortly',
        undefined,
        {
          'Retry-After': '5',
        },
      );
    }
    if (exception instanceof HttpException) {
      const known = FASTIFY_MESSAGES.find(
        (m) => ERROR_STATUS[m.code] === exception.getStatus() && exception.message.startsWith(m.prefix),
      );
      if (known) return make(ERROR_STATUS[known.code], known.code, known.message);
      const status = exception.getStatus();
      const code = FRAMEWORK_STATUS_CODE[status] ?? (status >= 500 ? 'INTERNAL' : 'REQUEST.INVALID');
      return make(status, code, exception.message);
    }
    const status = (exception as { statusCode?: number })?.statusCode;
    if (typeof status === 'number' && status >= 400 && status < 500) {
      return make(status, FRAMEWORK_STATUS_CODE[status] ?? 'REQUEST.INVALID', (exception as Error).message);
    }
    return make(500, 'INTERNAL', 'internal error; quote the correlationId when reporting it');
  }
}
