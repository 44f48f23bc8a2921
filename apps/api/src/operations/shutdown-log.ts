import { BeforeApplicationShutdown, Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';

/** The shutdown lines (the start-up one is written by main.ts once the server listens). */
@Injectable()
export class ShutdownLog implements BeforeApplicationShutdown, OnApplicationShutdown {
  private readonly logger = new Logger('indaga');
  private started = 0;

  beforeApplicationShutdown(signal?: string): void {
    this.started = Date.now();
    this.logger.log({ msg: 'indaga api shutting down: requests in flight finish, projections stop', signal });
  }

  onApplicationShutdown(signal?: string): void {
    this.logger.log({ msg: 'indaga api stopped', signal, ms: this.started ? Date.now() - this.started : undefined });
  }
}
