import { z } from 'zod';
import { totpName } from '../../contract/settings.js';
import { enrolTotp, removeAuthenticator, renameAuthenticator } from '../admin/factors.js';
import { driftOf, newTotpSecret } from '../methods/totp-core.js';
import type { Services } from '../services.js';
import type { TotpCredential, UserRecord } from '../store/types.js';
import { usernameArg } from '../admin/fields.js';
import { CLI, CliError, type CliContext } from './context.js';
import { parseInput } from './input.js';
import { withUser } from './open.js';
import { listing } from './output.js';
import { usernameOf } from './users.js';

/** What an operator sees of an authenticator: never its secret. */
function appView(c: TotpCredential) {
  return { id: c.id, name: c.name, createdAt: c.createdAt, lastUsedAt: c.lastUsedAt, driftSteps: driftOf(c.recentOffsets) };
}

/** An app named by its id, or by its name when that is unambiguous. */
async function findApp(services: Services, user: UserRecord, idOrName: string): Promise<TotpCredential> {
  const apps = await services.store.listTotp(user.id);
  const byId = apps.find((c) => c.id === idOrName);
  if (byId) return byId;
  const named = apps.filter((c) => c.name === idOrName);
  if (named.length === 1) return named[0]!;
  if (named.length > 1) throw new CliError(`${user.username} has ${named.length} authenticators named "${idOrName}": give the id.`, 'conflict');
  throw new CliError(`${user.username} has no authenticator "${idOrName}".`, 'not_found');
}

/** `user totp list <username>` */
export async function userTotpList(cli: CliContext): Promise<void> {
  return withUser(cli, usernameOf(cli), async (services, user) => {
    const apps = (await services.store.listTotp(user.id)).map(appView);
    cli.print({ username: user.username, authenticators: apps }, () =>
      listing(apps, `${user.username} has no authenticator app.`, ['ID', 'NAME', 'ADDED', 'LAST USED', 'DRIFT'], (a) => [
        a.id,
        a.name,
        a.createdAt,
        a.lastUsedAt ?? 'never',
        `${a.driftSteps} steps`,
      ]),
    );
  });
}

/** A base32 seed of at least 128 bits (RFC 4226 §4), as hardware tokens come with. */
const seedArg = z
  .string()
  .transform((s) => s.replace(/[\s-]/g, '').toUpperCase())
  .pipe(
    z
      .string()
      .regex(/^[A-Z2-7]+=*$/, 'not base32')
      .min(26, 'at least 26 base32 characters (128 bits)'),
  );

/**
 * `user totp add <username> [--name N] [--secret BASE32]`: a new authenticator beside the others,
 * with a new secret printed once (to hand over as the otpauth URI), or a hardware token's seed.
 */
export async function userTotpAdd(cli: CliContext): Promise<void> {
  const input = parseInput(cli, {
    positionals: ['username'],
    options: { name: { type: 'string' }, secret: { type: 'string' } },
    schema: z.object({ username: usernameArg, name: totpName.default('Authenticator'), secret: seedArg.optional() }),
  });
  return withUser(cli, input.username, async (services, user) => {
    const secret = input.secret ?? newTotpSecret();
    const { authenticator, otpauthUri } = await enrolTotp(services, CLI, user, { replace: false, name: input.name, secret });
    const added = (await services.store.listTotp(user.id)).find((c) => c.id === authenticator.id)!;
    cli.print({ username: user.username, authenticator: appView(added), ...(input.secret ? {} : { secret, otpauthUri }) }, () => [
      `Added the authenticator "${added.name}" (${added.id}) for ${user.username}.`,
      ...(input.secret ? [] : [`Secret: ${secret}`, `URI: ${otpauthUri}`, 'They are shown only this once: hand them over safely.']),
    ]);
  });
}

/** `user totp remove <username> <id|name>`: its codes stop working; the others keep working. */
export async function userTotpRemove(cli: CliContext): Promise<void> {
  const input = parseInput(cli, { positionals: ['username', 'app'], schema: z.object({ username: usernameArg, app: z.string().min(1) }) });
  return withUser(cli, input.username, async (services, user) => {
    const app = await findApp(services, user, input.app);
    await removeAuthenticator(services, CLI, user, app.id);
    const left = (await services.store.listTotp(user.id)).length;
    cli.print({ username: user.username, removed: appView(app), remaining: left }, () =>
      [
        `Removed the authenticator "${app.name}" of ${user.username}; ${left === 1 ? 'one is' : `${left} are`} left.`,
        left === 0 ? `To let the next login set one up again, run: mfa-login user reset-totp ${user.username}` : '',
      ].filter(Boolean),
    );
  });
}

/** `user totp rename <username> <id|name> <new-name>` */
export async function userTotpRename(cli: CliContext): Promise<void> {
  const input = parseInput(cli, {
    positionals: ['username', 'app', 'name'],
    schema: z.object({ username: usernameArg, app: z.string().min(1), name: totpName }),
  });
  return withUser(cli, input.username, async (services, user) => {
    const app = await findApp(services, user, input.app);
    await renameAuthenticator(services, CLI, user, app.id, input.name);
    cli.print(
      { username: user.username, authenticator: { ...appView(app), name: input.name } },
      () => `Renamed "${app.name}" of ${user.username} to "${input.name}".`,
    );
  });
}
