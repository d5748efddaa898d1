import { z } from 'zod';
import { forgetDevices } from '../auth/device-tokens.js';
import { maskForLog } from '../providers/sms/phone.js';
import { recordCliChange } from './audit.js';
import { revokeTrustedDevices } from '../auth/trusted-devices.js';
import type { Services } from '../services.js';
import type { UserPatch, UserRecord } from '../store/types.js';
import { UsageError, type CliContext } from './context.js';
import { emailArg, phoneArg, usernameArg } from './fields.js';
import { parseInput, parseValue } from './input.js';
import { withServices } from './open.js';
import { choosePassword, passwordFields, passwordOptions } from './password-input.js';
import { usernameOnly } from './users.js';
import { describeUser, findUser, userView } from './user-view.js';

/** Applies `patch` to the named user and prints the result, with a `warning` when the change alone does not do what it says. */
async function patchUser(
  cli: CliContext,
  username: string,
  patch: (user: UserRecord, services: Services) => Promise<UserPatch> | UserPatch,
  done: string,
  change: string,
  warning: (user: UserRecord) => string | undefined = () => undefined,
): Promise<number> {
  return withServices(cli, async (services) => {
    const user = await findUser(services, username);
    const changes = await patch(user, services);
    const changed = await services.store.updateUser(user.id, changes, services.now());
    recordCliChange(services, 'factor.changed', user.id, { change, ...(changes.phone ? { destination: maskForLog(changes.phone) } : {}) });
    const view = await userView(services, changed);
    const warned = warning(changed);
    cli.print({ user: view, ...(warned ? { warning: warned } : {}) }, () => [
      `${done} for ${view.username}.`,
      ...(warned ? [warned] : []),
      ...describeUser(view).slice(1),
    ]);
    return 0;
  });
}

/** `user set-password <username> [--password P | --password-stdin]`; without either, a new one is printed once. */
export async function userSetPassword(cli: CliContext): Promise<number> {
  const input = parseInput(cli, {
    positionals: ['username'],
    options: passwordOptions,
    schema: z.object({ username: usernameArg, ...passwordFields }),
  });
  const { password, generated } = await choosePassword(cli, input);
  return withServices(cli, async (services) => {
    const user = await findUser(services, input.username);
    await services.store.updateUser(user.id, { passwordHash: await services.passwords.hash(password) }, services.now());
    // Whoever knew the old password may have signed in from a device of their own.
    const devicesForgotten = await forgetDevices(services.store, user.id);
    const trustedDevicesRevoked = await revokeTrustedDevices(services.store, user.id);
    recordCliChange(services, 'factor.changed', user.id, { change: 'password-set', devicesForgotten, trustedDevicesRevoked });
    cli.print({ username: user.username, devicesForgotten, trustedDevicesRevoked, ...(generated ? { password } : {}) }, () => [
      `Set a new password for ${user.username}.${forgottenText(devicesForgotten)}${revokedText(trustedDevicesRevoked)}`,
      ...(generated ? [`Password: ${password}`, 'It is shown only this once: hand it over safely.'] : []),
    ]);
    return 0;
  });
}

/** One value or --clear, never both. */
function valueOrClear(kind: string) {
  return {
    positionals: ['username', kind],
    options: { clear: { type: 'boolean' } },
    schema: z
      .object({ username: usernameArg, [kind]: z.string().min(1).optional(), clear: z.boolean().optional() })
      .transform((v): { username: string; value: string | null } => {
        const value = v[kind] as string | undefined;
        if ((value === undefined) === (v.clear !== true)) throw new UsageError(`Give either <${kind}> or --clear.`);
        return { username: v.username as string, value: value ?? null };
      }),
  } as const;
}

/** `user set-phone <username> <phone|--clear>` */
export async function userSetPhone(cli: CliContext): Promise<number> {
  const { username, value } = parseInput(cli, valueOrClear('phone'));
  return patchUser(
    cli,
    username,
    (_u, services) => ({ phone: value === null ? null : parseValue(phoneArg(services.config.sms.defaultCountry), value, '<phone>') }),
    value === null ? 'Removed the phone' : 'Set the phone',
    value === null ? 'phone-removed' : 'phone-set',
  );
}

/** `user set-email <username> <address|--clear>` */
export async function userSetEmail(cli: CliContext): Promise<number> {
  const { username, value } = parseInput(cli, valueOrClear('address'));
  const email = value === null ? null : parseValue(emailArg, value, '<address>');
  return patchUser(
    cli,
    username,
    () => ({ email }),
    email === null ? 'Removed the e-mail address' : 'Set the e-mail address',
    email === null ? 'email-removed' : 'email-set',
  );
}

/** `user disable-sms <username>`: SMS codes are no longer offered, the phone stays. */
export async function userDisableSms(cli: CliContext): Promise<number> {
  const { username } = parseInput(cli, usernameOnly);
  return patchUser(cli, username, () => ({ smsDisabled: true }), 'Disabled SMS codes', 'sms-disabled');
}

/** `user enable-sms <username>` */
export async function userEnableSms(cli: CliContext): Promise<number> {
  const { username } = parseInput(cli, usernameOnly);
  return patchUser(
    cli,
    username,
    () => ({ smsDisabled: false }),
    'Enabled SMS codes',
    'sms-enabled',
    (user) =>
      user.phone
        ? undefined
        : `${user.username} has no phone set, so no texts can be offered yet: set one with mfa-login user set-phone ${user.username} <phone>.`,
  );
}

/**
 * `user reset-totp <username>`: forgets the authenticator and the backup codes (a lost phone
 * may have held both), so the next login enrols again, on first use, and hands out new codes.
 */
export async function userResetTotp(cli: CliContext): Promise<number> {
  const { username } = parseInput(cli, usernameOnly);
  return withServices(cli, async (services) => {
    const user = await findUser(services, username);
    const { totpRemoved: removed, backupCodesRemoved } = await services.store.resetSecondFactors(user.id, services.now());
    // A lost or stolen phone may also be a device that signed in, or one trusted to skip this factor.
    const devicesForgotten = await forgetDevices(services.store, user.id);
    const trustedDevicesRevoked = await revokeTrustedDevices(services.store, user.id);
    recordCliChange(services, 'factor.changed', user.id, {
      change: 'totp-reset',
      totpRemoved: removed,
      backupCodesRemoved,
      devicesForgotten,
      trustedDevicesRevoked,
    });
    cli.print({ username: user.username, removed, backupCodesRemoved, devicesForgotten, trustedDevicesRevoked }, () => {
      const what = [removed && 'the authenticator', backupCodesRemoved > 0 && `${backupCodesRemoved} unused backup codes`]
        .filter(Boolean)
        .join(' and ');
      return (
        (what
          ? `Removed ${what} of ${user.username}: the next login can set up a second factor again.`
          : `${user.username} had no authenticator or unused backup codes; the next login can set up a second factor again.`) +
        forgottenText(devicesForgotten) +
        revokedText(trustedDevicesRevoked)
      );
    });
    return 0;
  });
}

const revokedText = (n: number) => (n > 0 ? ` ${n === 1 ? 'One trusted device asks' : `${n} trusted devices ask`} for the second step again.` : '');

const forgottenText = (n: number) => (n > 0 ? ` ${n === 1 ? 'One signed-in device is' : `${n} signed-in devices are`} no longer trusted.` : '');

/**
 * `user forget-devices <username>`: revokes the device tokens of every browser that signed in
 * as the user, so none of them skips the per-username slow-down any more.
 */
export async function userForgetDevices(cli: CliContext): Promise<number> {
  const { username } = parseInput(cli, usernameOnly);
  return withServices(cli, async (services) => {
    const user = await findUser(services, username);
    const devicesForgotten = await forgetDevices(services.store, user.id);
    recordCliChange(services, 'factor.changed', user.id, { change: 'devices-forgotten', devicesForgotten });
    cli.print({ username: user.username, devicesForgotten }, () =>
      devicesForgotten > 0
        ? `Forgot ${devicesForgotten} signed-in device${devicesForgotten === 1 ? '' : 's'} of ${user.username}.`
        : `${user.username} had no signed-in devices.`,
    );
    return 0;
  });
}
