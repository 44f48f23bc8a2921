import { Inject, Injectable, OnApplicationShutdown } from '@nestjs/common';
import type { FastifyInstance } from 'fastify';
import { collectDefaultMetrics, Counter, Histogram, Registry } from 'prom-client';
import { EVENT_STORE, EventStore } from '@indaga/event-store';
import { INDAGA_CONFIG, IndagaConfig } from '@indaga/platform';
import {
  PROJECTION_SCHEDULER,
  PROJECTIONS,
  READ_MODEL_STORE,
  ReadModelStore,
  ProjectionScheduler,
  registerOperationalMetrics,
} from '@indaga/projections';

/**
 * One registry per app instance (tests start several apps in one process):
 * the HTTP metrics here, the stores' and projections' from
 * registerOperationalMetrics (the worker serves the same ones).
 */
@Injectable()
export class HttpMetrics implements OnApplicationShutdown {
  readonly registry = new Registry();
  private readonly requests = new Counter({
    name: 'indaga_http_requests_total',
    help: 'HTTP requests by route pattern and status',
    labelNames: ['method', 'route', 'status'] as const,
    registers: [this.registry],
  });
  private readonly duration = new Histogram({
    name: 'indaga_http_request_duration_seconds',
    help: 'HTTP request duration by route pattern and status',
    labelNames: ['method', 'route', 'status'] as const,
    buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
    registers: [this.registry],
  });
  private readonly replays = new Counter({
    name: 'indaga_idempotent_replays_total',
    help: 'Writes answered from a stored Idempotency-Key record instead of being executed again',
    labelNames: ['route'] as const,
    registers: [this.registry],
  });
  private readonly unsubscribe: () => void;

  constructor(
    @Inject(INDAGA_CONFIG) config: IndagaConfig,
    @Inject(EVENT_STORE) store: EventStore,
    @Inject(READ_MODEL_STORE) readModels: ReadModelStore,
    @Inject(PROJECTION_SCHEDULER) scheduler: ProjectionScheduler,
  ) {
    collectDefaultMetrics({ register: this.registry, prefix: 'indaga_' });
    this.unsubscribe = registerOperationalMetrics(this.registry, {
      store,
      storeKind: config.store,
      readModels,
      projections: PROJECTIONS,
      scheduler,
    });
  }

  /** Labels use the route pattern (`/v1/networks/:networkId/sessions`), never the raw URL. */
  install(fastify: FastifyInstance): void {
    fastify.addHook('onResponse', async (request, reply) => {
      const route = request.routeOptions?.url ?? 'unmatched';
      const labels = { method: request.method, route, status: String(reply.statusCode) };
      this.requests.inc(labels);
      this.duration.observe(labels, reply.elapsedTime / 1000);
      if (reply.getHeader('idempotent-replayed') === 'true') this.replays.inc({ route });
    });
  }

  onApplicationShutdown(): void {
    this.unsubscribe();
  }
}
