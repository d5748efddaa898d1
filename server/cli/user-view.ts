import type { CredentialStore } from '../store/ports/credentials.js';
import type { UserRecord, UserStore } from '../store/ports/users.js';
import { CliError } from './context.js';
import { fields } from './output.js';

/** A user's factors as an operator sees them; the full phone number is for the operator only, never a log. */
export interface UserView {
  id: string;
  username: string;
  displayName: string;
  passwordSet: boolean;
  /** `enrolledAt`: when the oldest of `count` authenticators was added. */
  totp: { enrolled: boolean; enrolledAt: string | null; count: number };
  phone: string | null;
  smsDisabled: boolean;
  email: string | null;
  backupCodesRemaining: number;
  /** When the user first set up or used a second factor; null: the next login may enrol one. */
  mfaSince: string | null;
  createdAt: string;
  updatedAt: string;
}

export async function findUser(services: { store: Pick<UserStore, 'findUserByUsername'> }, username: string): Promise<UserRecord> {
  const user = await services.store.findUserByUsername(username);
  if (!user) throw new CliError(`No user named "${username}".`, 'not_found');
  return user;
}

export async function userView(services: { store: Pick<CredentialStore, 'listTotp' | 'countBackupCodes'> }, user: UserRecord): Promise<UserView> {
  const apps = await services.store.listTotp(user.id);
  return {
    id: user.id,
    username: user.username,
    displayName: user.displayName,
    passwordSet: user.passwordHash.length > 0,
    totp: { enrolled: apps.length > 0, enrolledAt: apps[0]?.createdAt ?? null, count: apps.length },
    phone: user.phone,
    smsDisabled: user.smsDisabled,
    email: user.email,
    backupCodesRemaining: await services.store.countBackupCodes(user.id),
    mfaSince: user.mfaSince,
    createdAt: user.createdAt,
    updatedAt: user.updatedAt,
  };
}

export function smsState(v: UserView): string {
  if (!v.phone) return 'no phone';
  return v.smsDisabled ? 'disabled' : 'enabled';
}

export function describeUser(v: UserView): string[] {
  return [
    `${v.username} (${v.displayName})`,
    ...fields([
      ['id', v.id],
      ['password', v.passwordSet ? 'set' : 'not set'],
      [
        'TOTP',
        v.totp.enrolled ? `${v.totp.count === 1 ? 'enrolled' : `${v.totp.count} authenticators, first`} ${v.totp.enrolledAt}` : 'not enrolled',
      ],
      ['phone', v.phone ?? 'none'],
      ['SMS codes', smsState(v)],
      ['e-mail', v.email ?? 'none'],
      ['backup codes', `${v.backupCodesRemaining} left`],
      ['second factor', v.mfaSince ? `in use since ${v.mfaSince}` : 'never used (the next login may set one up)'],
      ['created', v.createdAt],
      ['updated', v.updatedAt],
    ]),
  ];
}
