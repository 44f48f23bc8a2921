import { randomUUID } from 'node:crypto';
import type { Socket } from 'node:net';
import { type ApiErrorCode, ERROR_STATUS } from './error-codes';

/**
 * Requests Node's HTTP parser refuses never reach Fastify's routing nor the
 * exception filter (a malformed request line, headers larger than Node's
 * limit, a bad chunk). Fastify's default answer carries no `code`; this one
 * has the documented error shape. There is no request, so the correlation id
 * is made here.
 */
export function clientErrorHandler(err: Error & { code?: string }, socket: Socket): void {
  if (err.code === 'ECONNRESET' || !socket.writable) {
    socket.destroy(err);
    return;
  }
  const tooLarge = err.code === 'HPE_HEADER_OVERFLOW';
  const timedOut = err.code === 'ERR_HTTP_REQUEST_TIMEOUT';
  const code: ApiErrorCode = tooLarge
    ? 'REQUEST.HEADERS_TOO_LARGE'
    : timedOut
      ? 'REQUEST.TIMEOUT'
      : 'REQUEST.MALFORMED';
  const statusCode = ERROR_STATUS[code];
  const body = JSON.stringify({
    statusCode,
    code,
    message: tooLarge
      ? 'the request headers are larger than the server accepts'
      : timedOut
        ? 'the request was not received in time'
        : 'the request is not valid HTTP (request line, headers or encoding)',
    correlationId: randomUUID(),
  });
  const reason = tooLarge ? 'Request Header Fields Too Large' : timedOut ? 'Request Timeout' : 'Bad Request';
  socket.end(
    `HTTP/1.1 ${statusCode} ${reason}\r\nConnection: close\r\nContent-Type: application/json; charset=utf-8\r\n` +
      `Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`,
  );
}

/**
 * Errors Fastify raises before routing (a path with bad percent-encoding,
 * FST_ERR_BAD_URL) bypass Nest's exception filter too; answered here in the
 * documented shape with the request's correlation id.
 */
export function frameworkErrors(
  error: Error & { code?: string },
  request: { id: unknown },
  reply: { code(status: number): { send(body: unknown): unknown } },
): void {
  const badUrl = error.code === 'FST_ERR_BAD_URL';
  const code: ApiErrorCode = 'REQUEST.MALFORMED';
  reply.code(ERROR_STATUS[code]).send({
    statusCode: ERROR_STATUS[code],
    code,
    message: badUrl ? 'the URL is not valid (bad percent-encoding)' : 'the request could not be routed',
    correlationId: String(request.id),
  });
}
