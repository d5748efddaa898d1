import { z } from 'zod';
import { totpName } from '../../contract/settings.js';
import { enrolTotp, forgetUserDevices, resetTotp } from '../admin/factors.js';
import { emailArg, phoneArg, usernameArg } from '../admin/fields.js';
import { setPassword, updateUser, type UserChange, userView } from '../admin/users.js';
import type { Services } from '../services.js';
import type { UserRecord } from '../store/types.js';
import { CLI, UsageError, type CliContext } from './context.js';
import { parseInput, parseValue } from './input.js';
import { withUser } from './open.js';
import { choosePassword, passwordFields, passwordOptions } from './password-input.js';
import { usernameOf } from './users.js';
import { describeUser } from './user-view.js';

/** Applies `patch` to the named user and prints the result, with a `warning` when the change alone does not do what it says. */
async function patchUser(
  cli: CliContext,
  username: string,
  patch: (user: UserRecord, services: Services) => UserChange,
  done: string,
  warning: (user: UserRecord) => string | undefined = () => undefined,
  action?: string,
): Promise<void> {
  return withUser(cli, username, async (services, user) => {
    const changed = await updateUser(services, CLI, user.id, patch(user, services), 'any', action);
    const view = await userView(services, changed);
    const warned = warning(changed);
    cli.print({ user: view, ...(warned ? { warning: warned } : {}) }, () => [
      `${done} for ${view.username}.`,
      ...(warned ? [warned] : []),
      ...describeUser(view).slice(1),
    ]);
  });
}

/** `user set-password <username> [--password P | --password-stdin]`; without either, a new one is printed once. */
export async function userSetPassword(cli: CliContext): Promise<void> {
  const input = parseInput(cli, {
    positionals: ['username'],
    options: passwordOptions,
    schema: z.object({ username: usernameArg, ...passwordFields }),
  });
  const { password, generated } = await choosePassword(cli, input);
  return withUser(cli, input.username, async (services, user) => {
    const { devicesForgotten, trustedDevicesRevoked } = await setPassword(services, CLI, user.id, password);
    cli.print({ username: user.username, devicesForgotten, trustedDevicesRevoked, ...(generated ? { password } : {}) }, () => [
      `Set a new password for ${user.username}.${forgottenText(devicesForgotten)}${revokedText(trustedDevicesRevoked)}`,
      ...(generated ? [`Password: ${password}`, 'It is shown only this once: hand it over safely.'] : []),
    ]);
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
export async function userSetPhone(cli: CliContext): Promise<void> {
  const { username, value } = parseInput(cli, valueOrClear('phone'));
  return patchUser(
    cli,
    username,
    (_u, services) => ({ phone: value === null ? null : parseValue(phoneArg(services.config.sms.defaultCountry), value, '<phone>') }),
    value === null ? 'Removed the phone' : 'Set the phone',
    undefined,
    value === null ? 'user.remove-phone' : 'user.update',
  );
}

/** `user set-email <username> <address|--clear>` */
export async function userSetEmail(cli: CliContext): Promise<void> {
  const { username, value } = parseInput(cli, valueOrClear('address'));
  const email = value === null ? null : parseValue(emailArg, value, '<address>');
  return patchUser(cli, username, () => ({ email }), email === null ? 'Removed the e-mail address' : 'Set the e-mail address');
}

/** `user disable-sms <username>`: SMS codes are no longer offered, the phone stays. */
export async function userDisableSms(cli: CliContext): Promise<void> {
  return patchUser(cli, usernameOf(cli), () => ({ smsDisabled: true }), 'Disabled SMS codes');
}

/** `user enable-sms <username>` */
export async function userEnableSms(cli: CliContext): Promise<void> {
  return patchUser(
    cli,
    usernameOf(cli),
    () => ({ smsDisabled: false }),
    'Enabled SMS codes',
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
export async function userResetTotp(cli: CliContext): Promise<void> {
  return withUser(cli, usernameOf(cli), async (services, user) => {
    const { removed, backupCodesRemoved, devicesForgotten, trustedDevicesRevoked } = await resetTotp(services, CLI, user);
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
  });
}

const revokedText = (n: number) => (n > 0 ? ` ${n === 1 ? 'One trusted device asks' : `${n} trusted devices ask`} for the second step again.` : '');

const forgottenText = (n: number) => (n > 0 ? ` ${n === 1 ? 'One signed-in device is' : `${n} signed-in devices are`} no longer trusted.` : '');

/**
 * `user forget-devices <username>`: revokes the device tokens of every browser that signed in
 * as the user, so none of them skips the per-username slow-down any more.
 */
export async function userForgetDevices(cli: CliContext): Promise<void> {
  return withUser(cli, usernameOf(cli), async (services, user) => {
    const devicesForgotten = await forgetUserDevices(services, CLI, user);
    cli.print({ username: user.username, devicesForgotten }, () =>
      devicesForgotten > 0
        ? `Forgot ${devicesForgotten} signed-in device${devicesForgotten === 1 ? '' : 's'} of ${user.username}.`
        : `${user.username} had no signed-in devices.`,
    );
  });
}

/** `user disable <username>`: the user can no longer sign in (the password step answers as for a wrong password). */
export async function userDisable(cli: CliContext): Promise<void> {
  return patchUser(cli, usernameOf(cli), () => ({ disabled: true }), 'Disabled sign-in', undefined, 'user.disable');
}

/** `user enable <username>` */
export async function userEnable(cli: CliContext): Promise<void> {
  return patchUser(cli, usernameOf(cli), () => ({ disabled: false }), 'Enabled sign-in', undefined, 'user.enable');
}

/**
 * `user enrol-totp <username> [--name N] [--replace]`: help-desk set-up of an authenticator, in
 * force at once, added beside the user's others (`--replace`: instead of all of them). Prints the otpauth URI (holding the secret) this once; with --json also the QR code's SVG.
 */
export async function userEnrolTotp(cli: CliContext): Promise<void> {
  const input = parseInput(cli, {
    positionals: ['username'],
    options: { replace: { type: 'boolean' }, name: { type: 'string' } },
    schema: z.object({ username: usernameArg, replace: z.boolean().default(false), name: totpName.default('Authenticator') }),
  });
  return withUser(cli, input.username, async (services, user) => {
    const enrolment = await enrolTotp(services, CLI, user, { replace: input.replace, name: input.name });
    cli.print({ username: user.username, ...enrolment }, () => [
      input.replace
        ? `Replaced every authenticator of ${user.username} with "${enrolment.authenticator.name}" (${enrolment.authenticator.id}).`
        : `Added the authenticator "${enrolment.authenticator.name}" (${enrolment.authenticator.id}) for ${user.username}.`,
      'Add it in the app with this URI (or its QR code, with --json):',
      enrolment.otpauthUri,
      'It is shown only this once.',
    ]);
  });
}
