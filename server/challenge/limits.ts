import { limitKind } from '../auth/limit-kind.js';
import { isMfaError, rateLimited, type MfaError } from '../errors.js';
import type { ChallengeContext, Channel, CodeRules } from './context.js';

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
async function spendForSend(ctx: ChallengeContext, limits: SendLimit[]): Promise<() => Promise<void>> {
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
export function resendLimits(
  ctx: ChallengeContext,
  channel: Channel,
  to: string,
  rules: CodeRules,
  sentAt: Date,
  purpose: SendPurpose = 'sign-in',
): SendLimit[] {
  const seconds = rules.resendAfterSeconds;
  if (seconds === 0) return [];
  // A keyed hash of the recipient: the store holds no phone number or address in clear.
  // Addresses differ only in case for the same mailbox in practice, so they share one wait.
  const recipient = channel === 'email' ? to.toLowerCase() : to;
  const kind = `${channel}:${purpose === 'verify' ? 'verify-resend' : 'resend'}`;
  const key = `${kind}:${ctx.services.keyring.hash(recipient, `${channel}-counter`)}`;
  const refused = (wait: number) => rateLimited(wait, `Please wait ${Math.ceil(wait)} s before asking for a new code.`, kind);
  return [0, seconds * 500].map((offsetMs, grid) => ({
    key: `${key}:${grid}`,
    windowSeconds: seconds,
    max: 1,
    at: new Date(sentAt.getTime() + offsetMs),
    refused,
  }));
}

/** The hourly caps of a send (the SMS pumping guard); reaching one is logged without the key's value. */
export function capLimits(ctx: ChallengeContext, caps: { key: string; limit: number }[]): SendLimit[] {
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
export async function sendWithin(ctx: ChallengeContext, limits: SendLimit[], send: () => Promise<void>): Promise<void> {
  const giveBack = await spendForSend(ctx, limits);
  try {
    await send();
  } catch (e) {
    if (isMfaError(e) && e.code === 'delivery_failed') await giveBack();
    throw e;
  }
}
