import { randomFillSync } from 'node:crypto';
import { ulid } from 'ulid';

const POOL_BYTES = 4096;
const pool = Buffer.allocUnsafe(POOL_BYTES);
let next = POOL_BYTES;

/**
 * Cryptographic randomness drawn from a pooled buffer: `ulid`'s default
 * generator asks the OS for one byte per character (16 calls per id), which
 * was a tenth of the write path's CPU under load.
 */
export function pooledRandom(): number {
  if (next === POOL_BYTES) {
    randomFillSync(pool);
    next = 0;
  }
  // A byte in [0, 256) / 256: ulid takes floor(x * 32), i.e. the byte's top 5 bits, uniformly.
  return pool[next++] / 256;
}

/** Server-generated ids (SPEC 1: a ULID when the client does not send one). */
export const newId = (): string => ulid(undefined, pooledRandom);
