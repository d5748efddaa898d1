import { maskEmail } from '../providers/email/mask.js';
import { maskForLog } from '../providers/sms/phone.js';
import type { Services } from '../services.js';
import type { UserRecord } from '../store/types.js';
import type { Identity } from './identity.js';

/** A change to how the user signs in, as the log and the notice name it. */
export type FactorChange = 'totp-added' | 'totp-removed' | 'phone-changed' | 'backup-codes-renewed';

const SENTENCES: Record<FactorChange, string> = {
  'totp-added': 'An authenticator app was added to your {app} account.',
  'totp-removed': 'An authenticator app was removed from your {app} account.',
  'phone-changed': 'The phone number for your {app} account was changed.',
  'backup-codes-renewed': 'New backup codes were made for your {app} account; the old ones no longer work.',
};

function notice(services: Services, change: FactorChange): { subject: string; text: string } {
  const { appName } = services.config;
  const sentence = SENTENCES[change].replace('{app}', appName);
  return {
    subject: `Security notice: ${sentence.replace(/[.;].*$/, '')}`,
    text: `${sentence}\n\nIf this was you, there is nothing more to do. If it was not, sign in and change your password, or contact your administrator at once.`,
  };
}

/**
 * Logs a factor change (client, what changed, masked addresses; never a secret) and tells the
 * user through every channel they had before it: e-mail, and a text to the number that was theirs,
 * so someone who took over the account cannot hide the change by replacing the phone. A notice
 * that cannot be delivered is logged, never undoes the change.
 */
/** `logged`: masked details of the change itself (the new number, masked), for the log only. */
export async function notifyChange(services: Services, identity: Identity, change: FactorChange, logged: Record<string, string> = {}): Promise<void> {
  const before: UserRecord = identity.user;
  const { logger, email, sms } = services;
  const { subject, text } = notice(services, change);
  const sent: string[] = [];
  const deliveries: Promise<void>[] = [];
  if (before.email) {
    sent.push(maskEmail(before.email));
    deliveries.push(email.send({ to: before.email, subject, text }));
  }
  if (before.phone && !before.smsDisabled) {
    sent.push(maskForLog(before.phone));
    deliveries.push(sms.send({ to: before.phone, body: text }));
  }
  logger.info({ userId: identity.user.id, clientId: identity.client.clientId, change, ...logged, notified: sent }, 'sign-in factor changed');
  services.audit.record({
    type: 'factor.changed',
    userId: identity.user.id,
    clientId: identity.client.clientId,
    actor: { kind: 'user', userId: identity.user.id },
    details: { change, via: 'settings', ...(logged.phone ? { destination: logged.phone } : {}), notified: sent },
  });
  const results = await Promise.allSettled(deliveries);
  for (const r of results)
    if (r.status === 'rejected')
      logger.warn({ userId: identity.user.id, change, err: (r.reason as Error)?.message }, 'security notice not delivered');
}
