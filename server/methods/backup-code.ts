import { z } from 'zod';
import { hashBackupCode } from '../auth/backup-codes.js';
import { invalidCode, MfaError } from '../errors.js';
import { assertAttemptsLeft, failAttempt, hasAttemptsLeft } from '../flow/engine.js';
import { identifiedUser, type Method } from './types.js';

/** Wrong backup codes allowed per flow: the codes have ~49 bits, this keeps guessing hopeless. */
const MAX_ATTEMPTS = 5;
const LOW = 2;

const exhausted = () => new MfaError('too_many_attempts', 'Too many wrong codes. Please start again.');

const body = z.object({ code: z.string().trim().min(1).max(64) });

/** One-time recovery codes, shown once at enrolment and stored only as keyed hashes. */
export const backupCode: Method = {
  name: 'backup_code',
  amr: ['otp'],
  needsUser: true,
  async option(ctx) {
    if (!hasAttemptsLeft(ctx.flow, 'backup_code', MAX_ATTEMPTS)) return null;
    const remaining = await ctx.services.store.countBackupCodes(identifiedUser(ctx).id);
    if (remaining === 0) return null;
    return { method: 'backup_code', remaining, ...(remaining <= LOW ? { low: true } : {}) };
  },
  actions: {
    verify: {
      body,
      async run(ctx, { code }: z.infer<typeof body>) {
        const user = identifiedUser(ctx);
        assertAttemptsLeft(ctx.flow, 'backup_code', MAX_ATTEMPTS, exhausted);
        const { store, keyring } = ctx.services;
        // Marking it used is the check itself, so two parallel uses cannot both pass.
        if (await store.consumeBackupCode(user.id, hashBackupCode(keyring, user.id, code), ctx.now)) {
          return { satisfied: true, extra: { backupCodesRemaining: await store.countBackupCodes(user.id) } };
        }
        failAttempt(ctx.flow, 'backup_code', MAX_ATTEMPTS, invalidCode, exhausted);
      },
    },
  },
};
