import type { z } from 'zod';
import type { adminFactors } from '../../contract/admin.js';
import { hashBackupCode, regenerateBackupCodes } from '../auth/backup-codes.js';
import { deviceView, revokeTrustedDevices } from '../auth/trusted-devices.js';
import { MfaError } from '../errors.js';
import { seedContext } from '../methods/totp.js';
import { enrollmentFor, newTotpSecret } from '../methods/totp-core.js';
import type { Services } from '../services.js';
import type { PasskeyRecord, TotpCredential, TrustedDeviceRecord, UserRecord } from '../store/types.js';
import { MAX_AUTHENTICATORS } from '../self-service/totp.js';
import { importedCodes } from './fields.js';
import { type AdminAction, type AdminActor, reportAdminAction } from './report.js';
import { checked } from './users.js';

/** A user's factors as the admin API and the CLI read and change them: one behaviour, two doors. */

/** What an admin sees of an authenticator app: never its secret. */
export const authenticatorView = (c: TotpCredential) => ({ id: c.id, name: c.name, createdAt: c.createdAt, lastUsedAt: c.lastUsedAt });

/** What an admin sees of a passkey: never its public key or credential id. */
export const passkeyView = (p: PasskeyRecord) => ({
  id: p.id,
  name: p.name,
  createdAt: p.createdAt,
  lastUsedAt: p.lastUsedAt,
  backedUp: p.backedUp,
  transports: p.transports,
});

/** What an admin sees of a trusted device: the client it skips a step on, never its key. */
export const trustedDeviceView = (d: TrustedDeviceRecord) => ({ ...deviceView(d), clientId: d.clientId });

/** The user's live trusted devices, newest first. */
export async function trustedDevicesOf(services: Pick<Services, 'store' | 'now'>, user: UserRecord) {
  return (await services.store.listTrustedDevices(user.id, services.now())).map(trustedDeviceView);
}

export async function factorsOf(services: Pick<Services, 'store' | 'now'>, user: UserRecord): Promise<z.output<typeof adminFactors>> {
  const [apps, remaining, passkeys, trustedDevices] = await Promise.all([
    services.store.listTotp(user.id),
    services.store.countBackupCodes(user.id),
    services.store.listPasskeys(user.id),
    trustedDevicesOf(services, user),
  ]);
  return {
    password: { set: user.passwordHash.length > 0 },
    totp: { enrolled: apps.length > 0, enrolledAt: apps[0]?.createdAt ?? null, authenticators: apps.map(authenticatorView) },
    sms: { phone: user.phone, disabled: user.smsDisabled },
    email: { address: user.email },
    backupCodes: { remaining },
    passkeys: passkeys.map(passkeyView),
    trustedDevices,
    mfaSince: user.mfaSince,
  };
}

/** What a change of one user's factors reports; the user is the target. */
type UserAction = Omit<AdminAction, 'target'>;

const report = (services: Services, actor: AdminActor, user: UserRecord, what: UserAction) =>
  reportAdminAction(services, actor, { ...what, target: { userId: user.id } });

/** An idempotent change (false: the user has nothing with that id) is reported only when it changed something. */
async function reportIf(services: Services, actor: AdminActor, user: UserRecord, change: Promise<boolean>, what: UserAction): Promise<boolean> {
  const done = await change;
  if (done) report(services, actor, user, what);
  return done;
}

/**
 * Forgets every authenticator and the backup codes (a lost phone may have held both), so the next
 * login enrols again, on first use; devices that signed in are no longer trusted either.
 */
export async function resetTotp(services: Services, actor: AdminActor, user: UserRecord) {
  const { totpRemoved: removed, backupCodesRemoved } = await services.store.resetSecondFactors(user.id, services.now());
  const devicesForgotten = await services.deviceTokens.forget(user.id, services.now());
  // A lost phone may be a browser trusted to stand in for this factor, too.
  const trustedDevicesRevoked = await revokeTrustedDevices(services.store, user.id);
  report(services, actor, user, {
    action: 'user.reset-totp',
    changed: ['totp', 'backupCodes', 'devices', 'trustedDevices'],
    factorChange: 'totp-reset',
    facts: { totpRemoved: removed, backupCodesRemoved, devicesForgotten, trustedDevicesRevoked },
  });
  return { removed, backupCodesRemoved, devicesForgotten, trustedDevicesRevoked };
}

/**
 * Assisted set-up by the help desk: a new authenticator in force at once, answered this once as
 * the otpauth URI and its QR code. It is added beside the user's others (at most
 * MAX_AUTHENTICATORS: `conflict` beyond), or with `replace` it replaces all of them.
 */
export async function enrolTotp(
  services: Services,
  actor: AdminActor,
  user: UserRecord,
  options: { replace: boolean; name?: string /** A hardware token's seed (base32); else a new one. */; secret?: string },
) {
  const { config, keyring, store } = services;
  const secret = options.secret ?? newTotpSecret();
  const now = services.now();
  const { algorithm, digits, period } = config.totp;
  const credential = {
    userId: user.id,
    name: options.name ?? 'Authenticator',
    sealedSecret: keyring.seal(secret, seedContext(user.id)),
    algorithm,
    digits,
    period,
  };
  const added = options.replace ? await store.setTotp(credential, now) : await store.addTotp(credential, now, MAX_AUTHENTICATORS);
  if (!added) throw new MfaError('conflict', `${user.username} has ${MAX_AUTHENTICATORS} authenticators already: remove one, or replace them all.`);
  // From now on a login asks for the second factor; no enrolment by password alone.
  await store.markSecondFactor(user.id, now);
  // A new authenticator revokes trusted devices, as in settings: the factor they stood in for changed.
  const trustedDevicesRevoked = await revokeTrustedDevices(store, user.id);
  const { otpauthUri, qrSvg } = await enrollmentFor(secret, config.totp.issuer ?? config.appName, user.username, config.totp);
  const factorChange = options.replace ? 'totp-replaced' : 'totp-added';
  report(services, actor, user, { action: 'user.enrol-totp', changed: ['totp'], factorChange, facts: { trustedDevicesRevoked } });
  return { otpauthUri, qrSvg, authenticator: authenticatorView(added) };
}

/**
 * Forgets one authenticator of the user; the others keep working. False when the user has none
 * with this id (idempotent). Removing the last one leaves the user's `mfaSince`: their next login
 * asks for a code they cannot give until an admin resets or enrols again, as in `user totp remove`.
 */
export const removeAuthenticator = (services: Services, actor: AdminActor, user: UserRecord, authenticatorId: string) =>
  reportIf(services, actor, user, services.store.removeTotp(user.id, authenticatorId), {
    action: 'user.remove-totp',
    changed: ['totp'],
    factorChange: 'totp-removed',
  });

/** Renames one authenticator; false when the user has none with this id. */
export const renameAuthenticator = (services: Services, actor: AdminActor, user: UserRecord, authenticatorId: string, name: string) =>
  reportIf(services, actor, user, services.store.renameTotp(user.id, authenticatorId, name), { action: 'user.rename-totp', changed: ['totp.name'] });

/** Replaces every backup code; the new ones are answered once. */
export async function generateBackupCodes(services: Services, actor: AdminActor, user: UserRecord): Promise<string[]> {
  const codes = await regenerateBackupCodes(services, user.id, services.now());
  report(services, actor, user, { action: 'user.generate-backup-codes', changed: ['backupCodes'], factorChange: 'backup-codes-renewed' });
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
  report(services, actor, user, { action: 'user.import-backup-codes', changed: ['backupCodes'], factorChange: 'backup-codes-imported' });
  return { imported, skipped: hashes.length - imported, replaced: input.replace, remaining };
}

/** Revokes every device token of the user. */
export async function forgetUserDevices(services: Services, actor: AdminActor, user: UserRecord): Promise<number> {
  const devicesForgotten = await services.deviceTokens.forget(user.id, services.now());
  report(services, actor, user, { action: 'user.forget-devices', changed: ['devices'], factorChange: 'devices-forgotten' });
  return devicesForgotten;
}

/** Removes one passkey of the user: it no longer signs in. False when the user has none with this id (idempotent). */
export const removePasskey = (services: Services, actor: AdminActor, user: UserRecord, passkeyId: string) =>
  reportIf(services, actor, user, services.store.deletePasskey(user.id, passkeyId), {
    action: 'user.remove-passkey',
    changed: ['passkeys'],
    factorChange: 'passkey-removed',
  });

/**
 * Revokes one trusted device of the user: its next login asks for the second step again. False
 * when the user has no live device with this id (idempotent; another user's device is not theirs).
 */
export const revokeTrustedDevice = (services: Services, actor: AdminActor, user: UserRecord, deviceId: string) =>
  reportIf(services, actor, user, services.store.deleteTrustedDevice(user.id, deviceId), {
    action: 'user.revoke-trusted-device',
    changed: ['trustedDevices'],
    factorChange: 'trusted-device-revoked',
  });

/** Revokes every trusted device of the user; answers how many there were. */
export async function revokeAllTrustedDevices(services: Services, actor: AdminActor, user: UserRecord): Promise<number> {
  const trustedDevicesRevoked = await revokeTrustedDevices(services.store, user.id);
  report(services, actor, user, {
    action: 'user.revoke-trusted-devices',
    changed: ['trustedDevices'],
    factorChange: 'trusted-devices-revoked',
    facts: { trustedDevicesRevoked },
  });
  return trustedDevicesRevoked;
}
