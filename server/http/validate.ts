import type { z } from 'zod';
import { MfaError } from '../errors.js';

/** Parses with zod; failures become the contract's `invalid_request` with the issues. */
export function parseBody<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const result = schema.safeParse(input ?? {});
  if (result.success) return result.data;
  const issues = result.error.issues.map((i) => ({ path: i.path.map(String).join('.'), message: i.message }));
  const first = issues[0];
  const message = first ? `${first.path || 'body'}: ${first.message}` : 'The request is not valid.';
  throw new MfaError('invalid_request', message, { issues });
}
