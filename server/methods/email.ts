import { maskEmail } from '../providers/email/mask.js';
import { assertResendAllowed, challengeView, issueChallenge, verifyChallenge } from '../challenge/code.js';
import { capLimits, resendLimits, sendWithin } from '../challenge/limits.js';
import { codeBody, emptyBody, type CodeBody } from '../../contract/fields.js';
import { escapeHtml, fillTemplate } from '../challenge/message.js';
import { identifiedUser, type Method, type MethodContext } from './types.js';

const addressOf = (ctx: MethodContext): string | null => identifiedUser(ctx).email;

function message(ctx: MethodContext, to: string, code: string) {
  const { email, appName } = ctx.services.config;
  const vars = { code, app: appName, minutes: String(Math.round(email.expirySeconds / 60)) };
  return {
    to,
    subject: fillTemplate(email.subject, vars),
    text: fillTemplate(email.text, vars),
    ...(email.html ? { html: fillTemplate(email.html, vars, escapeHtml) } : {}),
  };
}

/** A code e-mailed to the address in the user's profile. */
export const email: Method = {
  name: 'email',
  amr: ['otp'],
  needsUser: true,
  async option(ctx) {
    const address = addressOf(ctx);
    if (!address) return null;
    return { method: 'email', email: maskEmail(address), ...challengeView(ctx.flow.data.email, ctx.services.config.email) };
  },
  actions: {
    send: {
      body: emptyBody,
      async run(ctx) {
        // The option check before every action already refused a user without an address.
        const address = addressOf(ctx)!;
        const rules = ctx.services.config.email;
        assertResendAllowed(ctx, 'email', rules);
        // The resend wait holds for the address across flows too, as it does for a phone number.
        const limits = [
          ...resendLimits(ctx, 'email', address, rules, ctx.now),
          ...capLimits(ctx, [
            // A keyed hash of the address: the store holds no e-mail address in clear.
            { key: `email:to:${ctx.services.keyring.hash(address.toLowerCase(), 'email-counter')}`, limit: rules.caps.perAddressPerHour },
            ...(ctx.ip ? [{ key: `email:ip:${ctx.ip}`, limit: rules.caps.perIpPerHour }] : []),
          ]),
        ];
        await sendWithin(ctx, limits, () =>
          issueChallenge(ctx, 'email', address, rules, (code) => ctx.services.email.send(message(ctx, address, code))),
        );
        return { satisfied: false };
      },
    },
    verify: {
      body: codeBody,
      async run(ctx, { code }: CodeBody) {
        await verifyChallenge(ctx, 'email', code, ctx.services.config.email);
        return { satisfied: true };
      },
    },
  },
};
