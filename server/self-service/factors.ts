import type { Me } from '../../contract/settings.js';
import { maskEmail } from '../providers/email/mask.js';
import { maskPhone } from '../providers/sms/phone.js';
import type { CredentialStore } from '../store/ports/credentials.js';
import type { UserStore } from '../store/ports/users.js';
import type { Identity } from './identity.js';

type FactorsDeps = { store: Pick<UserStore, 'getUser'> & Pick<CredentialStore, 'listTotp' | 'countBackupCodes'> };

/**
 * What `GET /api/v1/me` answers: the user's factors, masked as in a login. `freshUntil` says
 * until when changes are allowed without confirming again: a settings grant's end; null for an
 * id_token, which never authorises a change (the element runs a step-up first).
 */
export async function factorsView(services: FactorsDeps, identity: Identity): Promise<Me> {
  const { store } = services;
  const user = (await store.getUser(identity.user.id)) ?? identity.user;
  const [apps, remaining] = await Promise.all([store.listTotp(user.id), store.countBackupCodes(user.id)]);
  return {
    user: { username: user.username, displayName: user.displayName },
    factors: {
      password: true,
      totp: {
        enrolled: apps.length > 0,
        authenticators: apps.map(({ id, name, createdAt, lastUsedAt }) => ({ id, name, createdAt, lastUsedAt })),
      },
      sms: { phone: user.phone ? maskPhone(user.phone) : null, disabled: user.smsDisabled },
      email: { address: user.email ? maskEmail(user.email) : null },
      backupCodes: { remaining },
    },
    freshUntil: identity.changesUntil?.toISOString() ?? null,
  };
}
