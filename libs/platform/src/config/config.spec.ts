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
    [{ INDAGA_KURRENTDB_NAMESPACE: 'a/b' }, 'INDAGA_KURRENTDB_NAMESPACE'],
    [{ INDAGA_ADMIN_TOKEN: 'short' }, 'INDAGA_ADMIN_TOKEN'],
    [{ INDAGA_QUEUE_PREFIX: 'a b' }, 'INDAGA_QUEUE_PREFIX'],
  ])('rejects %j naming %s', (env, variable) => {
    expect(() => loadConfig(env)).toThrow(ConfigError);
    expect(() => loadConfig(env)).toThrow(variable);
  });

  it('accepts a PostgreSQL store with its URL', () => {
    const config = loadConfig({
      INDAGA_STORE: 'postgres',
      DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/test',
      PORT: '0',
    });
    expect(config.store).toBe('postgres');
    expect(config.port).toBe(0);
  });
});
