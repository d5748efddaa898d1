import { z } from 'zod';
import { backupCodesOnFirstFactor } from '../auth/backup-codes.js';
import { invalidCode, MfaError, rateLimited } from '../errors.js';
import { attemptsOf, countAttempt } from '../flow/engine.js';
import { checkTotp, enrollmentFor, newTotpSecret, type TotpParams } from './totp-core.js';
import { identifiedUser, type Method, type MethodContext } from './types.js';

const codeBody = z.object({ code: z.string().trim().min(1).max(16) });

const enrollmentContext = (ctx: MethodContext) => `totp-enrollment:${ctx.flow.id}`;
/** Seals a user's confirmed TOTP seed; self-service re-enrolment seals with it too. */
export const seedContext = (userId: string) => `totp-seed:${userId}`;

function assertAttemptsLeft(ctx: MethodContext) {
  if (attemptsOf(ctx.flow, 'totp') >= ctx.services.config.totp.maxAttempts) throw new MfaError('too_many_attempts', 'Too many wrong codes. Use another method or start again.');
}

/**
 * Wrong codes per user across flows, per window: without it a known password buys endless flows
 * of guesses (RFC 6238 §5.2 asks for throttling per account).
 */
const USER_WINDOW_SECONDS = 900;
const userCounter = (userId: string) => `totp:user:${userId}`;
const userLimit = (ctx: MethodContext) => ctx.services.config.totp.maxAttempts * 4;

async function assertUserNotThrottled(ctx: MethodContext, userId: string) {
  const counter = await ctx.services.store.peek(userCounter(userId), USER_WINDOW_SECONDS, ctx.now);
  if (counter.count >= userLimit(ctx)) {
    throw rateLimited((counter.resetAt.getTime() - ctx.now.getTime()) / 1000, 'Too many wrong codes for this account. Try again later or use another method.');
  }
}

async function wrongCode(ctx: MethodContext, userId: string): Promise<never> {
  await ctx.services.store.hit(userCounter(userId), USER_WINDOW_SECONDS, ctx.now);
  const left = countAttempt(ctx.flow, 'totp', ctx.services.config.totp.maxAttempts);
  if (left === 0) throw new MfaError('too_many_attempts', 'Too many wrong codes. Use another method or start again.');
  throw invalidCode(left);
}

async function showEnrollment(ctx: MethodContext, sealedSecret: string) {
  const { config, keyring } = ctx.services;
  const secret = keyring.open(sealedSecret, enrollmentContext(ctx));
  return enrollmentFor(secret, config.totp.issuer ?? config.appName, identifiedUser(ctx).username, config.totp);
}

/** Time-based codes from an authenticator app (RFC 6238), enrolled with a QR code on first use. */
export const totp: Method = {
  name: 'totp',
  amr: ['otp'],
  needsUser: true,
  async option(ctx) {
    const user = identifiedUser(ctx);
    const enrolled = (await ctx.services.store.getTotp(user.id)) !== null;
    const max = ctx.services.config.totp.maxAttempts;
    return {
      method: 'totp',
      enrolled,
      canEnroll: !enrolled && ctx.client.allowTotpEnrollment,
      attemptsRemaining: Math.max(0, max - attemptsOf(ctx.flow, 'totp')),
    };
  },
  actions: {
    enroll: {
      body: z.object({}),
      async run(ctx) {
        const user = identifiedUser(ctx);
        // Enrolling over an existing authenticator would let a password alone replace it.
        if (await ctx.services.store.getTotp(user.id)) throw new MfaError('method_not_allowed', 'An authenticator app is already set up.');
        if (!ctx.client.allowTotpEnrollment) throw new MfaError('method_not_allowed', 'Setting up an authenticator app is not allowed here.');
        const pending = ctx.flow.data.totpEnrollment;
        const sealedSecret = pending?.sealedSecret ?? ctx.services.keyring.seal(newTotpSecret(), enrollmentContext(ctx));
        ctx.flow.data.totpEnrollment = { sealedSecret, startedAt: pending?.startedAt ?? ctx.now.toISOString() };
        return { satisfied: false, extra: { enrollment: await showEnrollment(ctx, sealedSecret) } };
      },
    },
    verify: {
      body: codeBody,
      async run(ctx, { code }: z.infer<typeof codeBody>) {
        const user = identifiedUser(ctx);
        const { store, keyring, config } = ctx.services;
        assertAttemptsLeft(ctx);
        await assertUserNotThrottled(ctx, user.id);
        const credential = await store.getTotp(user.id);
        const params: TotpParams = credential
          ? { algorithm: credential.algorithm, digits: credential.digits as TotpParams['digits'], period: credential.period }
          : config.totp;
        const check = (secret: string, afterTimeStep: number | null) =>
          checkTotp({ secret, code, params, window: config.totp.window, now: ctx.now, afterTimeStep });

        if (credential) {
          const step = await check(keyring.open(credential.sealedSecret, seedContext(user.id)), credential.lastTimeStep);
          // The atomic update refuses a step another request used a moment ago.
          if (step === null || !(await store.useTotpStep(credential.id, step))) return wrongCode(ctx, user.id);
          return { satisfied: true };
        }

        const pending = ctx.flow.data.totpEnrollment;
        if (!pending) throw new MfaError('enrollment_required', 'Set up an authenticator app first.');
        const secret = keyring.open(pending.sealedSecret, enrollmentContext(ctx));
        const step = await check(secret, null);
        if (step === null) return wrongCode(ctx, user.id);
        await store.setTotp(
          { userId: user.id, sealedSecret: keyring.seal(secret, seedContext(user.id)), ...params, lastTimeStep: step },
          ctx.now,
        );
        delete ctx.flow.data.totpEnrollment;
        return { satisfied: true, extra: await backupCodesOnFirstFactor(ctx.services, user.id, ctx.now) };
      },
    },
  },
};

/** What a resumed flow shows while an enrolment waits for its first code. */
export async function pendingEnrollment(ctx: MethodContext) {
  const pending = ctx.flow.data.totpEnrollment;
  return pending && ctx.user ? showEnrollment(ctx, pending.sealedSecret) : undefined;
}
