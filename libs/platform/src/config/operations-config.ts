/**
 * The operator-facing part of the configuration (binding, proxies, rate
 * limits, CORS, queue board), kept apart from the stores' so that both grow
 * without stepping on each other. Read and validated once, like the rest.
 */
import { ConfigError } from './config';

export interface RateLimitConfig {
  /** Requests per window for one authenticated token; 0 turns the per-token limit off. */
  perToken: number;
  /** Requests per window from one IP address before (or without) a valid token; 0 turns it off. */
  perIp: number;
  windowSeconds: number;
}

export interface OperationsConfig {
  /** Interface the HTTP server binds. */
  host: string;
  /** Fastify's trustProxy: false, true, a hop count, or a comma list of addresses/CIDRs. */
  trustProxy: boolean | number | string;
  rateLimit: RateLimitConfig;
  /** Origins allowed by CORS; empty means CORS is off (no Access-Control-* headers). */
  corsOrigins: string[];
  /** Whether the queue board at /admin/queues may retry, clean or remove jobs. */
  queueBoard: 'readonly' | 'readwrite';
  /** Port where a worker process serves /metrics (and answers /health/live); 0: none. */
  workerMetricsPort: number;
  /** Days an access-log record is kept (SPEC 6.3) before housekeeping deletes it. */
  auditRetentionDays: number;
}

type Env = Record<string, string | undefined>;

function count(env: Env, name: string, fallback: number, min = 0): number {
  const raw = env[name]?.trim();
  if (!raw) return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < min || n > 1_000_000_000)
    throw new ConfigError(name, `must be an integer ${min}-1000000000 (got "${raw}")`);
  return n;
}

function trustProxy(env: Env): boolean | number | string {
  const raw = env.INDAGA_TRUST_PROXY?.trim();
  if (!raw || raw === 'false') return false;
  if (raw === 'true') return true;
  if (/^\d+$/.test(raw)) return Number(raw);
  if (!/^[0-9A-Fa-f.:/, ]+$/.test(raw))
    throw new ConfigError('INDAGA_TRUST_PROXY', 'must be true, false, a hop count or a comma list of addresses/CIDRs');
  return raw;
}

function corsOrigins(env: Env): string[] {
  const raw = env.INDAGA_CORS_ORIGINS?.trim();
  if (!raw) return [];
  const origins = raw
    .split(',')
    .map((o) => o.trim())
    .filter(Boolean);
  for (const origin of origins) {
    let url: URL;
    try {
      url = new URL(origin);
    } catch {
      throw new ConfigError(
        'INDAGA_CORS_ORIGINS',
        `holds "${origin}", which is not an origin like https://host[:port]`,
      );
    }
    if (url.origin !== origin)
      throw new ConfigError('INDAGA_CORS_ORIGINS', `holds "${origin}"; write the bare origin "${url.origin}"`);
  }
  return origins;
}

/**
 * SPEC 6.3: 730 days by default. Zero is refused rather than guessed at (it
 * could mean "keep nothing", which would defeat the log, or "keep forever");
 * at most 100 years.
 */
function auditRetentionDays(env: Env): number {
  const raw = env.INDAGA_AUDIT_RETENTION_DAYS?.trim();
  if (!raw) return 730;
  const n = Number(raw);
  if (!/^\d+$/.test(raw) || n < 1 || n > 36_500)
    throw new ConfigError('INDAGA_AUDIT_RETENTION_DAYS', `must be a whole number of days 1-36500 (got "${raw}")`);
  return n;
}

export function loadOperationsConfig(env: Env): OperationsConfig {
  const board = env.INDAGA_QUEUE_BOARD?.trim() || 'readonly';
  if (board !== 'readonly' && board !== 'readwrite')
    throw new ConfigError('INDAGA_QUEUE_BOARD', `must be readonly or readwrite (got "${board}")`);
  return {
    host: env.HOST?.trim() || '0.0.0.0',
    trustProxy: trustProxy(env),
    rateLimit: {
      perToken: count(env, 'INDAGA_RATE_LIMIT_PER_TOKEN', 1200),
      perIp: count(env, 'INDAGA_RATE_LIMIT_PER_IP', 300),
      windowSeconds: count(env, 'INDAGA_RATE_LIMIT_WINDOW_SECONDS', 60, 1),
    },
    corsOrigins: corsOrigins(env),
    queueBoard: board,
    workerMetricsPort: count(env, 'INDAGA_WORKER_METRICS_PORT', 0),
    auditRetentionDays: auditRetentionDays(env),
  };
}
