import { expandEnv, expandEnvDeep } from '../template.js';
import type { HttpSmsConfig } from './config.js';

/**
 * Values a provider's templates hold as they are: filled in the same pass as `$ctx.msg`, so
 * they are escaped for where they stand (URL, form, JSON) and never read as templates.
 */
export interface Literals {
  /** Named values, each referenced as `{name}` in a template. */
  values: Record<string, string>;
  /** The address the URL template continues, as written (a preset's base, a whole-URL variable). */
  base: string;
}

export const noLiterals: Literals = { values: {}, base: '' };

const reference = /\$\{([A-Za-z_][A-Za-z0-9_]*)\}/g;
const leadingReference = /^\$\{[A-Za-z_][A-Za-z0-9_]*\}/;

/**
 * Resolves an HTTP provider's `${ENV}` references. In the templates (`url`, `query`, `payload`)
 * each becomes a placeholder of a literal value, so a secret holding `& + / = " {mobile}` stays
 * that secret. A reference that starts `url` is the address itself, used as written. Elsewhere
 * (headers, Basic auth) nothing is templated: the value is used as it is.
 */
export function literalEnv(config: HttpSmsConfig, env: NodeJS.ProcessEnv): { config: HttpSmsConfig; literals: Literals } {
  const values: Record<string, string> = {};
  const template = (text: string) =>
    text.replace(reference, (whole, name: string) => {
      const placeholder = `__env_${name}`;
      values[placeholder] = expandEnv(whole, env);
      return `{${placeholder}}`;
    });
  const leading = leadingReference.exec(config.url)?.[0] ?? '';
  const base = leading ? expandEnv(leading, env) : '';
  const url = template(config.url.slice(leading.length));
  const query = Object.fromEntries(Object.entries(config.query).map(([key, value]) => [key, template(value)]));
  const payload =
    config.payload === undefined || typeof config.payload === 'string'
      ? config.payload && template(config.payload)
      : Object.fromEntries(Object.entries(config.payload).map(([key, value]) => [key, Array.isArray(value) ? value.map(template) : template(value)]));
  return {
    // The templates' raw expansion is replaced by theirs: it only checks that every variable is set.
    config: { ...expandEnvDeep(config, env), url, query, ...(payload !== undefined ? { payload } : {}) },
    literals: { values, base },
  };
}
