import type { IndagaConfig } from '@indaga/platform';

export interface StartupFacts {
  /** Base URL a person on this machine can open. */
  url: string;
  /** This start generated the bootstrap admin token (printed just above). */
  generatedAdminToken: boolean;
}

/** Where the API listens, shown as a URL a person can open (0.0.0.0 and :: mean every interface). */
export function publicUrl(host: string, port: number): string {
  const shown = host === '0.0.0.0' || host === '::' ? 'localhost' : host.includes(':') ? `[${host}]` : host;
  return `http://${shown}:${port}`;
}

/**
 * The one structured line an operator reads at start-up: where the API is,
 * on which store, in which role, where projections are built, where the docs
 * are, and how to use the admin token.
 */
export function startupLine(config: IndagaConfig, facts: StartupFacts): Record<string, unknown> {
  const projections = !config.redisUrl
    ? config.role === 'api'
      ? 'in this process: INDAGA_ROLE=api without REDIS_URL has no queue to hand them to workers'
      : 'in this process (no REDIS_URL)'
    : config.role === 'api'
      ? 'by workers (npm run start:worker), through Redis'
      : 'in this process and by any workers, through Redis';
  const adminToken = config.adminToken
    ? 'INDAGA_ADMIN_TOKEN (send it as Authorization: Bearer <token>)'
    : facts.generatedAdminToken
      ? 'generated and printed above, this once: send it as Authorization: Bearer <token>, and POST /v1/tokens to issue analyst and network tokens'
      : 'generated at first start (printed then); set INDAGA_ADMIN_TOKEN to choose your own';
  return {
    msg: `indaga api listening on ${facts.url} (docs: ${facts.url}/docs)`,
    url: facts.url,
    bind: config.host,
    store: config.store,
    role: config.role,
    projections,
    docs: `${facts.url}/docs`,
    adminToken,
    rateLimits: config.rateLimit,
    cors: config.corsOrigins.length ? config.corsOrigins : 'off',
  };
}
