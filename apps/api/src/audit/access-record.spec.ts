import { accessLogPage, endpointOf, retentionCutoff, StoredAccessRecord, storedInstant } from './access-record';

const record = (id: number): StoredAccessRecord => ({
  id,
  at: '2026-12-01T10:00:00.000Z',
  tokenId: 'env-admin',
  role: 'admin',
  networkId: null,
  endpoint: 'GET /v1/events',
  correlationId: `c-${id}`,
});

describe('access log, pure parts', () => {
  it('pages rows fetched with limit + 1: next is the last id shown, null on the last page', () => {
    expect(accessLogPage([record(9), record(8), record(7)], 2)).toEqual({ records: [record(9), record(8)], next: 8 });
    expect(accessLogPage([record(9), record(8)], 2)).toEqual({ records: [record(9), record(8)], next: null });
    expect(accessLogPage([], 5)).toEqual({ records: [], next: null });
  });

  it('puts the retention cutoff whole days before now', () => {
    expect(retentionCutoff(new Date('2026-12-31T12:00:00.000Z'), 730)).toBe('2024-12-31T12:00:00.000Z');
    expect(retentionCutoff(new Date('2026-03-01T00:00:00.000Z'), 1)).toBe('2026-02-28T00:00:00.000Z');
  });

  it('names the endpoint by method and route pattern', () => {
    expect(endpointOf('get', '/v1/networks/:networkId/events')).toBe('GET /v1/networks/:networkId/events');
  });

  it.each([
    ['2026-12-01', '2026-12-01T00:00:00.000Z'],
    ['2026-12-01T10:30:00', '2026-12-01T10:30:00.000Z'],
    ['2026-12-01T10:30:00.5', '2026-12-01T10:30:00.500Z'],
    ['2026-12-01T10:30:00Z', '2026-12-01T10:30:00.000Z'],
    ['2026-12-01T10:30:00-03:00', '2026-12-01T13:30:00.000Z'],
  ])('stores %s as %s (UTC, whatever the server zone)', (given, stored) => {
    expect(storedInstant(given)).toBe(stored);
  });

  it('answers undefined for what names no instant', () => {
    expect(storedInstant('2026-02-30T25:00:00Z')).toBeUndefined();
    expect(storedInstant('mañana')).toBeUndefined();
  });
});
