import type { phoneSettings } from '../../contract/me/phone.js';
import { revokeTrustedDevices } from '../auth/trusted-devices.js';
import { MfaError } from '../errors.js';
import { challengeView, verifyChallenge } from '../challenge/code.js';
import { textCode } from '../challenge/text.js';
import { maskForLog, maskPhone, normalizePhone } from '../providers/sms/phone.js';
import type { SettingsRun, SettingsRuns } from './call.js';
import { notifyChange } from './notify.js';
import { inSession } from './session.js';

/**
 * Texts a code to the NEW number, under the login's throttle and hourly caps (the same
 * counters, so a settings page is no way around them). The stored number is unchanged until
 * the code comes back.
 */
const send: SettingsRun<typeof phoneSettings.send> = async ({ services, identity, ip, body }) => {
  const { config } = services;
  const phone = normalizePhone(body.phone, config.sms.defaultCountry);
  const challenge = await inSession(services, identity, ip, async (ctx) => {
    if (identity.user.smsDisabled) throw new MfaError('method_not_allowed', 'Text messages are turned off for this account.');
    await textCode(ctx, phone, { enrolling: true });
    return ctx.flow.data.sms;
  });
  return { phone: maskPhone(phone), ...challengeView(challenge, config.sms) };
};

/** The code from the new number makes it the user's phone; each code works once. A new phone may replace a lost one: no trusted device skips it. */
const verify: SettingsRun<typeof phoneSettings.verify> = async ({ services, identity, ip, body: { code } }) => {
  const challenge = await inSession(services, identity, ip, (ctx) => verifyChallenge(ctx, 'sms', code, services.config.sms));
  await services.store.updateUser(identity.user.id, { phone: challenge.to }, services.now());
  await notifyChange(services, identity, 'phone-changed', { phone: maskForLog(challenge.to) });
  await revokeTrustedDevices(services.store, identity.user.id);
};

export const phoneRuns: SettingsRuns<typeof phoneSettings> = { send, verify };
