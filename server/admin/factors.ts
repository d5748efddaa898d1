import type { z } from 'zod';
import type { adminFactors } from '../../contract/admin.js';
import { hashBackupCode, regenerateBackupCodes } from '../auth/backup-codes.js';
import { forgetDevices } from '../auth/device-tokens.js';
import { MfaError } from '../errors.js';
import { seedContext } from '../methods/totp.js';
import { enrollmentFor, newTotpSecret } from '../methods/totp-core.js';
import type { Services } from '../services.js';
import type { UserRecord } from '../store/types.js';
import { importedCodes } from './fields.js';
import { type AdminActor, reportAdminAction } from './report.js';
import { checked } from './users.js';

/**
 * A user's factors as the admin API and the CLI change them. Passkeys and trusted devices get
 * their own revoke operations here once the store keeps them (beside `forgetUserDevices`).
 */

export async function factorsOf(services: Pick<Services, 'store'>, user: UserRecord): Promise<z.output<typeof adminFactors>> {
  const [totp, remaining] = await Promise.all([services.store.getTotp(user.id), services.store.countBackupCodes(user.id)]);
  return {
    password: { set: user.passwordHash.length > 0 },
    totp: { enrolled: totp !== null, enrolledAt: totp?.createdAt ?? null },
    sms: { phone: user.phone, disabled: user.smsDisabled },
    email: { address: user.email },
    backupCodes: { remaining },
    mfaSince: user.mfaSince,
  };
}

/**
 * Forgets the authenticator and the backup codes (a lost phone may have held both), so the next
 * login enrols again, on first use; devices that signed in are no longer trusted either.
 */
export async function resetTotp(services: Services, actor: AdminActor, user: UserRecord) {
  const { totpRemoved: removed, backupCodesRemoved } = await services.store.resetSecondFactors(user.id, services.now());
  const devicesForgotten = await forgetDevices(services.store, user.id);
  reportAdminAction(services, actor, { action: 'user.reset-totp', target: { userId: user.id }, changed: ['totp', 'backupCodes', 'devices'] });
  return { removed, backupCodesRemoved, devicesForgotten };
}

/**
 * Assisted set-up by the help desk: a new authenticator in force at once, answered this once as
 * the otpauth URI and its QR code. An existing one is replaced only when asked to.
 */
export async function enrolTotp(services: Services, actor: AdminActor, user: UserRecord, options: { replace: boolean }) {
  const { config, keyring, store } = services;
  if (!options.replace && (await store.getTotp(user.id))) {
    throw new MfaError('conflict', `${user.username} has an authenticator already; ask to replace it.`);
  }
  const secret = newTotpSecret();
  const now = services.now();
  const { algorithm, digits, period } = config.totp;
  await store.setTotp(
    { userId: user.id, sealedSecret: keyring.seal(secret, seedContext(user.id)), algorithm, digits, period, lastTimeStep: null },
    now,
  );
  // From now on a login asks for the second factor; no enrolment by password alone.
  await store.markSecondFactor(user.id, now);
  const { otpauthUri, qrSvg } = await enrollmentFor(secret, config.totp.issuer ?? config.appName, user.username, config.totp);
  reportAdminAction(services, actor, { action: 'user.enrol-totp', target: { userId: user.id }, changed: ['totp'] });
  return { otpauthUri, qrSvg };
}

/** Replaces every backup code; the new ones are answered once. */
export async function generateBackupCodes(services: Services, actor: AdminActor, user: UserRecord): Promise<string[]> {
  const codes = await regenerateBackupCodes(services, user.id, services.now());
  reportAdminAction(services, actor, { action: 'user.generate-backup-codes', target: { userId: user.id }, changed: ['backupCodes'] });
  return codes;
}

/** Codes chosen elsewhere, stored only as hashes; a code the user has already (used or not) is skipped. */
export async function importBackupCodes(services: Services, actor: AdminActor, user: UserRecord, input: { codes: string[]; replace: boolean }) {
  const codes = checked(importedCodes, input.codes, 'codes');
  const hashes = codes.map((c) => hashBackupCode(services.keyring, user.id, c));
  const now = services.now();
  let imported = hashes.length;
  if (input.replace) await services.store.replaceBackupCodes(user.id, hashes, now);
  else imported = await services.store.addBackupCodes(user.id, hashes, now);
  const remaining = await services.store.countBackupCodes(user.id);
  reportAdminAction(services, actor, { action: 'user.import-backup-codes', target: { userId: user.id }, changed: ['backupCodes'] });
  return { imported, skipped: hashes.length - imported, replaced: input.replace, remaining };
}

/** Revokes every device token of the user. */
export async function forgetUserDevices(services: Services, actor: AdminActor, user: UserRecord): Promise<number> {
  const devicesForgotten = await forgetDevices(services.store, user.id);
  reportAdminAction(services, actor, { action: 'user.forget-devices', target: { userId: user.id }, changed: ['devices'] });
  return devicesForgotten;
}
