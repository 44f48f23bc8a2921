/**
 * Configuration is read from the environment once, validated, and handed to
 * the rest of the app as a typed, frozen object (SPEC section 4). A bad
 * variable stops the process with a message naming it.
 */
import { loadOperationsConfig, OperationsConfig } from './operations-config';

export type StoreKind = 'sqlite' | 'postgres' | 'kurrentdb';
export type ProcessRole = 'all' | 'api' | 'worker';

export interface IndagaConfig extends OperationsConfig {
  port: number;
  store: StoreKind;
  sqlitePath: string;
  databaseUrl?: string;
  kurrentdbUrl?: string;
  /** Prefixes every stream name on KurrentDB, so several deployments (or test runs) can share one server. */
  kurrentdbNamespace?: string;
  redisUrl?: string;
  role: ProcessRole;
  adminToken?: string;
  logLevel: string;
  /** BullMQ key prefix, so several deployments (or test runs) can share one Redis. */
  queuePrefix: string;
  /**
   * SPEC 6.1: INDAGA_MASTER_KEY, 32 random bytes in base64, wrapping every data
   * key. Required on PostgreSQL and KurrentDB; on the embedded SQLite default,
   * when absent, one is generated beside the database file at first start.
   */
  masterKey?: string;
}

export const INDAGA_CONFIG = Symbol('INDAGA_CONFIG');

export class ConfigError extends Error {
  constructor(
    readonly variable: string,
    problem: string,
  ) {
    super(`invalid configuration: ${variable} ${problem}`);
    this.name = 'ConfigError';
  }
}

type Env = Record<string, string | undefined>;

function oneOf<T extends string>(env: Env, name: string, allowed: readonly T[], fallback: T): T {
  const raw = env[name]?.trim();
  if (!raw) return fallback;
  if (!(allowed as readonly string[]).includes(raw)) {
    throw new ConfigError(name, `must be one of ${allowed.join(', ')} (got "${raw}")`);
  }
  return raw as T;
}

function optionalUrl(env: Env, name: string, protocols: string[]): string | undefined {
  const raw = env[name]?.trim();
  if (!raw) return undefined;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new ConfigError(name, 'is not a valid URL');
  }
  if (!protocols.includes(url.protocol)) {
    throw new ConfigError(name, `must use ${protocols.join(' or ')} (got ${url.protocol})`);
  }
  return raw;
}

function port(env: Env): number {
  const raw = env.PORT?.trim();
  if (!raw) return 3000;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 0 || n > 65535)
    throw new ConfigError('PORT', `must be an integer 0-65535 (got "${raw}")`);
  return n;
}

function queuePrefix(env: Env): string {
  const raw = env.INDAGA_QUEUE_PREFIX?.trim() || 'indaga';
  if (!/^[A-Za-z0-9_-]{1,64}$/.test(raw))
    throw new ConfigError('INDAGA_QUEUE_PREFIX', 'must be 1-64 characters of [A-Za-z0-9_-]');
  return raw;
}

function kurrentdbNamespace(env: Env): string | undefined {
  const raw = env.INDAGA_KURRENTDB_NAMESPACE?.trim();
  if (!raw) return undefined;
  if (!/^[A-Za-z0-9_.-]{1,64}$/.test(raw))
    throw new ConfigError('INDAGA_KURRENTDB_NAMESPACE', 'must be 1-64 characters of [A-Za-z0-9_.-]');
  return raw;
}

/** Workers never open text (projections carry it sealed), so they neither need nor should hold the master key. */
function masterKey(env: Env, store: StoreKind, role: ProcessRole): string | undefined {
  const raw = env.INDAGA_MASTER_KEY?.trim();
  if (!raw) {
    if (store !== 'sqlite' && role !== 'worker')
      throw new ConfigError(
        'INDAGA_MASTER_KEY',
        `is required when INDAGA_STORE=${store} (32 random bytes in base64: openssl rand -base64 32)`,
      );
    return undefined;
  }
  if (!/^[A-Za-z0-9+/_-]+={0,2}$/.test(raw) || Buffer.from(raw, 'base64').length !== 32)
    throw new ConfigError('INDAGA_MASTER_KEY', 'must be 32 random bytes in base64 (openssl rand -base64 32)');
  return raw;
}

export function loadConfig(env: Env = process.env): IndagaConfig {
  const store = oneOf(env, 'INDAGA_STORE', ['sqlite', 'postgres', 'kurrentdb'] as const, 'sqlite');
  const databaseUrl = optionalUrl(env, 'DATABASE_URL', ['postgres:', 'postgresql:']);
  const kurrentdbUrl = optionalUrl(env, 'KURRENTDB_URL', [
    'esdb:',
    'esdb+discover:',
    'kurrentdb:',
    'kurrentdb+discover:',
    'kdb:',
    'kdb+discover:',
  ]);
  const redisUrl = optionalUrl(env, 'REDIS_URL', ['redis:', 'rediss:']);
  if (store === 'postgres' && !databaseUrl)
    throw new ConfigError('DATABASE_URL', 'is required when INDAGA_STORE=postgres');
  if (store === 'kurrentdb' && !kurrentdbUrl)
    throw new ConfigError('KURRENTDB_URL', 'is required when INDAGA_STORE=kurrentdb');
  const role = oneOf(env, 'INDAGA_ROLE', ['all', 'api', 'worker'] as const, 'all');
  if (role === 'worker' && !redisUrl) throw new ConfigError('REDIS_URL', 'is required when INDAGA_ROLE=worker');
  const adminToken = env.INDAGA_ADMIN_TOKEN?.trim() || undefined;
  if (adminToken !== undefined && adminToken.length < 16) {
    throw new ConfigError('INDAGA_ADMIN_TOKEN', 'must be at least 16 characters');
  }
  return Object.freeze({
    port: port(env),
    store,
    sqlitePath: env.INDAGA_SQLITE_PATH?.trim() || './data/indaga.db',
    databaseUrl,
    kurrentdbUrl,
    kurrentdbNamespace: kurrentdbNamespace(env),
    redisUrl,
    role,
    adminToken,
    logLevel: env.LOG_LEVEL?.trim() || 'info',
    queuePrefix: queuePrefix(env),
    masterKey: masterKey(env, store, role),
    ...loadOperationsConfig(env),
  });
}
