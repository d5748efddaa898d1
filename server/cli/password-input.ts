import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import { UsageError, type CliContext } from './context.js';
import { passwordArg } from '../admin/fields.js';
import { parseValue } from './input.js';

export const passwordOptions = { password: { type: 'string' }, 'password-stdin': { type: 'boolean' } } as const;

export const passwordFields = { password: passwordArg.optional(), 'password-stdin': z.boolean().optional() };

/**
 * The password from --password, from standard input (so it stays out of the shell history and
 * the process list), or a new random one (144 bits) that the caller prints once.
 */
export async function choosePassword(
  cli: CliContext,
  input: { password?: string | undefined; 'password-stdin'?: boolean | undefined },
): Promise<{ password: string; generated: boolean }> {
  if (input.password !== undefined && input['password-stdin']) throw new UsageError('Use either --password or --password-stdin, not both.');
  if (input['password-stdin']) {
    const text = (await cli.stdin()).replace(/\r?\n$/, '');
    return { password: parseValue(passwordArg, text, '--password-stdin'), generated: false };
  }
  if (input.password !== undefined) return { password: input.password, generated: false };
  return { password: randomBytes(18).toString('base64url'), generated: true };
}
