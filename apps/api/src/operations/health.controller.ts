import { Controller, Get, Inject, Optional, Req, Res } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Redis } from 'ioredis';
import { ApiTags } from '@nestjs/swagger';
import { EVENT_STORE, EventStore } from '@indaga/event-store';
import { SqlClient } from '@indaga/platform';
import { READ_MODEL_SQL, REDIS } from '@indaga/projections';
import { Public } from '../auth/access.decorator';
import { CheckResult, runChecks } from './health-checks';
import { type ApiErrorCode, ERROR_STATUS } from '../http/error-codes';

/**
 * GET /health (SPEC: store, Redis when configured), GET /health/ready (also
 * the read models) and GET /health/live (the process answers). Each
 * dependency is probed with its own bounded timeout, all at once. Down, the
 * answer is 503 in the documented error shape (code HEALTH.DOWN, the message
 * naming the failing checks) and still carries `status` and `checks`.
 */
@ApiTags('operations')
@Controller('health')
export class HealthController {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(READ_MODEL_SQL) private readonly readModels: SqlClient,
    @Optional() @Inject(REDIS) private readonly redis?: Redis,
  ) {}

  @Get()
  @Public()
  health(@Req() req: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply) {
    return this.answer(req, reply, { store: () => this.store.ping(), ...this.redisProbe() });
  }

  @Get('ready')
  @Public()
  ready(@Req() req: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply) {
    return this.answer(req, reply, {
      store: () => this.store.ping(),
      readModels: () => this.readModels.query('SELECT 1'),
      ...this.redisProbe(),
    });
  }

  @Get('live')
  @Public()
  live() {
    return LIVE;
  }

  private redisProbe(): Record<string, () => Promise<unknown>> {
    const redis = this.redis;
    if (!redis) return {};
    // A command sent while disconnected would wait for the reconnection; say "down" at once instead.
    return {
      redis: async () => {
        if (redis.status !== 'ready') throw new Error(`not connected (${redis.status})`);
        await redis.ping();
      },
    };
  }

  private async answer(req: FastifyRequest, reply: FastifyReply, probes: Record<string, () => Promise<unknown>>) {
    const { ok, checks } = await runChecks(probes);
    if (ok) return { status: 'ok', checks: withoutTimings(checks) };
    const down = Object.entries(checks).filter(([, c]) => c.status === 'down');
    const code: ApiErrorCode = 'HEALTH.DOWN';
    reply.status(ERROR_STATUS[code]).header('Retry-After', '5');
    return {
      statusCode: ERROR_STATUS[code],
      code,
      message: `unavailable: ${down.map(([name, c]) => `${name} (${c.error})`).join('; ')}`,
      details: { checks },
      correlationId: String(req.id),
      status: 'error',
      checks,
    };
  }
}

/** Liveness names its one check, the process itself (no dependency is probed: a restart would not mend one). */
export const LIVE = { status: 'ok', checks: { process: { status: 'up' } } } as const;

/** The 200 body keeps its documented shape, `{ status: 'ok', checks: { store: { status: 'up' } } }`. */
function withoutTimings(checks: Record<string, CheckResult>): Record<string, { status: 'up' | 'down' }> {
  return Object.fromEntries(Object.entries(checks).map(([name, c]) => [name, { status: c.status }]));
}
