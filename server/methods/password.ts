import { passwordBody, type PasswordBody } from '../../contract/password.js';
import { keepsItsToken } from '../auth/device-tokens.js';
import { admitPasswordAttempt } from '../auth/password-limits.js';
import { MfaError, WrongAnswer } from '../errors.js';
import type { Method } from './types.js';

export const normaliseUsername = (u: string) => u.trim().normalize('NFKC').toLowerCase();

const exhausted = () => new MfaError('too_many_attempts', 'Too many wrong passwords. Please start again.');
const wrong = (attemptsRemaining: number) => new MfaError('invalid_credentials', undefined, { attemptsRemaining });

/**
 * Identifies the user. An unknown username and a wrong password take the same time and get
 * the same answer, and count against the same limits (server/auth/password-limits.ts).
 */
export const password: Method = {
  name: 'password',
  amr: ['pwd'],
  needsUser: false,
  attempts: { max: (ctx) => ctx.services.config.password.maxAttempts, wrong, exhausted },
  option: async () => ({ method: 'password' }),
  actions: {
    verify: {
      body: passwordBody,
      async run(ctx, { username, password: secret, deviceToken }: PasswordBody) {
        const { store, passwords } = ctx.services;
        const name = normaliseUsername(username);
        const user = await store.findUserByUsername(name);
        const device = await ctx.services.deviceTokens.trusted(deviceToken, user?.id, ctx.now);
        const attempt = await admitPasswordAttempt(ctx, name, device?.id ?? null);
        if (attempt.waitedMs > 0)
          ctx.services.audit.record({
            type: 'slowdown',
            clientId: ctx.flow.clientId,
            userId: user?.id ?? null,
            address: ctx.ip,
            details: { method: 'password', delayMs: attempt.waitedMs },
          });

        const ok = await passwords.verify(user?.passwordHash ?? null, secret);
        const sameUser = ctx.flow.userId === null || ctx.flow.userId === user?.id;
        // A disabled user is answered exactly as a wrong password: the same time, the same count.
        if (user && ok && sameUser && !user.disabled) {
          await attempt.succeeded();
          if (device && keepsItsToken(device, ctx.services.config, ctx.now)) ctx.flow.data.deviceTokenHeld = true;
          return { satisfied: true, user };
        }
        throw new WrongAnswer();
      },
    },
  },
};
