import { z } from 'zod';
import { displayNameArg, emailArg, phoneArg, usernameArg } from '../admin/fields.js';
import { createUser, deleteUser, listUsers, userView } from '../admin/users.js';
import { CLI, type CliContext } from './context.js';
import { parseInput, parseValue } from './input.js';
import { withServices, withUser } from './open.js';
import { listing } from './output.js';
import { choosePassword, passwordFields, passwordOptions } from './password-input.js';
import { describeUser, smsState } from './user-view.js';

const usernameOnly = { positionals: ['username'], schema: z.object({ username: usernameArg }) } as const;

/** The argument of a command whose only one is `<username>`. */
export const usernameOf = (cli: CliContext) => parseInput(cli, usernameOnly).username;

/** `user add <username> [--display-name N] [--password P | --password-stdin] [--phone E164] [--email A]` */
export async function userAdd(cli: CliContext): Promise<void> {
  const input = parseInput(cli, {
    positionals: ['username'],
    options: { 'display-name': { type: 'string' }, ...passwordOptions, phone: { type: 'string' }, email: { type: 'string' } },
    schema: z.object({
      username: usernameArg,
      'display-name': displayNameArg.optional(),
      ...passwordFields,
      phone: z.string().optional(),
      email: emailArg.optional(),
    }),
  });
  const { password, generated } = await choosePassword(cli, input);
  return withServices(cli, async (services) => {
    const phone = input.phone === undefined ? null : parseValue(phoneArg(services.config.sms.defaultCountry), input.phone, '--phone');
    const { user } = await createUser(services, CLI, {
      username: input.username,
      displayName: input['display-name'],
      password,
      phone,
      email: input.email ?? null,
    });
    const view = await userView(services, user);
    cli.print({ user: view, ...(generated ? { password } : {}) }, () => [
      `Created user ${view.username}.`,
      ...(generated ? [`Password: ${password}`, 'It is shown only this once: hand it over safely.'] : []),
    ]);
  });
}

/** `user list` */
export async function userList(cli: CliContext): Promise<void> {
  parseInput(cli, { schema: z.object({}) });
  return withServices(cli, async (services) => {
    // Page by page, as the admin API lists them.
    const records = [];
    let cursor: string | null = null;
    do {
      const page = await listUsers(services, { limit: 200, ...(cursor ? { cursor } : {}) });
      records.push(...page.users);
      cursor = page.nextCursor;
    } while (cursor);
    const users = await Promise.all(records.map((u) => userView(services, u)));
    cli.print({ users }, () =>
      listing(
        users,
        'No users yet. Add one with: mfa-login user add <username>',
        ['USERNAME', 'DISPLAY NAME', 'TOTP', 'PHONE', 'SMS', 'E-MAIL', 'BACKUP CODES'],
        (u) => [
          u.username,
          u.displayName,
          u.totp.enrolled ? 'yes' : 'no',
          u.phone ?? '-',
          smsState(u),
          u.email ?? '-',
          String(u.backupCodesRemaining),
        ],
      ),
    );
  });
}

/** `user show <username>` */
export async function userShow(cli: CliContext): Promise<void> {
  return withUser(cli, usernameOf(cli), async (services, user) => {
    const view = await userView(services, user);
    cli.print({ user: view }, () => describeUser(view));
  });
}

/** `user remove <username>`: the user with their authenticator and backup codes. */
export async function userRemove(cli: CliContext): Promise<void> {
  return withUser(cli, usernameOf(cli), async (services, user) => {
    await deleteUser(services, CLI, user.id, 'any');
    cli.print({ removed: user.username }, () => `Removed user ${user.username}.`);
  });
}
