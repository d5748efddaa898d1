import { maskForLog } from '../providers/sms/phone.js';
import { revokeTrustedDevices } from '../auth/trusted-devices.js';
import { randomBytes } from 'node:crypto';
import type { z } from 'zod';
import type { AdminUser } from '../../contract/admin.js';
import { MfaError } from '../errors.js';
import type { Services } from '../services.js';
import { type UserPatch, type UserRecord, UsernameTakenError } from '../store/types.js';
import { displayNameArg, emailArg, phoneArg, usernameArg } from './fields.js';
import { type AdminActor, reportAdminAction } from './report.js';

/**
 * The user operations of the admin API and the CLI: one behaviour, two doors. Values arrive
 * checked by the caller's schema (the contract's or the CLI's); these normalise them the same
 * way for both and raise the contract's errors.
 */

/** `'any'`: the caller holds no ETag (the CLI); a number: the version the caller read. */
export type Expected = number | 'any';

const stale = () => new MfaError('precondition_failed');
const noUser = () => new MfaError('not_found', 'No such user.');

/** A value checked by a field schema, or `invalid_request` naming the field. */
export function checked<S extends z.ZodType>(schema: S, value: unknown, field: string): z.output<S> {
  const r = schema.safeParse(value);
  if (r.success) return r.data;
  const message = r.error.issues[0]?.message ?? 'not valid';
  throw new MfaError('invalid_request', `${field}: ${message}`, { issues: [{ path: field, code: 'invalid_format', message }] });
}

export async function userView(services: Pick<Services, 'store'>, user: UserRecord): Promise<AdminUser> {
  const [apps, backupCodesRemaining] = await Promise.all([services.store.listTotp(user.id), services.store.countBackupCodes(user.id)]);
  return {
    id: user.id,
    username: user.username,
    displayName: user.displayName,
    passwordSet: user.passwordHash.length > 0,
    disabled: user.disabled,
    totp: { enrolled: apps.length > 0, enrolledAt: apps[0]?.createdAt ?? null, count: apps.length },
    phone: user.phone,
    smsDisabled: user.smsDisabled,
    email: user.email,
    backupCodesRemaining,
    mfaSince: user.mfaSince,
    createdAt: user.createdAt,
    updatedAt: user.updatedAt,
  };
}

export async function userById(services: Pick<Services, 'store'>, id: string): Promise<UserRecord> {
  return (await services.store.getUser(id)) ?? Promise.reject(noUser());
}

export async function userByName(services: Pick<Services, 'store'>, username: string): Promise<UserRecord> {
  const user = await services.store.findUserByUsername(usernameArg.safeParse(username).data ?? username);
  if (!user) throw new MfaError('not_found', `No user named "${username}".`);
  return user;
}

/** A random password (144 bits) for the caller to hand over once. */
export const generatePassword = () => randomBytes(18).toString('base64url');

export interface NewUserInput {
  username: string;
  displayName?: string | undefined;
  password?: string | undefined;
  phone?: string | null | undefined;
  email?: string | null | undefined;
  smsDisabled?: boolean | undefined;
}

/** Creates a user; without a password one is generated and answered (to show once). */
export async function createUser(services: Services, actor: AdminActor, input: NewUserInput): Promise<{ user: UserRecord; password?: string }> {
  const username = checked(usernameArg, input.username, 'username');
  const password = input.password ?? generatePassword();
  const phone = input.phone == null ? null : checked(phoneArg(services.config.sms.defaultCountry), input.phone, 'phone');
  const email = input.email == null ? null : checked(emailArg, input.email, 'email');
  const displayName = input.displayName === undefined ? username : checked(displayNameArg, input.displayName, 'displayName');
  let user: UserRecord;
  try {
    user = await services.store.createUser(
      { username, displayName, passwordHash: await services.passwords.hash(password), phone, email, smsDisabled: input.smsDisabled ?? false },
      services.now(),
    );
  } catch (e) {
    if (e instanceof UsernameTakenError) throw new MfaError('conflict', e.message);
    throw e;
  }
  reportAdminAction(services, actor, { action: 'user.create', target: { userId: user.id } });
  return { user, ...(input.password === undefined ? { password } : {}) };
}

export interface UserChange {
  displayName?: string | undefined;
  phone?: string | null | undefined;
  email?: string | null | undefined;
  smsDisabled?: boolean | undefined;
  disabled?: boolean | undefined;
}

/** The store's patch for a change, each value normalised as at creation. */
function patchOf(services: Services, change: UserChange): UserPatch {
  const patch: UserPatch = {};
  if (change.displayName !== undefined) patch.displayName = checked(displayNameArg, change.displayName, 'displayName');
  if (change.phone !== undefined)
    patch.phone = change.phone === null ? null : checked(phoneArg(services.config.sms.defaultCountry), change.phone, 'phone');
  if (change.email !== undefined) patch.email = change.email === null ? null : checked(emailArg, change.email, 'email');
  if (change.smsDisabled !== undefined) patch.smsDisabled = change.smsDisabled;
  if (change.disabled !== undefined) patch.disabled = change.disabled;
  return patch;
}

/** A change of a sign-in factor (phone, address, SMS switch) is a `factor.changed` event; its `change` names them. */
function factorChangeOf(patch: UserPatch): { factorChange?: string; facts?: Record<string, string> } {
  const changes = [
    patch.phone !== undefined && (patch.phone === null ? 'phone-removed' : 'phone-set'),
    patch.email !== undefined && (patch.email === null ? 'email-removed' : 'email-set'),
    patch.smsDisabled !== undefined && (patch.smsDisabled ? 'sms-disabled' : 'sms-enabled'),
  ].filter((c): c is string => typeof c === 'string');
  if (changes.length === 0) return {};
  // The new number masked, as every log and event shows numbers.
  return { factorChange: changes.join(' '), ...(patch.phone ? { facts: { destination: maskForLog(patch.phone) } } : {}) };
}

/** Applies a change, only to the version the caller read when it names one (412 otherwise). */
export async function updateUser(
  services: Services,
  actor: AdminActor,
  userId: string,
  change: UserChange,
  expected: Expected,
  action = 'user.update',
) {
  const patch = patchOf(services, change);
  // Without an ETag (the CLI) a concurrent change is no conflict: read again and apply the patch on top.
  for (let attempt = 0; attempt < (expected === 'any' ? 5 : 1); attempt++) {
    const current = await userById(services, userId);
    if (expected !== 'any' && current.version !== expected) throw stale();
    const changed = await services.store.updateUserIfVersion(userId, current.version, patch, services.now());
    if (changed) {
      // A new phone revokes trusted devices, as in settings: the factor they stood in for changed.
      const revoked = patch.phone !== undefined && patch.phone !== current.phone ? await revokeTrustedDevices(services.store, userId) : 0;
      const factor = factorChangeOf(patch);
      reportAdminAction(services, actor, {
        action,
        target: { userId },
        changed: Object.keys(patch),
        ...factor,
        ...(revoked > 0 ? { facts: { ...factor.facts, trustedDevicesRevoked: revoked } } : {}),
      });
      return changed;
    }
  }
  throw (await services.store.getUser(userId)) ? stale() : noUser();
}

/** A disabled user cannot sign in; idempotent both ways. */
export function setDisabled(services: Services, actor: AdminActor, userId: string, disabled: boolean) {
  return updateUser(services, actor, userId, { disabled }, 'any', disabled ? 'user.disable' : 'user.enable');
}

/** Deletes the user with every credential of theirs; false when there was none (idempotent). */
export async function deleteUser(services: Services, actor: AdminActor, userId: string, expected: Expected): Promise<boolean> {
  const current = await services.store.getUser(userId);
  if (!current) return false;
  if (expected !== 'any' && current.version !== expected) throw stale();
  const deleted = await services.store.deleteUser(userId);
  if (deleted) reportAdminAction(services, actor, { action: 'user.delete', target: { userId } });
  return deleted;
}

/** A new password; every device that signed in is no longer trusted (whoever knew the old one may have used it). */
export async function setPassword(
  services: Services,
  actor: AdminActor,
  userId: string,
  password: string,
): Promise<{ devicesForgotten: number; trustedDevicesRevoked: number }> {
  await services.store.updateUser(userId, { passwordHash: await services.passwords.hash(password) }, services.now());
  const devicesForgotten = await services.deviceTokens.forget(userId, services.now());
  // Whoever knew the old password may have trusted a device of their own to skip the second step.
  const trustedDevicesRevoked = await revokeTrustedDevices(services.store, userId);
  reportAdminAction(services, actor, {
    action: 'user.set-password',
    target: { userId },
    changed: ['passwordHash'],
    factorChange: 'password-set',
    facts: { devicesForgotten, trustedDevicesRevoked },
  });
  return { devicesForgotten, trustedDevicesRevoked };
}

export interface UserSearch {
  username?: string | undefined;
  email?: string | undefined;
  phone?: string | undefined;
  cursor?: string | undefined;
  limit: number;
}

const cursorOf = (username: string) => Buffer.from(username, 'utf8').toString('base64url');
const usernameOfCursor = (cursor: string) => Buffer.from(cursor, 'base64url').toString('utf8');

/** A page of users in username order; `nextCursor` continues after its last one. */
export async function listUsers(services: Services, search: UserSearch): Promise<{ users: UserRecord[]; nextCursor: string | null }> {
  const users = await services.store.searchUsers({
    limit: search.limit + 1,
    ...(search.cursor ? { after: usernameOfCursor(search.cursor) } : {}),
    ...(search.username ? { usernamePrefix: checked(usernameArg, search.username, 'username') } : {}),
    ...(search.email ? { email: search.email.trim() } : {}),
    ...(search.phone ? { phone: checked(phoneArg(services.config.sms.defaultCountry), search.phone, 'phone') } : {}),
  });
  const page = users.slice(0, search.limit);
  return { users: page, nextCursor: users.length > search.limit ? cursorOf(page.at(-1)!.username) : null };
}
