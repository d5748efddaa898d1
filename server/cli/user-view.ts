import type { AdminUser } from '../../contract/admin.js';
import { fields } from './output.js';

export function smsState(v: AdminUser): string {
  if (!v.phone) return 'no phone';
  return v.smsDisabled ? 'disabled' : 'enabled';
}

/** A user's factors as an operator sees them (the admin API's user); the full phone number is for the operator only, never a log. */
export function describeUser(v: AdminUser): string[] {
  return [
    `${v.username} (${v.displayName})`,
    ...fields([
      ['id', v.id],
      ['password', v.passwordSet ? 'set' : 'not set'],
      ['sign-in', v.disabled ? 'disabled' : 'enabled'],
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
