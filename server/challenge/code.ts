import { constantTimeEqual, numericCode, sha256 } from '../crypto/codes.js';
import { maskEmail } from '../providers/email/mask.js';
import { maskForLog } from '../providers/sms/phone.js';
import { invalidCode, isMfaError, MfaError, rateLimited } from '../errors.js';
import type { CodeChallenge } from '../store/types.js';
import type { ChallengeContext, Channel, CodeRules } from './context.js';

export type { Channel, CodeRules } from './context.js';
import { resendLimits } from './limits.js';

const hashContext = (ctx: ChallengeContext, channel: Channel) => `${channel}-code:${ctx.flow.id}`;
const plus = (iso: string, seconds: number) => new Date(new Date(iso).getTime() + seconds * 1000);

/** The challenge's fields in the flow state. */
export function challengeView(challenge: CodeChallenge | undefined, rules: CodeRules) {
  if (!challenge) return { sent: false };
  return {
    sent: !challenge.dead,
    resendAfter: plus(challenge.sentAt, rules.resendAfterSeconds).toISOString(),
    codeExpiresAt: challenge.expiresAt,
    attemptsRemaining: Math.max(0, rules.maxAttempts - challenge.attempts),
  };
}

/** Refuses a resend inside the throttle window. */
export function assertResendAllowed(ctx: ChallengeContext, channel: Channel, rules: CodeRules): void {
  const previous = ctx.flow.data[channel];
  if (!previous) return;
  const wait = plus(previous.sentAt, rules.resendAfterSeconds).getTime() - ctx.now.getTime();
  if (wait > 0) throw rateLimited(wait / 1000, `Please wait ${Math.ceil(wait / 1000)} s before asking for a new code.`, `${channel}:resend`);
}

/**
 * Makes a code, hands it to `deliver` and only then replaces the previous challenge: a failed
 * delivery leaves the user's code and attempts as they were.
 */
export async function issueChallenge(
  ctx: ChallengeContext,
  channel: Channel,
  to: string,
  rules: CodeRules,
  deliver: (code: string) => Promise<void>,
  enrolling = false,
): Promise<void> {
  const code = numericCode(rules.length);
  const { audit, sms, email } = ctx.services;
  const sent = (status: string) =>
    audit.record({
      type: 'code.sent',
      clientId: ctx.flow.clientId,
      userId: ctx.user?.id ?? null,
      address: ctx.ip,
      details: {
        channel,
        destination: channel === 'sms' ? maskForLog(to) : maskEmail(to),
        provider: (channel === 'sms' ? sms : email).name,
        status,
        purpose: enrolling ? 'verify' : 'sign-in',
        kind: ctx.flow.kind,
      },
    });
  try {
    await deliver(code);
  } catch (e) {
    sent(isMfaError(e) ? e.code : 'error');
    throw e;
  }
  sent('accepted');
  ctx.flow.data[channel] = {
    to,
    codeHash: ctx.services.keyring.hash(code, hashContext(ctx, channel)),
    sentAt: ctx.now.toISOString(),
    expiresAt: plus(ctx.now.toISOString(), rules.expirySeconds).toISOString(),
    attempts: 0,
    dead: false,
    ...(enrolling ? { enrolling } : {}),
  };
}

/** One counter per challenge: the flow id, when it was sent and its code's keyed hash. */
const guessKey = (ctx: ChallengeContext, channel: Channel, challenge: CodeChallenge) =>
  `${channel}:guesses:${sha256(`${ctx.flow.id}\0${challenge.sentAt}\0${challenge.codeHash}`)}`;

/**
 * Counts a guess at the challenge in the store before it is compared. The flow's own count is
 * saved by a version check that a parallel guess on another instance can lose; this counter
 * cannot, so no more than `maxAttempts` guesses at one code are ever compared.
 */
export async function countGuess(ctx: ChallengeContext, channel: Channel, rules: CodeRules): Promise<void> {
  const challenge = ctx.flow.data[channel];
  if (!challenge || challenge.dead) return;
  // Counted in the window of the send time, so a window boundary in the code's life cannot reset it.
  const { count } = await ctx.services.store.hit(guessKey(ctx, channel, challenge), rules.expirySeconds, new Date(challenge.sentAt));
  if (count > rules.maxAttempts) throw new MfaError('too_many_attempts');
  challenge.attempts = Math.max(challenge.attempts, count - 1);
}

/**
 * Checks a code once; answers the challenge it satisfied, which can never be used again. A code
 * that came back proves its recipient asked for it, so the recipient's resend wait is given back:
 * signing in again at once (another app, another flow) needs no waiting.
 */
export async function verifyChallenge(ctx: ChallengeContext, channel: Channel, code: string, rules: CodeRules): Promise<CodeChallenge> {
  const challenge = ctx.flow.data[channel];
  if (!challenge) throw new MfaError('invalid_request', 'Ask for a code first.');
  if (challenge.dead) throw new MfaError('too_many_attempts');
  if (ctx.now.getTime() >= new Date(challenge.expiresAt).getTime()) throw new MfaError('code_expired');
  if (challenge.attempts >= rules.maxAttempts) {
    challenge.dead = true;
    throw new MfaError('too_many_attempts');
  }
  if (constantTimeEqual(ctx.services.keyring.hash(code, hashContext(ctx, channel)), challenge.codeHash)) {
    challenge.dead = true;
    const purpose = challenge.enrolling ? 'verify' : 'sign-in';
    for (const limit of resendLimits(ctx, channel, challenge.to, rules, new Date(challenge.sentAt), purpose)) {
      await ctx.services.store.refund(limit.key, limit.windowSeconds, limit.at);
    }
    return challenge;
  }
  challenge.attempts += 1;
  const left = rules.maxAttempts - challenge.attempts;
  if (left <= 0) {
    challenge.dead = true;
    throw new MfaError('too_many_attempts');
  }
  throw invalidCode(left);
}
