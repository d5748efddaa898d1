import { z } from 'zod';
import { backupCodesOnFirstFactor } from '../auth/backup-codes.js';
import { MfaError } from '../errors.js';
import { callingCode, maskPhone, normalizePhone } from '../providers/sms/phone.js';
import type { UserRecord } from '../store/types.js';
import { assertResendAllowed, challengeView, enforceCaps, issueChallenge, verifyChallenge } from './code-challenge.js';
import { fillTemplate } from './message.js';
import { identifiedUser, type Method, type MethodContext } from './types.js';

const countryAllowed = (ctx: MethodContext, phone: string) => {
  const allowed = ctx.services.config.sms.allowedCallingCodes;
  return allowed.length === 0 || allowed.includes(callingCode(phone));
};

/** The text: the admin's template, then the WebOTP line browsers read to fill the code. */
export function smsBody(ctx: MethodContext, code: string): string {
  const { sms, appName, issuer } = ctx.services.config;
  const text = fillTemplate(sms.template, { code, app: appName, minutes: String(Math.round(sms.expirySeconds / 60)) });
  // WebOTP binds the code to the page that asks for it: the integrator's page, else this server.
  return sms.webOtp ? `${text}\n\n@${new URL(ctx.origin ?? issuer).hostname} #${code}` : text;
}

async function send(ctx: MethodContext, phone: string, enrolling: boolean) {
  const { config, sms } = ctx.services;
  if (!countryAllowed(ctx, phone)) throw new MfaError('method_not_allowed', 'Text messages cannot be sent to this country.');
  assertResendAllowed(ctx, 'sms', config.sms);
  // SMS pumping guard: every number, address and client has an hourly budget.
  await enforceCaps(ctx, [
    { key: `sms:phone:${phone}`, limit: config.sms.caps.perPhonePerHour },
    ...(ctx.ip ? [{ key: `sms:ip:${ctx.ip}`, limit: config.sms.caps.perIpPerHour }] : []),
    { key: `sms:client:${ctx.client.clientId}`, limit: config.sms.caps.perClientPerHour },
  ]);
  await issueChallenge(ctx, 'sms', phone, config.sms, (code) => sms.send({ to: phone, body: smsBody(ctx, code) }), enrolling);
  return { satisfied: false };
}

const codeBody = z.object({ code: z.string().trim().min(1).max(16) });
const phoneBody = z.object({ phone: z.string().trim().min(3).max(32) });

/** A code texted to the phone in the user's profile (or to a phone being registered). */
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
      return { method: 'sms', enrolled: false, canEnroll: ctx.client.allowPhoneEnrollment, ...(challenge?.enrolling ? challengeView(challenge, rules) : {}) };
    }
    if (!countryAllowed(ctx, user.phone)) return null;
    return { method: 'sms', enrolled: true, phone: maskPhone(user.phone), ...challengeView(challenge, rules) };
  },
  actions: {
    send: {
      body: z.object({}),
      async run(ctx) {
        const user = identifiedUser(ctx);
        if (user.smsDisabled) throw new MfaError('method_not_allowed');
        const pending = ctx.flow.data.sms;
        if (!user.phone) {
          // A resend during phone registration goes to the number being registered.
          if (pending?.enrolling) return send(ctx, pending.to, true);
          throw new MfaError('enrollment_required', 'No phone number is registered.');
        }
        return send(ctx, user.phone, false);
      },
    },
    enroll: {
      body: phoneBody,
      async run(ctx, { phone }: z.infer<typeof phoneBody>) {
        const user = identifiedUser(ctx);
        if (user.smsDisabled) throw new MfaError('method_not_allowed');
        if (user.phone) throw new MfaError('method_not_allowed', 'A phone number is already registered.');
        if (!ctx.client.allowPhoneEnrollment) throw new MfaError('method_not_allowed', 'Registering a phone is not allowed here.');
        const e164 = normalizePhone(phone, ctx.services.config.sms.defaultCountry as never);
        return send(ctx, e164, true);
      },
    },
    verify: {
      body: codeBody,
      async run(ctx, { code }: z.infer<typeof codeBody>) {
        const user = identifiedUser(ctx);
        const challenge = verifyChallenge(ctx, 'sms', code, ctx.services.config.sms);
        if (!challenge.enrolling) return { satisfied: true };
        await ctx.services.store.updateUser(user.id, { phone: challenge.to }, ctx.now);
        return { satisfied: true, extra: await backupCodesOnFirstFactor(ctx.services, user.id, ctx.now) };
      },
    },
  },
};
