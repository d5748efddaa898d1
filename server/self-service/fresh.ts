import { MfaError } from '../errors.js';
import type { Identity } from './identity.js';

/** When the sign-in behind `identity` stops being recent enough for a change; null if it never was. */
export function freshUntil(identity: Identity, freshSeconds: number): Date | null {
  if (!identity.amr.includes('mfa')) return null;
  return new Date(identity.authTime.getTime() + freshSeconds * 1000);
}

/**
 * A change to a factor needs a second factor proven moments ago: a token left in a tab, or one
 * from a password-only sign-in, must not be enough to swap the factors that protect the account.
 */
export function assertFresh(identity: Identity, freshSeconds: number, now: Date): void {
  const until = freshUntil(identity, freshSeconds);
  if (until && now.getTime() <= until.getTime()) return;
  throw new MfaError('unauthorized', 'To change how you sign in, sign in again with your second factor.', { reauthenticate: true });
}
