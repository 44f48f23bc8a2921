import type { FastifyReply, preSerializationAsyncHookHandler } from 'fastify';
import { Access, type AccessRule } from '../../auth/access.decorator';
import { WriteAnswer } from './network-writer';

/** A write route: who may call it; what it returns (a WriteAnswer) is sent by `sendWriteAnswer`. */
export const NetworkWrite = (rule: AccessRule) => Access(rule);

/**
 * The edge of every write, as a Fastify preSerialization hook rather than a
 * Nest interceptor: the answer's status, its version as ETag, and
 * Idempotent-Replayed on a replay. A write route then runs with no
 * interceptor at all, and Nest skips its interceptor machinery (about a
 * fifth of a write's CPU, BENCHMARKS "Issue 15, second pass").
 */
export const sendWriteAnswer: preSerializationAsyncHookHandler = async (_request, reply, payload) => {
  if (!(payload instanceof WriteAnswer)) return payload;
  writeHeaders(reply, payload);
  return payload.body;
};

function writeHeaders(reply: FastifyReply, answer: WriteAnswer): void {
  reply.status(answer.status);
  reply.header('ETag', `"${answer.body.version}"`);
  if (answer.replayed) reply.header('Idempotent-Replayed', 'true');
}
