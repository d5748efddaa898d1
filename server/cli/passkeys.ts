import { z } from 'zod';
import { passkeyName } from '../../contract/passkey.js';
import { removePasskey } from '../admin/factors.js';
import { usernameArg } from '../admin/fields.js';
import { passkeySummary } from '../methods/passkey-core.js';
import { CLI, CliError, type CliContext } from './context.js';
import { parseInput } from './input.js';
import { withUser } from './open.js';
import { usernameOf } from './users.js';

const passkeyId = z.string().min(1).max(64);

/** `user passkeys list <username>`: each passkey's id, name, when made and last used; never a key. */
export async function passkeysList(cli: CliContext): Promise<void> {
  return withUser(cli, usernameOf(cli), async (services, user) => {
    const passkeys = (await services.store.listPasskeys(user.id)).map(passkeySummary);
    cli.print({ username: user.username, passkeys }, () =>
      passkeys.length === 0
        ? `${user.username} has no passkeys.`
        : [
            `Passkeys of ${user.username}:`,
            ...passkeys.map(
              (p) =>
                `  ${p.id}  ${p.name}  made ${p.createdAt}, ${p.lastUsedAt ? `last used ${p.lastUsedAt}` : 'never used'}${p.synced ? ', synced' : ''}`,
            ),
          ],
    );
  });
}

/** `user passkeys rename <username> <id> <name>` */
export async function passkeysRename(cli: CliContext): Promise<void> {
  const input = parseInput(cli, {
    positionals: ['username', 'id', 'name'],
    schema: z.object({ username: usernameArg, id: passkeyId, name: passkeyName }),
  });
  return withUser(cli, input.username, async (services, user) => {
    if (!(await services.store.renamePasskey(user.id, input.id, input.name)))
      throw new CliError(`${user.username} has no passkey ${input.id}.`, 'not_found');
    cli.print(
      { username: user.username, id: input.id, name: input.name },
      () => `Renamed passkey ${input.id} of ${user.username} to "${input.name}".`,
    );
  });
}

/** `user passkeys remove <username> <id>`: it no longer signs in, from now on (as the admin API's `DELETE …/passkeys/{id}`). */
export async function passkeysRemove(cli: CliContext): Promise<void> {
  const input = parseInput(cli, { positionals: ['username', 'id'], schema: z.object({ username: usernameArg, id: passkeyId }) });
  return withUser(cli, input.username, async (services, user) => {
    if (!(await removePasskey(services, CLI, user, input.id))) throw new CliError(`${user.username} has no passkey ${input.id}.`, 'not_found');
    cli.print({ username: user.username, removed: input.id }, () => `Removed passkey ${input.id} of ${user.username}: it no longer signs in.`);
  });
}
