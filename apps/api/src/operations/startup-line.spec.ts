import { loadConfig } from '@indaga/platform';
import { publicUrl, startupLine } from './startup-line';

describe('start-up line', () => {
  it('names where the API listens, the store, the role, /docs and how to use a generated admin token', () => {
    const line = startupLine(loadConfig({}), { url: 'http://localhost:3000', generatedAdminToken: true });
    expect(line).toMatchObject({
      url: 'http://localhost:3000',
      bind: '0.0.0.0',
      store: 'sqlite',
      role: 'all',
      docs: 'http://localhost:3000/docs',
      projections: 'in this process (no REDIS_URL)',
    });
    expect(line.adminToken).toMatch(/printed above.*Authorization: Bearer/);
    expect(line.msg).toContain('http://localhost:3000/docs');
  });

  it('says clearly that INDAGA_ROLE=api without REDIS_URL builds projections in process', () => {
    const line = startupLine(loadConfig({ INDAGA_ROLE: 'api' }), { url: 'http://x:1', generatedAdminToken: false });
    expect(line.projections).toMatch(/^in this process: INDAGA_ROLE=api without REDIS_URL/);
    const withRedis = startupLine(loadConfig({ INDAGA_ROLE: 'api', REDIS_URL: 'redis://r:6379' }), {
      url: 'http://x:1',
      generatedAdminToken: false,
    });
    expect(withRedis.projections).toMatch(/^by workers/);
  });

  it('shows every-interface binds as localhost and brackets IPv6', () => {
    expect(publicUrl('0.0.0.0', 3000)).toBe('http://localhost:3000');
    expect(publicUrl('::1', 3000)).toBe('http://[::1]:3000');
    expect(publicUrl('10.0.0.5', 80)).toBe('http://10.0.0.5:80');
  });
});
