import { z } from 'zod';
import { hashBackupCode, regenerateBackupCodes } from '../auth/backup-codes.js';
import { normaliseBackupCode } from '../crypto/codes.js';
import { recordCliChange } from './audit.js';
import type { CliContext } from './context.js';
import { usernameArg } from './fields.js';
import { parseInput } from './input.js';
import { withServices } from './open.js';
import { usernameOnly } from './users.js';
import { findUser } from './user-view.js';

/** A code an operator sets, in the stored form; typed at login with any case, spaces or dashes. */
const importedCode = z
  .string()
  .transform(normaliseBackupCode)
  .pipe(
    z
      .string()
      .regex(/^[a-z0-9-]*$/, 'only letters, digits and dashes')
      .refine((c) => c.replace(/-/g, '').length >= 8, 'at least 8 letters or digits')
      .refine((c) => c.length <= 64, 'at most 64 characters'),
  );

const codeList = z
  .string()
  .transform((s) =>
    s
      .split(',')
      .map((c) => c.trim())
      .filter((c) => c !== ''),
  )
  .pipe(z.array(importedCode).min(1, 'no codes given').max(100, 'at most 100 codes at once'))
  .refine((codes) => new Set(codes).size === codes.length, 'a code appears twice');

/** `user backup-codes generate <username>`: replaces every code; the new ones are printed once. */
export async function backupCodesGenerate(cli: CliContext): Promise<number> {
  const { username } = parseInput(cli, usernameOnly);
  return withServices(cli, async (services) => {
    const user = await findUser(services, username);
    const codes = await regenerateBackupCodes(services, user.id, services.now());
    recordCliChange(services, 'factor.changed', user.id, { change: 'backup-codes-renewed', count: codes.length });
    cli.print({ username: user.username, codes }, () => [
      `New backup codes for ${user.username} (the old ones no longer work):`,
      ...codes.map((c) => `  ${c}`),
      'They are shown only this once: each works for one login.',
    ]);
    return 0;
  });
}

/** `user backup-codes import <username> <code,code,…> [--replace]`: codes chosen elsewhere, stored only as hashes. */
export async function backupCodesImport(cli: CliContext): Promise<number> {
  const input = parseInput(cli, {
    positionals: ['username', 'codes'],
    options: { replace: { type: 'boolean' } },
    schema: z.object({ username: usernameArg, codes: codeList, replace: z.boolean().default(false) }),
  });
  return withServices(cli, async (services) => {
    const user = await findUser(services, input.username);
    const hashes = input.codes.map((c) => hashBackupCode(services.keyring, user.id, c));
    const now = services.now();
    let imported = hashes.length;
    if (input.replace) await services.store.replaceBackupCodes(user.id, hashes, now);
    else imported = await services.store.addBackupCodes(user.id, hashes, now);
    const skipped = hashes.length - imported;
    const remaining = await services.store.countBackupCodes(user.id);
    recordCliChange(services, 'factor.changed', user.id, { change: 'backup-codes-imported', imported, replaced: input.replace });
    cli.print(
      { username: user.username, imported, skipped, replaced: input.replace, remaining },
      () =>
        `${input.replace ? 'Replaced the backup codes of' : 'Added backup codes for'} ${user.username}: ${imported} imported, ` +
        `${skipped > 0 ? `${skipped} skipped (already issued; a used code stays used), ` : ''}${remaining} usable now.`,
    );
    return 0;
  });
}
