import { conflictBackoffMs } from './conflict-backoff';

describe('conflictBackoffMs', () => {
  it('retries the first conflict at once, then waits a random share of a growing, capped window', () => {
    expect(conflictBackoffMs(0, () => 0.99)).toBe(0);
    expect(conflictBackoffMs(1, () => 0.99)).toBe(0);
    expect(conflictBackoffMs(2, () => 0.99)).toBe(7);
    expect(conflictBackoffMs(4, () => 0.5)).toBe(16);
    expect(conflictBackoffMs(19, () => 0.999)).toBe(99);
    expect(conflictBackoffMs(5, () => 0)).toBe(0);
  });
});
