import type { z } from 'zod';
import { MfaError } from './errors.js';

interface Trail {
  key: string;
  parent: Trail | null;
}

/** The path of the first string holding NUL; no recursion and no path strings built on the way (bodies nest deeply). */
function nulPath(input: unknown): string | null {
  const pending: [unknown, Trail | null][] = [[input, null]];
  for (let item = pending.pop(); item; item = pending.pop()) {
    const [value, trail] = item;
    if (typeof value === 'string' && value.includes('\u0000')) {
      const keys: string[] = [];
      for (let t = trail; t; t = t.parent) keys.unshift(t.key);
      return keys.join('.');
    }
    if (value && typeof value === 'object') {
      for (const [key, child] of Object.entries(value)) pending.push([child, { key, parent: trail }]);
    }
  }
  return null;
}

/** Parses with zod; failures become the contract's `invalid_request` with the issues. */
export function parseBody<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  // No field needs NUL, and Postgres text cannot hold it: refuse it before any store sees it.
  const nul = nulPath(input);
  if (nul !== null)
    throw new MfaError('invalid_request', `${nul || 'body'}: must not contain NUL characters`, {
      issues: [{ path: nul, code: 'invalid_format', message: 'must not contain NUL characters' }],
    });
  const result = schema.safeParse(input ?? {});
  if (result.success) return result.data;
  // `code` is zod's kind of issue: what a client needs to say what is wrong in its own language.
  const issues = result.error.issues.map((i) => ({ path: i.path.map(String).join('.'), code: i.code, message: i.message }));
  const first = issues[0];
  const message = first ? `${first.path || 'body'}: ${first.message}` : 'The request is not valid.';
  throw new MfaError('invalid_request', message, { issues });
}
