import { TOKEN_CACHE_TTL_MS, TokenCache } from './token-cache';
import type { TokenRecord } from './token-store';

const row: TokenRecord = {
  id: 'tok-1',
  secretHash: 'h',
  role: 'network',
  networkId: 'n-1',
  label: null,
  createdAt: '2026-11-30T00:00:00.000Z',
  revokedAt: null,
};

describe('TokenCache', () => {
  let now = 0;
  const cache = () => new TokenCache(() => now);

  it('keeps nothing while the revocation channel is down', () => {
    const c = cache();
    c.put(row.id, row, c.begin());
    expect(c.get(row.id)).toBeUndefined();
    c.setLive(true);
    c.put(row.id, row, c.begin());
    expect(c.get(row.id)).toBe(row);
    c.setLive(false);
    expect(c.get(row.id)).toBeUndefined();
    c.setLive(true);
    expect(c.get(row.id)).toBeUndefined(); // cleared: revocations may have been missed meanwhile
  });

  it('expires rows after the TTL', () => {
    const c = cache();
    c.setLive(true);
    c.put(row.id, row, c.begin());
    now += TOKEN_CACHE_TTL_MS - 1;
    expect(c.get(row.id)).toBe(row);
    now += 1;
    expect(c.get(row.id)).toBeUndefined();
  });

  it('drops a row read before an invalidation that arrived during the read', () => {
    const c = cache();
    c.setLive(true);
    const epoch = c.begin(); // the read starts
    c.invalidate(row.id); // the revocation is heard while the row is on its way
    c.put(row.id, row, epoch); // the row read before it
    expect(c.get(row.id)).toBeUndefined();
    c.put(row.id, row, c.begin());
    expect(c.get(row.id)).toBe(row);
    c.invalidate(row.id);
    expect(c.get(row.id)).toBeUndefined();
  });
});
