import { randomBytes, randomFillSync } from 'node:crypto';

/**
 * Bytes from the CSPRNG, drawn a block at a time. Each of Node's draws makes a job object (an
 * async resource, seen by every async hook), ~10 µs on the event loop whatever its size; a login
 * step wants several small ones (an IV, a handle, a token). A block serves ~100 of them.
 */
const BLOCK = 4096;
const pool = Buffer.alloc(BLOCK);
let next = BLOCK;

export function randomBytesFromPool(length: number): Buffer {
  if (length > BLOCK / 4) return randomBytes(length);
  if (next + length > BLOCK) {
    randomFillSync(pool);
    next = 0;
  }
  const bytes = Buffer.from(pool.subarray(next, next + length));
  // Handed out once: the pool keeps no copy of bytes a key or a handle was made from.
  pool.fill(0, next, next + length);
  next += length;
  return bytes;
}
