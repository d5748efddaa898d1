import { MfaError } from '../errors.js';
import { challengeView, verifyChallenge } from '../challenge/code.js';
import { countryAllowed, phoneOf, textCode } from '../challenge/text.js';
import { maskForLog, maskPhone } from '../providers/sms/phone.js';
import { codeBody, emptyBody, type CodeBody } from '../../contract/fields.js';
import { phoneBody, type PhoneBody } from '../../contract/sms.js';
import { canEnrollIn } from './first-use.js';
import { identifiedUser, type Method, type MethodContext } from './types.js';

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
      body: emptyBody,
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
      async run(ctx, { phone }: PhoneBody) {
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
        return { satisfied: true, audit: [{ type: 'factor.enrolled', details: { factor: 'sms', destination: maskForLog(challenge.to) } }] };
      },
    },
  },
};
