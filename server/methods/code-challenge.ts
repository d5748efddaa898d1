import { z } from 'zod';
import { constantTimeEqual, numericCode, sha256 } from '../crypto/codes.js';
import { limitKind } from '../auth/limit-kind.js';
import { invalidCode, isMfaError, MfaError, rateLimited } from '../errors.js';
import type { CodeChallenge } from '../store/types.js';
import type { MethodContext } from './types.js';

/** A typed code: spaces a user adds while copying it ("123 456") do not count. */
export const codeField = z
  .string()
  .transform((s) => s.replace(/\s/g, ''))
  .pipe(z.string().min(1).max(16));
export const codeBody = z.object({ code: codeField });
export type CodeBody = z.infer<typeof codeBody>;

/** Rules of a code sent by SMS or e-mail (config.sms / config.email). */
export interface CodeRules {
  length: number;
  expirySeconds: number;
  maxAttempts: number;
  resendAfterSeconds: number;
}

export type Channel = 'sms' | 'email';

const hashContext = (ctx: MethodContext, channel: Channel) => `${channel}-code:${ctx.flow.id}`;
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
export function assertResendAllowed(ctx: MethodContext, channel: Channel, rules: CodeRules): void {
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
  ctx: MethodContext,
  channel: Channel,
  to: string,
  rules: CodeRules,
  deliver: (code: string) => Promise<void>,
  enrolling = false,
): Promise<void> {
  const code = numericCode(rules.length);
  await deliver(code);
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
const guessKey = (ctx: MethodContext, channel: Channel, challenge: CodeChallenge) =>
  `${channel}:guesses:${sha256(`${ctx.flow.id}\0${challenge.sentAt}\0${challenge.codeHash}`)}`;

/**
 * Counts a guess at the challenge in the store before it is compared. The flow's own count is
 * saved by a version check that a parallel guess on another instance can lose; this counter
 * cannot, so no more than `maxAttempts` guesses at one code are ever compared.
 */
export async function countGuess(ctx: MethodContext, channel: Channel, rules: CodeRules): Promise<void> {
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
export async function verifyChallenge(ctx: MethodContext, channel: Channel, code: string, rules: CodeRules): Promise<CodeChallenge> {
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

/** A counter a send spends before it goes out. */
export interface SendLimit {
  key: string;
  windowSeconds: number;
  max: number;
  /** The moment counted: places the count in its window (resend counters are offset). */
  at: Date;
  refused: (retryAfterSeconds: number) => MfaError;
}

/**
 * Counts the send against every limit first (parallel sends each get their own count), refusing
 * at the first one over; what was counted for a refused send is given back at once. Answers the
 * give-back for a send that then does not go out.
 */
async function spendForSend(ctx: MethodContext, limits: SendLimit[]): Promise<() => Promise<void>> {
  const { store } = ctx.services;
  const spent: SendLimit[] = [];
  const giveBack = async () => {
    for (const limit of spent.splice(0)) await store.refund(limit.key, limit.windowSeconds, limit.at);
  };
  for (const limit of limits) {
    const counter = await store.hit(limit.key, limit.windowSeconds, limit.at);
    spent.push(limit);
    if (counter.count > limit.max) {
      await giveBack();
      throw limit.refused((counter.resetAt.getTime() - limit.at.getTime()) / 1000);
    }
  }
  return giveBack;
}

/**
 * Why a code is sent: to sign in with the account's own number or address, or to verify one
 * that is not (yet) the asking account's. Each has its own resend wait and caps, so codes
 * strangers ask for to someone's number never hold back that person's own sign-in.
 */
export type SendPurpose = 'sign-in' | 'verify';

/**
 * The resend wait per recipient and purpose, across flows and the token grant: one send per
 * wait. Windows are fixed, so there are two grids half a wait apart: two sends closer than half
 * the wait always share a window in one of them, and sends a whole wait apart never do.
 */
export function resendLimits(ctx: MethodContext, channel: Channel, to: string, rules: CodeRules, sentAt: Date, purpose: SendPurpose = 'sign-in'): SendLimit[] {
  const seconds = rules.resendAfterSeconds;
  if (seconds === 0) return [];
  // A keyed hash of the recipient: the store holds no phone number or address in clear.
  // Addresses differ only in case for the same mailbox in practice, so they share one wait.
  const recipient = channel === 'email' ? to.toLowerCase() : to;
  const kind = `${channel}:${purpose === 'verify' ? 'verify-resend' : 'resend'}`;
  const key = `${kind}:${ctx.services.keyring.hash(recipient, `${channel}-counter`)}`;
  const refused = (wait: number) => rateLimited(wait, `Please wait ${Math.ceil(wait)} s before asking for a new code.`, kind);
  return [0, seconds * 500].map((offsetMs, grid) => ({ key: `${key}:${grid}`, windowSeconds: seconds, max: 1, at: new Date(sentAt.getTime() + offsetMs), refused }));
}

/** The hourly caps of a send (the SMS pumping guard); reaching one is logged without the key's value. */
export function capLimits(ctx: MethodContext, caps: { key: string; limit: number }[]): SendLimit[] {
  return caps.map(({ key, limit }) => ({
    key,
    windowSeconds: 3600,
    max: limit,
    at: ctx.now,
    refused: (wait: number) => {
      ctx.services.logger.warn({ cap: limitKind(key), limit }, 'send cap reached');
      return rateLimited(wait, 'Too many codes were sent. Please try again later.', limitKind(key));
    },
  }));
}

/**
 * Spends the limits, then sends; a message the provider did not take (delivery_failed) gives
 * them back, so an outage locks no recipient, address or client out for the hour.
 */
export async function sendWithin(ctx: MethodContext, limits: SendLimit[], send: () => Promise<void>): Promise<void> {
  const giveBack = await spendForSend(ctx, limits);
  try {
    await send();
  } catch (e) {
    if (isMfaError(e) && e.code === 'delivery_failed') await giveBack();
    throw e;
  }
}
