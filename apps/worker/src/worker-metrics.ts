import { createServer, Server } from 'node:http';
import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { collectDefaultMetrics, Registry } from 'prom-client';
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
 * A worker has no HTTP API, yet it is where catch-ups run and jobs fail: with
 * INDAGA_WORKER_METRICS_PORT it serves the same store and projection metrics
 * as the API on GET /metrics (and GET /health/live for a container
 * healthcheck), on a bare node:http server.
 */
@Injectable()
export class WorkerMetrics implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('metrics');
  private readonly registry = new Registry();
  private readonly unsubscribe: () => void;
  private server?: Server;

  constructor(
    @Inject(INDAGA_CONFIG) private readonly config: IndagaConfig,
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

  async onApplicationBootstrap(): Promise<void> {
    const port = this.config.workerMetricsPort;
    if (!port) return;
    this.server = createServer((req, res) => {
      if (req.method === 'GET' && req.url === '/metrics') {
        this.registry.metrics().then(
          (text) => res.writeHead(200, { 'content-type': this.registry.contentType }).end(text),
          (err: Error) => res.writeHead(500).end(err.message),
        );
      } else if (req.method === 'GET' && req.url === '/health/live') {
        // The API's /health/live body: the one check is the process itself.
        res
          .writeHead(200, { 'content-type': 'application/json' })
          .end('{"status":"ok","checks":{"process":{"status":"up"}}}');
      } else res.writeHead(404).end();
    });
    await new Promise<void>((resolve, reject) => {
      this.server!.once('error', reject).listen(port, this.config.host, () => resolve());
    });
    this.logger.log({ msg: 'worker metrics listening', url: `http://${this.config.host}:${port}/metrics` });
  }

  async onApplicationShutdown(): Promise<void> {
    this.unsubscribe();
    await new Promise((resolve) => (this.server ? this.server.close(resolve) : resolve(undefined)));
  }
}
