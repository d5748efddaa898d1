import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The elements, their sources and the file the package ships them in. */
export const ELEMENTS = [
  { source: 'widget/mfa-login.ts', shipped: 'dist/widget/mfa-login.js' },
  { source: 'widget/mfa-login-settings.ts', shipped: 'dist/widget/mfa-login-settings.js' },
];

interface Named {
  name: string;
  description: string;
}

const KINDS = { attr: 'attributes', event: 'events', slot: 'slots', csspart: 'cssParts', cssproperty: 'cssProperties' } as const;

/** The JSDoc block right above `export class Name`, without its `*` margins. */
function classDoc(code: string): { name: string; doc: string } {
  const match = /\/\*\*((?:(?!\*\/)[\s\S])*)\*\/\s*export class (\w+) extends LitElement/.exec(code);
  if (!match) throw new Error('no documented `export class … extends LitElement`');
  const doc = match[1]!
    .split('\n')
    .map((line) => line.replace(/^\s*\* ?/, ''))
    .join('\n');
  return { name: match[2]!, doc };
}

/**
 * One element's manifest entry from the JSDoc tags it carries (`@attr`, `@event`, `@slot`,
 * `@csspart`, `@cssproperty`; a tag's text goes on over lines indented under it).
 */
export function declaration(code: string): Record<string, unknown> {
  const { name, doc } = classDoc(code);
  const tag = /customElements\.define\('([\w-]+)'/.exec(code)?.[1];
  if (!tag) throw new Error(`${name}: no customElements.define`);
  const lists: Record<string, Named[]> = {};
  const description: string[] = [];
  let current: Named | undefined;
  for (const line of doc.split('\n')) {
    const tagged = /^@(\w+)\s+(\S+)(?:\s+-\s+(.*))?$/.exec(line);
    if (tagged) {
      const kind = KINDS[tagged[1] as keyof typeof KINDS];
      if (!kind) throw new Error(`${name}: unknown tag @${tagged[1]}`);
      current = { name: tagged[2]!, description: tagged[3] ?? '' };
      lists[kind] = [...(lists[kind] ?? []), current];
    } else if (current && /^\s+\S/.test(line)) {
      current.description += ` ${line.trim()}`;
    } else {
      current = undefined;
      if (!Object.keys(lists).length) description.push(line);
    }
  }
  return { kind: 'class', name, tagName: tag, customElement: true, description: description.join('\n').trim(), ...lists };
}

/** The Custom Elements Manifest (schema 2.1) of the package's elements. */
export function manifest(root: string): Record<string, unknown> {
  const modules = ELEMENTS.map(({ source, shipped }) => {
    const element = declaration(readFileSync(path.join(root, source), 'utf8'));
    return {
      kind: 'javascript-module',
      path: shipped,
      declarations: [element],
      exports: [{ kind: 'custom-element-definition', name: element.tagName, declaration: { name: element.name, module: shipped } }],
    };
  });
  // `<mfa-login-settings>` takes the login's custom properties, as its JSDoc says.
  const [login, ...others] = modules.map((module) => module.declarations[0]!);
  for (const other of others) other.cssProperties ??= login!.cssProperties;
  return { schemaVersion: '2.1.0', readme: 'README.md', modules };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
  writeFileSync(path.join(root, 'custom-elements.json'), `${JSON.stringify(manifest(root), null, 2)}\n`);
  console.log('custom-elements.json written');
}
