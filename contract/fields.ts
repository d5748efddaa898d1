import { z } from 'zod';

/** Fields several methods' contracts share; below flows.ts, which reads the methods' contracts. */

export const dateTime = z.string().meta({ format: 'date-time' });

/** A typed code: spaces a user adds while copying it ("123 456") do not count. */
export const codeField = z
  .string()
  .transform((s) => s.replace(/\s/g, ''))
  .pipe(z.string().min(1).max(16))
  .meta({ description: 'Spaces are ignored.', minLength: 1, maxLength: 16 });

/** The body of an action that takes nothing beyond `flow`. */
export const emptyBody = z.object({}).meta({ description: 'No fields; `{}`.' });
export const codeBody = z.object({ code: codeField });
export type CodeBody = z.output<typeof codeBody>;

/** The fields of the last code sent by SMS or e-mail in this flow. */
export const codeChallengeFields = {
  sent: z.boolean().meta({ description: 'A code was sent in this flow and can still be used.' }),
  resendAfter: dateTime.optional().meta({ description: 'When a new code may be asked for; present once a code was sent.' }),
  codeExpiresAt: dateTime.optional().meta({ description: 'When the last code stops working.' }),
  attemptsRemaining: z.int().min(0).optional().meta({ description: 'Wrong codes still allowed for the last code.' }),
};
