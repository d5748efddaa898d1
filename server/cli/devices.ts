import { z } from 'zod';
import { revokeAllTrustedDevices, revokeTrustedDevice, trustedDevicesOf } from '../admin/factors.js';
import { usernameArg } from '../admin/fields.js';
import { CLI, CliError, UsageError, type CliContext } from './context.js';
import { parseInput } from './input.js';
import { withUser } from './open.js';
import { listing } from './output.js';
import { usernameOf } from './users.js';

const day = (iso: string | null) => (iso ? iso.slice(0, 16).replace('T', ' ') : 'never');

/** `user devices <username>`: the browsers trusted to skip the second step, with first and last use (the admin API's factors list the same). */
export async function userDevices(cli: CliContext): Promise<void> {
  return withUser(cli, usernameOf(cli), async (services, user) => {
    const devices = await trustedDevicesOf(services, user);
    cli.print({ username: user.username, devices }, () =>
      listing(devices, `${user.username} has no trusted devices.`, ['ID', 'NAME', 'TRUSTED', 'LAST USED', 'EXPIRES', 'CLIENT'], (d) => [
        d.id,
        d.name,
        day(d.createdAt),
        day(d.lastUsedAt),
        day(d.expiresAt),
        d.clientId,
      ]),
    );
  });
}

/** `user revoke-device <username> (<id> | --all)`: the device asks for the second step again (as the admin API's `DELETE …/devices`). */
export async function userRevokeDevice(cli: CliContext): Promise<void> {
  const input = parseInput(cli, {
    positionals: ['username', 'id'],
    options: { all: { type: 'boolean' } },
    schema: z.object({ username: usernameArg, id: z.string().min(1).max(64).optional(), all: z.boolean().optional() }),
  });
  if ((input.id === undefined) === (input.all !== true)) throw new UsageError('Give either <id> or --all.');
  return withUser(cli, input.username, async (services, user) => {
    if (input.all) {
      const revoked = await revokeAllTrustedDevices(services, CLI, user);
      cli.print({ username: user.username, revoked }, () =>
        revoked > 0
          ? `Revoked ${revoked} trusted device${revoked === 1 ? '' : 's'} of ${user.username}.`
          : `${user.username} had no trusted devices.`,
      );
      return;
    }
    if (!(await revokeTrustedDevice(services, CLI, user, input.id!)))
      throw new CliError(`${user.username} has no trusted device "${input.id}".`, 'not_found');
    cli.print({ username: user.username, revoked: 1 }, () => `Revoked trusted device ${input.id} of ${user.username}.`);
  });
}
