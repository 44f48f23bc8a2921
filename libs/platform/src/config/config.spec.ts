import { ConfigError, loadConfig } from './config';

describe('loadConfig', () => {
  it('defaults to the embedded SQLite store on port 3000 with nothing set', () => {
    expect(loadConfig({})).toEqual({
      port: 3000,
      store: 'sqlite',
      sqlitePath: './data/indaga.db',
      databaseUrl: undefined,
      kurrentdbUrl: undefined,
      kurrentdbNamespace: undefined,
      redisUrl: undefined,
      role: 'all',
      adminToken: undefined,
      logLevel: 'info',
      queuePrefix: 'indaga',
      host: '0.0.0.0',
      trustProxy: false,
      rateLimit: { perToken: 1200, perIp: 300, windowSeconds: 60 },
      corsOrigins: [],
      queueBoard: 'readonly',
      workerMetricsPort: 0,
      auditRetentionDays: 730,
    });
  });

  it.each([
    [{ INDAGA_STORE: 'mongo' }, 'INDAGA_STORE'],
    [{ PORT: 'eighty' }, 'PORT'],
    [{ INDAGA_STORE: 'postgres' }, 'DATABASE_URL'],
    [{ DATABASE_URL: 'mysql://x' }, 'DATABASE_URL'],
    [{ REDIS_URL: 'not a url' }, 'REDIS_URL'],
    [{ INDAGA_ROLE: 'worker' }, 'REDIS_URL'],
    [{ INDAGA_STORE: 'kurrentdb' }, 'KURRENTDB_URL'],
    [{ INDAGA_STORE: 'postgres', DATABASE_URL: 'postgres://h/db' }, 'INDAGA_MASTER_KEY'],
    [{ INDAGA_STORE: 'kurrentdb', KURRENTDB_URL: 'kurrentdb://h:2113' }, 'INDAGA_MASTER_KEY'],
    [{ INDAGA_MASTER_KEY: 'c2hvcnQ=' }, 'INDAGA_MASTER_KEY'],
    [{ INDAGA_KURRENTDB_NAMESPACE: 'a/b' }, 'INDAGA_KURRENTDB_NAMESPACE'],
    [{ INDAGA_ADMIN_TOKEN: 'short' }, 'INDAGA_ADMIN_TOKEN'],
    [{ INDAGA_QUEUE_PREFIX: 'a b' }, 'INDAGA_QUEUE_PREFIX'],
    [{ INDAGA_RATE_LIMIT_PER_TOKEN: '-1' }, 'INDAGA_RATE_LIMIT_PER_TOKEN'],
    [{ INDAGA_RATE_LIMIT_PER_IP: 'many' }, 'INDAGA_RATE_LIMIT_PER_IP'],
    [{ INDAGA_RATE_LIMIT_WINDOW_SECONDS: '0' }, 'INDAGA_RATE_LIMIT_WINDOW_SECONDS'],
    [{ INDAGA_TRUST_PROXY: 'everyone' }, 'INDAGA_TRUST_PROXY'],
    [{ INDAGA_CORS_ORIGINS: 'https://a.cl/path' }, 'INDAGA_CORS_ORIGINS'],
    [{ INDAGA_CORS_ORIGINS: 'not an origin' }, 'INDAGA_CORS_ORIGINS'],
    [{ INDAGA_QUEUE_BOARD: 'yes' }, 'INDAGA_QUEUE_BOARD'],
    [{ INDAGA_AUDIT_RETENTION_DAYS: '0' }, 'INDAGA_AUDIT_RETENTION_DAYS'],
    [{ INDAGA_AUDIT_RETENTION_DAYS: '1.5' }, 'INDAGA_AUDIT_RETENTION_DAYS'],
    [{ INDAGA_AUDIT_RETENTION_DAYS: 'two years' }, 'INDAGA_AUDIT_RETENTION_DAYS'],
    [{ INDAGA_AUDIT_RETENTION_DAYS: '36501' }, 'INDAGA_AUDIT_RETENTION_DAYS'],
  ])('rejects %j naming %s', (env, variable) => {
    expect(() => loadConfig(env)).toThrow(ConfigError);
    expect(() => loadConfig(env)).toThrow(variable);
  });

  it('accepts a PostgreSQL store with its URL', () => {
    const config = loadConfig({
      INDAGA_STORE: 'postgres',
      DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/test',
      PORT: '0',
      INDAGA_MASTER_KEY: Buffer.alloc(32, 7).toString('base64'),
    });
    expect(config.store).toBe('postgres');
    expect(config.port).toBe(0);
  });

  it('reads the access-log retention in whole days', () => {
    expect(loadConfig({ INDAGA_AUDIT_RETENTION_DAYS: ' 30 ' }).auditRetentionDays).toBe(30);
    expect(loadConfig({ INDAGA_AUDIT_RETENTION_DAYS: '' }).auditRetentionDays).toBe(730);
  });

  it('does not ask a worker for the master key (it never opens text)', () => {
    const env = { INDAGA_STORE: 'postgres', DATABASE_URL: 'postgres://h/db', INDAGA_ROLE: 'worker' };
    expect(loadConfig({ ...env, REDIS_URL: 'redis://h:6379' }).masterKey).toBeUndefined();
  });
});
