import { randomInt, timingSafeEqual, createHash } from 'node:crypto';
import { randomBytesFromPool } from './random.js';

/** A numeric one-time code from the CSPRNG, leading zeros kept. */
export function numericCode(length: number): string {
  let code = '';
  for (let i = 0; i < length; i++) code += String(randomInt(10));
  return code;
}

/** Crockford-like alphabet without 0/O, 1/I/L, U: nothing to misread when typed from paper. */
const BACKUP_ALPHABET = 'abcdefghjkmnpqrstvwxyz23456789';

/** `xxxxx-xxxxx`, ten characters from an unambiguous alphabet. */
export function backupCode(): string {
  let s = '';
  for (let i = 0; i < 10; i++) s += BACKUP_ALPHABET[randomInt(BACKUP_ALPHABET.length)];
  return `${s.slice(0, 5)}-${s.slice(5)}`;
}

/** What a user typed, reduced to the stored form (case, spaces and dashes do not matter). */
export function normaliseBackupCode(input: string): string {
  const s = input.toLowerCase().replace(/[\s-]/g, '');
  return s.length === 10 ? `${s.slice(0, 5)}-${s.slice(5)}` : s;
}

export function constantTimeEqual(a: string, b: string): boolean {
  const x = createHash('sha256').update(a).digest();
  const y = createHash('sha256').update(b).digest();
  return timingSafeEqual(x, y) && a.length === b.length;
}

/**
 * `at` in ms, base 36, fixed width (9 characters until the year 5188): ids that lead with it sort
 * as they were made, so a batch of new rows lands at the end of their index instead of on a random
 * page of it each.
 */
export const timeFirst = (at: Date): string => at.getTime().toString(36).padStart(9, '0');

/** An opaque handle with 256 random bits. */
export function randomHandle(): string {
  return randomBytesFromPool(32).toString('base64url');
}

export function sha256(value: string): string {
  return createHash('sha256').update(value).digest('base64url');
}
