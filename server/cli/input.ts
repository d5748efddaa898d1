import type { ParseArgsConfig } from 'node:util';
import type { z } from 'zod';
import { UsageError, type CliContext } from './context.js';

export interface InputSpec<S extends z.ZodType> {
  /** Names of the positional arguments, in order. */
  positionals?: readonly string[];
  options?: NonNullable<ParseArgsConfig['options']>;
  /** Keys: the positional names and the option names as typed (`display-name`). */
  schema: S;
}

function describePath(path: readonly PropertyKey[], positionals: readonly string[]): string {
  const [key, ...rest] = path.map(String);
  if (key === undefined) return 'arguments';
  const name = positionals.includes(key) ? `<${key}>` : `--${key}`;
  return [name, ...rest.map((p) => (/^\d+$/.test(p) ? `#${Number(p) + 1}` : p))].join(' ');
}

/** Zod issues as lines an operator can act on, each naming the argument as it was typed. */
function usageFromIssues(error: z.ZodError, input: Record<string, unknown>, positionals: readonly string[] = []): UsageError {
  const lines = error.issues.map((issue) => {
    const key = issue.path[0];
    const missing = issue.path.length === 1 && input[String(key)] === undefined;
    return `${describePath(issue.path, positionals)}: ${missing ? 'missing' : issue.message}`;
  });
  return new UsageError(lines.join('\n'));
}

/** Reads a command's arguments and validates them with `schema`; any problem is a usage error. */
export function parseInput<S extends z.ZodType>(cli: CliContext, spec: InputSpec<S>): z.output<S> {
  const names = spec.positionals ?? [];
  const { values, positionals } = cli.args(spec.options ?? {});
  if (positionals.length > names.length) throw new UsageError(`Unexpected argument "${positionals[names.length]}".`);
  const input: Record<string, unknown> = { ...values };
  for (const [i, name] of names.entries()) input[name] = positionals[i];
  const result = spec.schema.safeParse(input);
  if (!result.success) throw usageFromIssues(result.error, input, names);
  return result.data;
}

/** Validates one value that can only be checked once the config is known; `label` as typed: `--phone`, `<phone>`. */
export function parseValue<S extends z.ZodType>(schema: S, value: unknown, label: string): z.output<S> {
  const result = schema.safeParse(value);
  if (!result.success) throw new UsageError(result.error.issues.map((issue) => `${label}: ${issue.message}`).join('\n'));
  return result.data;
}
