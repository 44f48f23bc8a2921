import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { IndagaConfig } from '@indaga/platform';

/** Response headers a browser script may read: versions, retry advice, correlation and replays. */
export const EXPOSED_HEADERS = ['ETag', 'Retry-After', 'X-Correlation-Id', 'Idempotent-Replayed'];
/** Request headers a browser script may send beyond the CORS-safelisted ones. */
export const ALLOWED_HEADERS = ['Authorization', 'Content-Type', 'Idempotency-Key', 'If-Match', 'X-Correlation-Id'];

/**
 * CORS for browser notebooks and dashboards on other origins
 * (INDAGA_CORS_ORIGINS): off unless origins are listed, and then only those.
 * Tokens travel in the Authorization header, never in cookies, so
 * credentials mode is not needed.
 */
export function enableCors(app: NestFastifyApplication, config: IndagaConfig): void {
  if (config.corsOrigins.length === 0) return;
  app.enableCors({
    origin: config.corsOrigins,
    methods: ['GET', 'POST', 'PUT', 'DELETE'],
    allowedHeaders: ALLOWED_HEADERS,
    exposedHeaders: EXPOSED_HEADERS,
    maxAge: 600,
  });
}
