import { z } from 'zod';
import { MfaError } from '../errors.js';
import { callingCode, maskPhone, normalizePhone } from '../providers/sms/phone.js';
import { assertResendAllowed, capLimits, challengeView, codeBody, issueChallenge, resendLimits, sendWithin, verifyChallenge, type CodeBody, type SendLimit } from './code-challenge.js';
import { canEnrollIn } from './first-use.js';
import { fillTemplate } from './message.js';
import { identifiedUser, type Method, type MethodContext } from './types.js';

export const phoneBody = z.object({ phone: z.string().trim().min(3).max(32) });

const countryAllowed = (ctx: MethodContext, phone: string) => {
  const allowed = ctx.services.config.sms.allowedCallingCodes;
  return allowed.length === 0 || allowed.includes(callingCode(phone));
};

/** What a user typed as a phone number, as E.164 under the configured default country. */
export const phoneOf = (ctx: MethodContext, input: string) => normalizePhone(input, ctx.services.config.sms.defaultCountry);

/** The text: the admin's template, then the WebOTP line browsers read to fill the code. */
export function smsBody(ctx: MethodContext, code: string): string {
  const { sms, appName, issuer } = ctx.services.config;
  const text = fillTemplate(sms.template, { code, app: appName, minutes: String(Math.round(sms.expirySeconds / 60)) });
  // WebOTP binds the code to the page that asks for it: the integrator's page, else this server.
  return sms.webOtp ? `${text}\n\n@${new URL(ctx.origin ?? issuer).hostname} #${code}` : text;
}

/** The sign-in budget: codes to the account's own number, its resend wait and caps. */
function signInLimits(ctx: MethodContext, phone: string): SendLimit[] {
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
function verifyLimits(ctx: MethodContext, phone: string): SendLimit[] {
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
export async function textCode(ctx: MethodContext, phone: string, options: { enrolling?: boolean; text?: (code: string) => string } = {}): Promise<void> {
  const { config, sms } = ctx.services;
  if (!countryAllowed(ctx, phone)) throw new MfaError('method_not_allowed', 'Text messages cannot be sent to this country.');
  assertResendAllowed(ctx, 'sms', config.sms);
  const text = options.text ?? ((code: string) => smsBody(ctx, code));
  const limits = options.enrolling ? verifyLimits(ctx, phone) : signInLimits(ctx, phone);
  await sendWithin(ctx, limits, () => issueChallenge(ctx, 'sms', phone, config.sms, (code) => sms.send({ to: phone, body: text(code) }), options.enrolling));
}

const canRegisterPhone = (ctx: MethodContext) => ctx.client.allowPhoneEnrollment && canEnrollIn(ctx.flow, identifiedUser(ctx));

const alreadyRegistered = () => new MfaError('method_not_allowed', 'A phone number is already registered.');

/** A code texted to the phone in the user's profile (or, on first use, to a phone being registered). */
export const sms: Method = {
  name: 'sms',
  amr: ['sms'],
  needsUser: true,
  async option(ctx) {
    const user = identifiedUser(ctx);
    if (user.smsDisabled) return null;
    const challenge = ctx.flow.data.sms;
    const rules = ctx.services.config.sms;
    if (!user.phone) {
      if (!canRegisterPhone(ctx)) return null;
      return { method: 'sms', enrolled: false, canEnroll: true, ...(challenge?.enrolling ? challengeView(challenge, rules) : {}) };
    }
    if (!countryAllowed(ctx, user.phone)) return null;
    return { method: 'sms', enrolled: true, phone: maskPhone(user.phone), ...challengeView(challenge, rules) };
  },
  actions: {
    send: {
      body: z.object({}),
      async run(ctx) {
        const user = identifiedUser(ctx);
        const pending = ctx.flow.data.sms;
        if (user.phone) await textCode(ctx, user.phone);
        // A resend during phone registration goes to the number being registered.
        else if (pending?.enrolling) await textCode(ctx, pending.to, { enrolling: true });
        else throw new MfaError('enrollment_required', 'Register a phone number first.');
        return { satisfied: false };
      },
    },
    enroll: {
      body: phoneBody,
      async run(ctx, { phone }: z.infer<typeof phoneBody>) {
        const user = identifiedUser(ctx);
        if (user.phone) throw alreadyRegistered();
        await textCode(ctx, phoneOf(ctx, phone), { enrolling: true });
        return { satisfied: false };
      },
    },
    verify: {
      body: codeBody,
      async run(ctx, { code }: CodeBody) {
        const user = identifiedUser(ctx);
        // A registration begun on first use stops counting once the account has a phone or
        // another factor (set up in another sign-in meanwhile): the code would then replace it.
        if (ctx.flow.data.sms?.enrolling && (user.phone || !canRegisterPhone(ctx))) throw alreadyRegistered();
        const challenge = await verifyChallenge(ctx, 'sms', code, ctx.services.config.sms);
        if (!challenge.enrolling) return { satisfied: true };
        if (!(await ctx.services.store.enrollPhone(user.id, challenge.to, ctx.now))) throw alreadyRegistered();
        return { satisfied: true };
      },
    },
  },
};
