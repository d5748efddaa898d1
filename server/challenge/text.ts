import { MfaError } from '../errors.js';
import { fillTemplate } from './message.js';
import { callingCode, normalizePhone } from '../providers/sms/phone.js';
import { assertResendAllowed, issueChallenge } from './code.js';
import type { ChallengeContext } from './context.js';
import { capLimits, resendLimits, sendWithin, type SendLimit } from './limits.js';

export const countryAllowed = (ctx: ChallengeContext, phone: string) => {
  const allowed = ctx.services.config.sms.allowedCallingCodes;
  return allowed.length === 0 || allowed.includes(callingCode(phone));
};

/** What a user typed as a phone number, as E.164 under the configured default country. */
export const phoneOf = (ctx: ChallengeContext, input: string) => normalizePhone(input, ctx.services.config.sms.defaultCountry);

/** The text: the admin's template, then the WebOTP line browsers read to fill the code. */
export function smsBody(ctx: ChallengeContext, code: string): string {
  const { sms, appName, issuer } = ctx.services.config;
  const text = fillTemplate(sms.template, { code, app: appName, minutes: String(Math.round(sms.expirySeconds / 60)) });
  // WebOTP binds the code to the page that asks for it: the integrator's page, else this server.
  return sms.webOtp ? `${text}\n\n@${new URL(ctx.origin ?? issuer).hostname} #${code}` : text;
}

/** The sign-in budget: codes to the account's own number, its resend wait and caps. */
function signInLimits(ctx: ChallengeContext, phone: string): SendLimit[] {
  const { config, keyring } = ctx.services;
  return [
    ...resendLimits(ctx, 'sms', phone, config.sms, ctx.now, 'sign-in'),
    ...capLimits(ctx, [
      // A keyed hash of the number: the store holds no phone number in clear.
      { key: `sms:phone:${keyring.hash(phone, 'sms-counter')}`, limit: config.sms.caps.perPhonePerHour },
      ...(ctx.ip ? [{ key: `sms:ip:${ctx.ip}`, limit: config.sms.caps.perIpPerHour }] : []),
      { key: `sms:client:${ctx.client.clientId}`, limit: config.sms.caps.perClientPerHour },
    ]),
  ];
}

/**
 * The verification budget: codes to a number that is not the asking account's own, charged to
 * the number, the asking account (the user; for the token grant, its client) and the address.
 * Its counters are apart from the sign-in ones, so however many of these anyone asks for, the
 * number's owner still gets their own sign-in codes.
 */
function verifyLimits(ctx: ChallengeContext, phone: string): SendLimit[] {
  const { config, keyring } = ctx.services;
  const { caps } = config.sms;
  return [
    ...resendLimits(ctx, 'sms', phone, config.sms, ctx.now, 'verify'),
    ...capLimits(ctx, [
      { key: `sms:verify:phone:${keyring.hash(phone, 'sms-counter')}`, limit: caps.verifyPerPhonePerHour },
      ...(ctx.user ? [{ key: `sms:verify:user:${ctx.user.id}`, limit: caps.verifyPerAccountPerHour }] : []),
      ...(ctx.ip ? [{ key: `sms:verify:ip:${ctx.ip}`, limit: caps.verifyPerIpPerHour }] : []),
      { key: `sms:verify:client:${ctx.client.clientId}`, limit: caps.perClientPerHour },
    ]),
  ];
}

/**
 * Texts a new code to `phone` under every SMS rule: the country allow-list, the resend wait (in
 * this flow and for the number across flows and the token grant) and the hourly caps (the SMS
 * pumping guard). `enrolling` marks a code that verifies a number not yet the asking account's
 * own, which spends the verification budget instead of the sign-in one. Logins, the token grant
 * and settings all send through here, so none is a way around them.
 */
export async function textCode(
  ctx: ChallengeContext,
  phone: string,
  options: { enrolling?: boolean; text?: (code: string) => string } = {},
): Promise<void> {
  const { config, sms } = ctx.services;
  if (!countryAllowed(ctx, phone)) throw new MfaError('method_not_allowed', 'Text messages cannot be sent to this country.');
  assertResendAllowed(ctx, 'sms', config.sms);
  const text = options.text ?? ((code: string) => smsBody(ctx, code));
  const limits = options.enrolling ? verifyLimits(ctx, phone) : signInLimits(ctx, phone);
  await sendWithin(ctx, limits, () =>
    issueChallenge(ctx, 'sms', phone, config.sms, (code) => sms.send({ to: phone, body: text(code) }), options.enrolling),
  );
}
