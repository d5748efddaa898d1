import type { MethodContext } from './types.js';

/**
 * Inside a login a factor can be set up only on first use: while the user has no backup codes,
 * which every finished enrolment hands out. After that, a password alone must not be enough to
 * add an authenticator or a phone; the user adds them in settings after a sign-in with both.
 */
export async function isFirstUse(ctx: MethodContext, userId: string): Promise<boolean> {
  return (await ctx.services.store.countBackupCodes(userId)) === 0;
}
