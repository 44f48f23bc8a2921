import { decodeTime, isValid } from 'ulid';
import { newId, pooledRandom } from './new-id';

describe('newId', () => {
  it('gives valid, distinct ULIDs stamped with the current time', () => {
    const before = Date.now();
    const ids = Array.from({ length: 10_000 }, newId);
    expect(ids.every((id) => isValid(id))).toBe(true);
    expect(new Set(ids).size).toBe(ids.length);
    expect(decodeTime(ids[0])).toBeGreaterThanOrEqual(before);
    expect(decodeTime(ids[0])).toBeLessThanOrEqual(Date.now());
  });

  it('draws every ULID character about equally often (the pool is not reused)', () => {
    const counts = new Array<number>(32).fill(0);
    for (let i = 0; i < 64_000; i++) counts[Math.floor(pooledRandom() * 32)]++;
    // 2,000 expected per character; 6 standard deviations is about ±270.
    expect(Math.min(...counts)).toBeGreaterThan(1_700);
    expect(Math.max(...counts)).toBeLessThan(2_300);
    expect(new Set(Array.from({ length: 5_000 }, pooledRandom)).size).toBe(256);
  });
});
