import { z } from 'zod';
import { MfaError, rateLimited } from '../errors.js';
import { countAttempt, attemptsOf } from '../flow/engine.js';
import type { Method } from './types.js';

export const normaliseUsername = (u: string) => u.trim().normalize('NFKC').toLowerCase();

const body = z.object({
  username: z.string().trim().min(1).max(256),
  password: z.string().min(1).max(1024),
});

/**
 * Identifies the user. An unknown username and a wrong password take the same time and get
 * the same answer, and count against the same per-username limit.
 */
export const password: Method = {
  name: 'password',
  amr: ['pwd'],
  needsUser: false,
  async option() {
    return { method: 'password' };
  },
  actions: {
    verify: {
      body,
      async run(ctx, { username, password: secret }: z.infer<typeof body>) {
        const { store, passwords, config } = ctx.services;
        const limits = config.password;
        if (attemptsOf(ctx.flow, 'password') >= limits.maxAttempts) throw new MfaError('too_many_attempts', 'Too many wrong passwords. Please start again.');
        const name = normaliseUsername(username);
        const counterKey = `password:${name}`;
        const counter = await store.peek(counterKey, limits.windowSeconds, ctx.now);
        if (counter.count >= limits.perUsernameLimit) throw rateLimited((counter.resetAt.getTime() - ctx.now.getTime()) / 1000);

        const user = await store.findUserByUsername(name);
        const ok = await passwords.verify(user?.passwordHash ?? null, secret);
        const sameUser = ctx.flow.userId === null || ctx.flow.userId === user?.id;
        if (user && ok && sameUser) return { satisfied: true, userId: user.id };

        await store.hit(counterKey, limits.windowSeconds, ctx.now);
        const left = countAttempt(ctx.flow, 'password', limits.maxAttempts);
        if (left === 0) throw new MfaError('too_many_attempts', 'Too many wrong passwords. Please start again.');
        throw new MfaError('invalid_credentials', undefined, { attemptsRemaining: left });
      },
    },
  },
};
