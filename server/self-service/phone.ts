import { MfaError } from '../errors.js';
import { assertResendAllowed, challengeView, enforceCaps, issueChallenge, verifyChallenge } from '../methods/code-challenge.js';
import { smsBody } from '../methods/sms.js';
import type { MethodContext } from '../methods/types.js';
import { callingCode, maskForLog, maskPhone, normalizePhone } from '../providers/sms/phone.js';
import type { Services } from '../services.js';
import type { Identity } from './identity.js';
import { inSession } from './session.js';

function assertCanText(ctx: MethodContext, phone: string): void {
  const { allowedCallingCodes } = ctx.services.config.sms;
  if (ctx.user?.smsDisabled) throw new MfaError('method_not_allowed', 'Text messages are turned off for this account.');
  if (allowedCallingCodes.length > 0 && !allowedCallingCodes.includes(callingCode(phone))) {
    throw new MfaError('method_not_allowed', 'Text messages cannot be sent to this country.');
  }
}

/**
 * Texts a code to the NEW number, under the login's throttle and hourly caps (the same
 * counters, so a settings page is no way around them). The stored number is unchanged until
 * the code comes back.
 */
export async function sendPhoneCode(services: Services, identity: Identity, ip: string | null, input: string) {
  const { config, sms } = services;
  const phone = normalizePhone(input, config.sms.defaultCountry as never);
  const challenge = await inSession(services, identity, ip, async (ctx) => {
    assertCanText(ctx, phone);
    assertResendAllowed(ctx, 'sms', config.sms);
    await enforceCaps(ctx, [
      { key: `sms:phone:${phone}`, limit: config.sms.caps.perPhonePerHour },
      ...(ip ? [{ key: `sms:ip:${ip}`, limit: config.sms.caps.perIpPerHour }] : []),
      { key: `sms:client:${ctx.client.clientId}`, limit: config.sms.caps.perClientPerHour },
    ]);
    await issueChallenge(ctx, 'sms', phone, config.sms, (code) => sms.send({ to: phone, body: smsBody(ctx, code) }), true);
    return ctx.flow.data.sms;
  });
  return { phone: maskPhone(phone), ...challengeView(challenge, config.sms) };
}

/** The code from the new number makes it the user's phone; each code works once. */
export async function confirmPhone(services: Services, identity: Identity, ip: string | null, code: string): Promise<void> {
  const challenge = await inSession(services, identity, ip, (ctx) => {
    if (!ctx.flow.data.sms) throw new MfaError('invalid_request', 'Ask for a code to the new number first.');
    return verifyChallenge(ctx, 'sms', code, services.config.sms);
  });
  await services.store.updateUser(identity.user.id, { phone: challenge.to }, services.now());
  services.logger.info({ userId: identity.user.id, phone: maskForLog(challenge.to) }, 'phone number changed');
}
