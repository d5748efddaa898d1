import { z } from 'zod';
import { generateBackupCodes, importBackupCodes } from '../admin/factors.js';
import { CLI, type CliContext } from './context.js';
import { importedCodes, usernameArg } from '../admin/fields.js';
import { parseInput } from './input.js';
import { withUser } from './open.js';
import { usernameOf } from './users.js';

/** Comma-separated; each code checked as the admin API checks its codes. */
const codeList = z
  .string()
  .transform((s) =>
    s
      .split(',')
      .map((c) => c.trim())
      .filter((c) => c !== ''),
  )
  .pipe(importedCodes);

/** `user backup-codes generate <username>`: replaces every code; the new ones are printed once. */
export async function backupCodesGenerate(cli: CliContext): Promise<void> {
  return withUser(cli, usernameOf(cli), async (services, user) => {
    const codes = await generateBackupCodes(services, CLI, user);
    cli.print({ username: user.username, codes }, () => [
      `New backup codes for ${user.username} (the old ones no longer work):`,
      ...codes.map((c) => `  ${c}`),
      'They are shown only this once: each works for one login.',
    ]);
  });
}

/** `user backup-codes import <username> <code,code,…> [--replace]`: codes chosen elsewhere, stored only as hashes. */
export async function backupCodesImport(cli: CliContext): Promise<void> {
  const input = parseInput(cli, {
    positionals: ['username', 'codes'],
    options: { replace: { type: 'boolean' } },
    schema: z.object({ username: usernameArg, codes: codeList, replace: z.boolean().default(false) }),
  });
  return withUser(cli, input.username, async (services, user) => {
    const { imported, skipped, remaining } = await importBackupCodes(services, CLI, user, { codes: input.codes, replace: input.replace });
    cli.print(
      { username: user.username, imported, skipped, replaced: input.replace, remaining },
      () =>
        `${input.replace ? 'Replaced the backup codes of' : 'Added backup codes for'} ${user.username}: ${imported} imported, ` +
        `${skipped > 0 ? `${skipped} skipped (already issued; a used code stays used), ` : ''}${remaining} usable now.`,
    );
  });
}
