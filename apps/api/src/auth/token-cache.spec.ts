import { TOKEN_CACHE_TTL_MS, TokenCache } from './token-cache';
import type { TokenRecord } from './token-store';

const record = (id: string, over: Partial<TokenRecord> = {}): TokenRecord => ({
  id,
  secretHash: 'ab'.repeat(32),
  role: 'network',
  networkId: 'red-1',
  label: null,
  createdAt: '2026-11-26T00:00:00.000Z',
  revokedAt: null,
  ...over,
});

describe('TokenCache', () => {
  let now = 0;
  const cache = () => new TokenCache(() => now);
  beforeEach(() => (now = 1_000_000));

  it('answers a remembered live token until the TTL, then asks again', () => {
    const c = cache();
    c.remember(record('a'));
    expect(c.get('a')?.id).toBe('a');
    now += TOKEN_CACHE_TTL_MS - 1;
    expect(c.get('a')?.id).toBe('a');
    now += 1;
    expect(c.get('a')).toBeUndefined();
  });

  it('never keeps a revoked row', () => {
    const c = cache();
    c.remember(record('a', { revokedAt: '2026-11-26T01:00:00.000Z' }));
    expect(c.get('a')).toBeUndefined();
  });

  it('after a local revocation, does not remember a row read before it for the TTL', () => {
    const c = cache();
    c.remember(record('a'));
    c.forget('a');
    expect(c.get('a')).toBeUndefined();
    c.remember(record('a')); // a request that read the row just before the revocation committed
    expect(c.get('a')).toBeUndefined();
    now += TOKEN_CACHE_TTL_MS;
    c.remember(record('a')); // a row read after the TTL is trusted again (a revoked row never is)
    expect(c.get('a')?.id).toBe('a');
  });
});
