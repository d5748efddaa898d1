import { ConfigError } from '../errors.js';
/**
 * Gateway templates in the two styles administrators already know:
 * WSO2's `$ctx.num` / `$ctx.msg` and Ubisecure's `{mobile}` / `{challenge}`.
 * Any `$ctx.name` or `{name}` whose name is among the given vars is replaced; anything else
 * (JSON braces, unknown names) is left alone.
 */
export type TemplateEscape = 'url' | 'json' | 'none';

const placeholder = /\$ctx\.([A-Za-z_][A-Za-z0-9_]*)|\{([A-Za-z_][A-Za-z0-9_]*)\}/g;

export function renderTemplate(template: string, vars: Record<string, string>, escaping: TemplateEscape): string {
  let out = '';
  let last = 0;
  const json = jsonStringTracker();
  for (const match of template.matchAll(placeholder)) {
    const name = match[1] ?? match[2] ?? '';
    const at = match.index;
    const value = Object.hasOwn(vars, name) ? vars[name] : undefined;
    const before = template.slice(last, at);
    out += before;
    if (escaping === 'json') json.feed(before);
    if (value === undefined) {
      out += match[0];
      if (escaping === 'json') json.feed(match[0]);
    } else {
      out += escapeValue(value, escaping, json.inString);
    }
    last = at + match[0].length;
  }
  return out + template.slice(last);
}

function escapeValue(value: string, escaping: TemplateEscape, inJsonString: boolean): string {
  switch (escaping) {
    case 'url':
      return encodeURIComponent(value);
    case 'json':
      // Inside "…" the quotes are the template's (`"text":"$ctx.msg"`); a bare placeholder
      // (`{"mobile": {mobile}}`, Ubisecure's example) becomes a whole JSON string.
      return inJsonString ? JSON.stringify(value).slice(1, -1) : JSON.stringify(value);
    case 'none':
      return value;
  }
}

/** Follows whether the text fed so far ends inside a JSON string literal. */
function jsonStringTracker() {
  let inString = false;
  let escaped = false;
  return {
    get inString() {
      return inString;
    },
    feed(text: string) {
      for (const ch of text) {
        if (escaped) escaped = false;
        else if (inString && ch === '\\') escaped = true;
        else if (ch === '"') inString = !inString;
      }
    },
  };
}

const envReference = /\$\{([A-Za-z_][A-Za-z0-9_]*)\}/g;

/** Resolves `${ENV_NAME}` references so secrets can stay out of configuration files. */
export function expandEnv(value: string, env: NodeJS.ProcessEnv): string {
  return value.replace(envReference, (_, name: string) => {
    const resolved = env[name];
    if (resolved === undefined || resolved === '') {
      throw new ConfigError(`Environment variable ${name} is referenced in the configuration but not set.`);
    }
    return resolved;
  });
}

/** expandEnv over every string of a parsed configuration object. */
export function expandEnvDeep<T>(value: T, env: NodeJS.ProcessEnv): T {
  if (typeof value === 'string') return expandEnv(value, env) as T;
  if (Array.isArray(value)) return value.map((item: unknown) => expandEnvDeep(item, env)) as T;
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, expandEnvDeep(item, env)])) as T;
  }
  return value;
}
