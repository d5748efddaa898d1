import { backupCodeBody, type BackupCodeBody } from '../../contract/backup-code.js';
import { hashBackupCode } from '../auth/backup-codes.js';
import { refund, spend, type Limit } from '../auth/regulator.js';
import { invalidCode, MfaError, WrongAnswer } from '../errors.js';
import { readOnce } from './reads.js';
import { identifiedUser, type Method, type MethodContext } from './types.js';

/** Wrong backup codes allowed per flow. */
const MAX_ATTEMPTS = 5;
const LOW = 2;

/**
 * Wrong codes per user across flows: an operator may import short codes, and without this a known
 * password buys endless flows of guesses at them.
 */
const userLimit = (userId: string): Limit => ({
  key: `backup_code:user:${userId}`,
  windowSeconds: 900,
  max: MAX_ATTEMPTS * 4,
  message: 'Too many wrong backup codes for this account. Try again later or use another method.',
});

const exhausted = () => new MfaError('too_many_attempts', 'Too many wrong codes. Please start again.');

/** One-time recovery codes, shown once at enrolment and stored only as keyed hashes. */
export const backupCode: Method = {
  name: 'backup_code',
  amr: ['otp'],
  needsUser: true,
  attempts: { max: () => MAX_ATTEMPTS, wrong: invalidCode, exhausted },
  async option(ctx) {
    const user = identifiedUser(ctx);
    const remaining = await readOnce(ctx, `backup-codes:${user.id}`, () => ctx.services.store.countBackupCodes(user.id));
    if (remaining === 0) return null;
    return { method: 'backup_code', remaining, ...(remaining <= LOW ? { low: true } : {}) };
  },
  actions: {
    verify: {
      body: backupCodeBody,
      async run(ctx: MethodContext, { code }: BackupCodeBody) {
        const user = identifiedUser(ctx);
        const { store, keyring } = ctx.services;
        const limit = userLimit(user.id);
        // Counted before the code is checked, so parallel guesses cannot slip under the limit.
        await spend(store, limit, ctx.now);
        const hash = hashBackupCode(keyring, user.id, code);
        // Marking it used is the check itself, so two parallel uses cannot both pass.
        if (!(await store.consumeBackupCode(user.id, hash, ctx.now))) throw new WrongAnswer();
        await refund(store, limit, ctx.now);
        const remaining = await store.countBackupCodes(user.id);
        return {
          satisfied: true,
          extra: { backupCodesRemaining: remaining, ...(remaining <= LOW ? { backupCodesLow: true } : {}) },
          // The sign-in did not go through (its flow changed elsewhere): the code is not spent.
          undo: () => store.releaseBackupCode(user.id, hash, ctx.now),
        };
      },
    },
  },
};
