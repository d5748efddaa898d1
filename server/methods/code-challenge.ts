import { z } from 'zod';

/** A typed code: spaces a user adds while copying it ("123 456") do not count. */
export const codeField = z
  .string()
  .transform((s) => s.replace(/\s/g, ''))
  .pipe(z.string().min(1).max(16));
export const codeBody = z.object({ code: codeField });
export type CodeBody = z.infer<typeof codeBody>;
