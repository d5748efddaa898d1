import { z } from 'zod';
import { refund, spend, type Limit } from '../auth/regulator.js';
import { MfaError } from '../errors.js';
import { assertAttemptsLeft, failAttempt, hasAttemptsLeft } from '../flow/engine.js';
import type { Method, MethodContext } from './types.js';

export const normaliseUsername = (u: string) => u.trim().normalize('NFKC').toLowerCase();

const body = z.object({
  username: z.string().trim().min(1).max(256),
  password: z.string().min(1).max(1024),
});

const exhausted = () => new MfaError('too_many_attempts', 'Too many wrong passwords. Please start again.');
const wrong = (attemptsRemaining: number) => new MfaError('invalid_credentials', undefined, { attemptsRemaining });

const usernameLimit = (ctx: MethodContext, username: string): Limit => ({
  key: `password:${username}`,
  windowSeconds: ctx.services.config.password.windowSeconds,
  max: ctx.services.config.password.perUsernameLimit,
});

/**
 * Identifies the user. An unknown username and a wrong password take the same time and get
 * the same answer, and count against the same per-username limit.
 */
export const password: Method = {
  name: 'password',
  amr: ['pwd'],
  needsUser: false,
  async option(ctx) {
    return hasAttemptsLeft(ctx.flow, 'password', ctx.services.config.password.maxAttempts) ? { method: 'password' } : null;
  },
  actions: {
    verify: {
      body,
      async run(ctx, { username, password: secret }: z.infer<typeof body>) {
        const { store, passwords, config } = ctx.services;
        assertAttemptsLeft(ctx.flow, 'password', config.password.maxAttempts, exhausted);
        const name = normaliseUsername(username);
        const limit = usernameLimit(ctx, name);
        await spend(store, limit, ctx.now);

        const user = await store.findUserByUsername(name);
        const ok = await passwords.verify(user?.passwordHash ?? null, secret);
        const sameUser = ctx.flow.userId === null || ctx.flow.userId === user?.id;
        if (user && ok && sameUser) {
          await refund(store, limit, ctx.now);
          return { satisfied: true, user };
        }
        failAttempt(ctx.flow, 'password', config.password.maxAttempts, wrong, exhausted);
      },
    },
  },
};
