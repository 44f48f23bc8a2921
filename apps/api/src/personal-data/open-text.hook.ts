import { Logger } from '@nestjs/common';
import type { preSerializationAsyncHookHandler } from 'fastify';
import type { TextOpener } from '@indaga/platform';
import type { AllExceptionsFilter } from '../http/all-exceptions.filter';

/**
 * SPEC 6.1: every JSON answer goes through the one TextOpener on its way out,
 * so /events, /v1/events, /state (with version, asOf, on), /cycles/:id,
 * GET /v1/networks/:id and whatever reader comes next show plain text, or
 * null with `redacted: true` where the key was destroyed. Answers without
 * sealed text (most of them) pass untouched after one scan. Streamed exports
 * open their pages themselves (apps/api/src/exports).
 *
 * A Fastify preSerialization hook, not a Nest interceptor: it sees every
 * object answer just the same, and routes without interceptors skip Nest's
 * interceptor machinery. Opening can fail (the key store unreachable: 503;
 * a tampered ciphertext: 500); the answer is then the error body the
 * exception filter would have sent.
 */
export function openTextHook(opener: TextOpener, filter: AllExceptionsFilter): preSerializationAsyncHookHandler {
  const logger = new Logger('http');
  return async (request, reply, payload) => {
    try {
      return await opener.open(payload);
    } catch (error) {
      const { body, headers } = filter.toBody(error, String(request.id));
      if (body.statusCode >= 500) logger.error({ err: error, code: body.code, correlationId: body.correlationId });
      for (const [name, value] of Object.entries(headers)) reply.header(name, value);
      reply.status(body.statusCode);
      return body;
    }
  };
}
