import { Controller, Get, HttpException, HttpStatus, Inject, Optional } from '@nestjs/common';
import type { Redis } from 'ioredis';
import { REDIS } from '@indaga/projections';
import { ApiTags } from '@nestjs/swagger';
import { EVENT_STORE, EventStore } from '@indaga/event-store';
import { Public } from '../auth/access.decorator';

type Check = { status: 'up' | 'down'; error?: string };

async function check(probe: () => Promise<unknown>): Promise<Check> {
  try {
    await probe();
    return { status: 'up' };
  } catch (err) {
    return { status: 'down', error: (err as Error).message };
  }
}

/** GET /health: 200 when the event store (and Redis, when configured) answer, 503 otherwise. */
@ApiTags('operations')
@Controller('health')
export class HealthController {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Optional() @Inject(REDIS) private readonly redis?: Redis,
  ) {}

  @Get()
  @Public()
  async health() {
    const checks: Record<string, Check> = { store: await check(() => this.store.ping()) };
    if (this.redis) checks.redis = await check(() => this.redis!.ping());
    const ok = Object.values(checks).every((c) => c.status === 'up');
    const body = { status: ok ? 'ok' : 'error', checks };
    if (!ok) throw new HttpException(body, HttpStatus.SERVICE_UNAVAILABLE);
    return body;
  }
}
