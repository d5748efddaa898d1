import { refund, spend, type Limit } from '../auth/regulator.js';
import { invalidCode, MfaError, WrongAnswer } from '../errors.js';
import { codeBody, emptyBody, type CodeBody } from '../../contract/fields.js';
import { canEnrollIn } from './first-use.js';
import { readOnce } from './reads.js';
import { checkTotp, driftOf, enrollmentFor, newTotpSecret, stepAt, type TotpParams } from './totp-core.js';
import type { FlowData, TotpCredential } from '../store/types.js';
import { identifiedUser, type ActionOutcome, type Method, type MethodContext } from './types.js';

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

const canEnroll = (ctx: MethodContext) => ctx.client.allowTotpEnrollment && canEnrollIn(ctx.flow, identifiedUser(ctx));

/**
 * A code from one of the user's authenticators: each is tried, in its own drift-moved window.
 * A time step is used once per user, across all of them, also under a race; the one that
 * matched records it (and its offset, for the drift).
 */
async function checkEnrolled(ctx: MethodContext, credentials: TotpCredential[], code: string): Promise<ActionOutcome> {
  const { store, keyring, config } = ctx.services;
  const matches: { credential: TotpCredential; step: number }[] = [];
  for (const credential of credentials) {
    const params = { algorithm: credential.algorithm, digits: credential.digits as TotpParams['digits'], period: credential.period };
    const secret = keyring.open(credential.sealedSecret, seedContext(credential.userId));
    // Any step in the window is found here; `useTotpStep` is what refuses a used one, atomically,
    // so a code replayed from elsewhere is told apart from a mistyped one and logged.
    const drift = driftOf(credential.recentOffsets);
    const step = checkTotp({ secret, code, params, window: config.totp.window, now: ctx.now, afterTimeStep: null, drift });
    if (step !== null) matches.push({ credential, step });
  }
  if (matches.length === 0) throw new WrongAnswer();
  for (const { credential, step } of matches) {
    const use = {
      userId: credential.userId,
      credentialId: credential.id,
      timeStep: step,
      offset: step - stepAt(ctx.now, credential.period),
      recentOffsets: credential.recentOffsets,
    };
    if (await store.useTotpStep(use, ctx.now)) return { satisfied: true, log: { totpCredentialId: credential.id, offset: use.offset } };
  }
  ctx.services.logger.warn({ userId: matches[0]!.credential.userId, clientId: ctx.flow.clientId }, 'TOTP code replayed');
  throw new WrongAnswer();
}

/** The first code from a new authenticator stores it; null when another one was stored meanwhile. */
async function confirmEnrollment(ctx: MethodContext, pending: NonNullable<FlowData['totpEnrollment']>, code: string): Promise<ActionOutcome | null> {
  const { store, keyring, config } = ctx.services;
  const userId = identifiedUser(ctx).id;
  const secret = keyring.open(pending.sealedSecret, enrollmentContext(ctx));
  const step = checkTotp({ secret, code, params: config.totp, window: config.totp.window, now: ctx.now, afterTimeStep: null });
  if (step === null) throw new WrongAnswer();
  const { algorithm, digits, period } = config.totp;
  const offset = step - stepAt(ctx.now, period);
  const created = await store.createTotp(
    { userId, sealedSecret: keyring.seal(secret, seedContext(userId)), algorithm, digits, period, lastTimeStep: step, recentOffsets: [offset] },
    ctx.now,
  );
  if (!created) return null;
  delete ctx.flow.data.totpEnrollment;
  return {
    satisfied: true,
    audit: [{ type: 'factor.enrolled', details: { factor: 'totp', algorithm, digits, period } }],
    // A flow that did not move on must not leave an authenticator behind whose backup codes nobody saw.
    undo: async () => {
      await store.removeTotp(userId, created.id);
    },
  };
}

/** The user's authenticators; the option check already read them in this request. */
const totpsOf = (ctx: MethodContext, userId: string) => readOnce(ctx, `totp:${userId}`, () => ctx.services.store.listTotp(userId));

/** Time-based codes from an authenticator app (RFC 6238), enrolled with a QR code on first use. */
export const totp: Method = {
  name: 'totp',
  amr: ['otp'],
  needsUser: true,
  attempts: { max: (ctx) => ctx.services.config.totp.maxAttempts, wrong: invalidCode, exhausted },
  async option(ctx, attemptsRemaining) {
    const user = identifiedUser(ctx);
    const enrolled = (await totpsOf(ctx, user.id)).length > 0;
    const enrollable = !enrolled && canEnroll(ctx);
    if (!enrolled && !enrollable) return null;
    return { method: 'totp', enrolled, canEnroll: enrollable, attemptsRemaining };
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
      body: emptyBody,
      async run(ctx) {
        const user = identifiedUser(ctx);
        // Enrolling over an existing authenticator would let a password alone replace it.
        if ((await totpsOf(ctx, user.id)).length > 0) throw new MfaError('method_not_allowed', 'An authenticator app is already set up.');
        if (!canEnroll(ctx)) throw notEnrollable();
        ctx.flow.data.totpEnrollment ??= {
          sealedSecret: ctx.services.keyring.seal(newTotpSecret(), enrollmentContext(ctx)),
          startedAt: ctx.now.toISOString(),
        };
        return { satisfied: false };
      },
    },
    verify: {
      body: codeBody,
      async run(ctx, { code }: CodeBody) {
        const user = identifiedUser(ctx);
        const { store } = ctx.services;
        const credentials = await totpsOf(ctx, user.id);
        const enrolled = credentials.length > 0;
        const pending = ctx.flow.data.totpEnrollment;
        if (!enrolled && !pending) throw new MfaError('enrollment_required', 'Set up an authenticator app first.');
        // Another sign-in may have set up a factor since this enrolment began: then it is no first use.
        if (!enrolled && !canEnroll(ctx)) throw notEnrollable();
        // Counted before the code is checked, so parallel guesses cannot slip under the limit.
        const limit = userLimit(ctx, user.id);
        await spend(store, limit, ctx.now);
        const outcome = enrolled ? await checkEnrolled(ctx, credentials, code) : await confirmEnrollment(ctx, pending!, code);
        // A right code does not count against the account, even when the enrolment lost a race.
        await refund(store, limit, ctx.now);
        if (!outcome)
          throw new MfaError('method_not_allowed', 'An authenticator app was set up for this account at the same time. Please start again.');
        return outcome;
      },
    },
  },
};
