import { z } from 'zod';
import { backupCodesOnFirstFactor } from '../auth/backup-codes.js';
import { refund, spend, type Limit } from '../auth/regulator.js';
import { invalidCode, MfaError } from '../errors.js';
import { assertAttemptsLeft, attemptsOf, failAttempt, hasAttemptsLeft } from '../flow/engine.js';
import { codeBody, type CodeBody } from './code-challenge.js';
import { isFirstUse } from './first-use.js';
import { checkTotp, enrollmentFor, newTotpSecret, type TotpParams } from './totp-core.js';
import { identifiedUser, type Method, type MethodContext } from './types.js';

const enrollmentContext = (ctx: MethodContext) => `totp-enrollment:${ctx.flow.id}`;
/** Seals a user's confirmed TOTP seed; self-service re-enrolment seals with it too. */
export const seedContext = (userId: string) => `totp-seed:${userId}`;

const notEnrollable = () => new MfaError('method_not_allowed', 'Setting up an authenticator app is not allowed here.');
const exhausted = () => new MfaError('too_many_attempts', 'Too many wrong codes. Use another method or start again.');

/**
 * Wrong codes per user across flows: without it a known password buys endless flows of guesses
 * (RFC 6238 §5.2 asks for throttling per account).
 */
const userLimit = (ctx: MethodContext, userId: string): Limit => ({
  key: `totp:user:${userId}`,
  windowSeconds: 900,
  max: ctx.services.config.totp.maxAttempts * 4,
  message: 'Too many wrong codes for this account. Try again later or use another method.',
});

const canEnroll = (ctx: MethodContext) => ctx.client.allowTotpEnrollment && isFirstUse(identifiedUser(ctx));

/** Time-based codes from an authenticator app (RFC 6238), enrolled with a QR code on first use. */
export const totp: Method = {
  name: 'totp',
  amr: ['otp'],
  needsUser: true,
  async option(ctx) {
    const user = identifiedUser(ctx);
    const max = ctx.services.config.totp.maxAttempts;
    if (!hasAttemptsLeft(ctx.flow, 'totp', max)) return null;
    const enrolled = (await ctx.services.store.getTotp(user.id)) !== null;
    const enrollable = !enrolled && canEnroll(ctx);
    if (!enrolled && !enrollable) return null;
    return { method: 'totp', enrolled, canEnroll: enrollable, attemptsRemaining: max - attemptsOf(ctx.flow, 'totp') };
  },
  /** A pending enrolment shows on every state, so a reload finds the same QR code. */
  async stateFields(ctx) {
    const pending = ctx.flow.data.totpEnrollment;
    if (!pending || !ctx.user) return {};
    const { config, keyring } = ctx.services;
    const secret = keyring.open(pending.sealedSecret, enrollmentContext(ctx));
    return { enrollment: await enrollmentFor(secret, config.totp.issuer ?? config.appName, ctx.user.username, config.totp) };
  },
  actions: {
    enroll: {
      body: z.object({}),
      async run(ctx) {
        const user = identifiedUser(ctx);
        // Enrolling over an existing authenticator would let a password alone replace it.
        if (await ctx.services.store.getTotp(user.id)) throw new MfaError('method_not_allowed', 'An authenticator app is already set up.');
        if (!canEnroll(ctx)) throw notEnrollable();
        ctx.flow.data.totpEnrollment ??= { sealedSecret: ctx.services.keyring.seal(newTotpSecret(), enrollmentContext(ctx)), startedAt: ctx.now.toISOString() };
        return { satisfied: false };
      },
    },
    verify: {
      body: codeBody,
      async run(ctx, { code }: CodeBody) {
        const user = identifiedUser(ctx);
        const { store, keyring, config } = ctx.services;
        assertAttemptsLeft(ctx.flow, 'totp', config.totp.maxAttempts, exhausted);
        const credential = await store.getTotp(user.id);
        const pending = ctx.flow.data.totpEnrollment;
        if (!credential && !pending) throw new MfaError('enrollment_required', 'Set up an authenticator app first.');
        // Another sign-in may have set up a factor since this enrolment began: then it is no first use.
        if (!credential && !canEnroll(ctx)) throw notEnrollable();
        // Counted before the code is checked, so parallel guesses cannot slip under the limit.
        const limit = userLimit(ctx, user.id);
        await spend(store, limit, ctx.now);
        const wrongCode = () => failAttempt(ctx.flow, 'totp', config.totp.maxAttempts, invalidCode, exhausted);

        if (credential) {
          const params = { algorithm: credential.algorithm, digits: credential.digits as TotpParams['digits'], period: credential.period };
          const secret = keyring.open(credential.sealedSecret, seedContext(user.id));
          const step = await checkTotp({ secret, code, params, window: config.totp.window, now: ctx.now, afterTimeStep: credential.lastTimeStep });
          // The atomic update refuses a step another request used a moment ago.
          if (step === null || !(await store.useTotpStep(credential.id, step))) wrongCode();
          await refund(store, limit, ctx.now);
          return { satisfied: true };
        }

        const secret = keyring.open(pending!.sealedSecret, enrollmentContext(ctx));
        const step = await checkTotp({ secret, code, params: config.totp, window: config.totp.window, now: ctx.now, afterTimeStep: null });
        if (step === null) wrongCode();
        const created = await store.createTotp({ userId: user.id, sealedSecret: keyring.seal(secret, seedContext(user.id)), algorithm: config.totp.algorithm, digits: config.totp.digits, period: config.totp.period, lastTimeStep: step }, ctx.now);
        if (!created) throw new MfaError('method_not_allowed', 'An authenticator app was set up for this account at the same time. Please start again.');
        await refund(store, limit, ctx.now);
        delete ctx.flow.data.totpEnrollment;
        // Made only once this flow's save won: a double submit must not replace codes already shown.
        return { satisfied: true, afterSave: () => backupCodesOnFirstFactor(ctx.services, user.id, ctx.now) };
      },
    },
  },
};
