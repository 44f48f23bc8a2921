import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { FastifyAdapter as BoardAdapter } from '@bull-board/fastify';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { IndagaConfig } from '@indaga/platform';
import { BullMqScheduler, PROJECTION_SCHEDULER } from '@indaga/projections';
import { AuthService } from '../auth/auth.service';
import { AllExceptionsFilter } from '../http/all-exceptions.filter';
import { ApiError } from '../http/api-error';
import { RateLimits } from '../http/rate-limits';

export const QUEUE_BOARD_PATH = '/admin/queues';

/**
 * The token from `Authorization: Bearer <token>` or, for a browser, from
 * `Authorization: Basic` with the token as password (any user name): the
 * board is a page whose scripts fetch its own API, and a browser sends Basic
 * credentials it was asked for with every request to the same origin, where
 * it cannot add a Bearer header by itself.
 */
function tokenOf(header: string | undefined): string | undefined {
  if (!header) return undefined;
  const bearer = /^Bearer\s+(\S+)\s*$/i.exec(header);
  if (bearer) return bearer[1];
  const basic = /^Basic\s+([A-Za-z0-9+/=]+)\s*$/i.exec(header);
  if (!basic) return undefined;
  const decoded = Buffer.from(basic[1], 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  return colon >= 0 ? decoded.slice(colon + 1) : undefined;
}

/**
 * Bull Board at /admin/queues (only with REDIS_URL, where the projection
 * queue exists): admin token only, on the page, its assets and its API alike;
 * read-only unless INDAGA_QUEUE_BOARD=readwrite.
 */
export async function mountQueueBoard(app: NestFastifyApplication, config: IndagaConfig): Promise<boolean> {
  const scheduler = app.get(PROJECTION_SCHEDULER);
  if (!(scheduler instanceof BullMqScheduler)) return false;
  const auth = app.get(AuthService);
  const rateLimits = app.get(RateLimits);
  const filter = new AllExceptionsFilter();
  const board = new BoardAdapter();
  board.setBasePath(QUEUE_BOARD_PATH);
  createBullBoard({
    queues: [new BullMQAdapter(scheduler.queue, { readOnlyMode: config.queueBoard !== 'readwrite' })],
    serverAdapter: board,
    options: { uiConfig: { boardTitle: 'indaga queues' } },
  });

  const refuse = (request: FastifyRequest, reply: FastifyReply, error: ApiError) => {
    const { body, headers } = filter.toBody(error, String(request.id));
    return reply.code(body.statusCode).headers(headers).send(body);
  };
  const adminOnly = async (request: FastifyRequest, reply: FastifyReply) => {
    const token = tokenOf(request.headers.authorization);
    const challenge = { 'WWW-Authenticate': 'Basic realm="indaga queues", charset="UTF-8"' };
    if (!token)
      return refuse(request, reply, new ApiError('AUTH.MISSING', 'send the admin token', undefined, challenge));
    const principal = await auth.authenticate(token);
    try {
      if (principal) await rateLimits.chargeToken(request, principal.tokenId);
      else await rateLimits.chargeIp(request);
    } catch (err) {
      return refuse(request, reply, err as ApiError);
    }
    if (!principal)
      return refuse(
        request,
        reply,
        new ApiError('AUTH.INVALID', 'the token is unknown or revoked', undefined, challenge),
      );
    if (principal.role !== 'admin')
      return refuse(request, reply, new ApiError('AUTH.FORBIDDEN', 'the queue board is for the admin token only'));
  };
  await app.register(
    async (scope: FastifyInstance) => {
      scope.addHook('onRequest', adminOnly);
      await scope.register(board.registerPlugin() as never);
    },
    { prefix: QUEUE_BOARD_PATH },
  );
  return true;
}
