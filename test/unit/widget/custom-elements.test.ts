import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ELEMENTS, manifest } from '../../../build/custom-elements.js';

const root = path.resolve(import.meta.dirname, '../../..');
type Entry = {
  tagName: string;
  attributes: { name: string }[];
  events: { name: string }[];
  slots: { name: string }[];
  cssProperties: { name: string }[];
};
const entries = (manifest(root) as { modules: { declarations: Entry[] }[] }).modules.map((module) => module.declarations[0]!);
const names = (list: { name: string }[] | undefined) => (list ?? []).map((item) => item.name);

describe('custom-elements.json', () => {
  it('describes both elements, as package.json names it', () => {
    expect(entries.map((entry) => entry.tagName)).toEqual(['mfa-login', 'mfa-login-settings']);
    const pkg = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as { customElements: string; files: string[] };
    expect(pkg.customElements).toBe('custom-elements.json');
    expect(pkg.files).toContain('custom-elements.json');
  });

  it('lists every attribute each element observes, its slots and the login’s events', () => {
    for (const [i, { source }] of ELEMENTS.entries()) {
      const code = readFileSync(path.join(root, source), 'utf8');
      const block = /static override properties = \{([\s\S]*?)\n {2}\};/.exec(code)![1]!;
      const observed = [...block.matchAll(/^\s+(\w+): \{([^}]*)\}/gm)]
        .filter(([, , options]) => !/attribute: false|state: true/.test(options!))
        .map(([, name, options]) => /attribute: '([\w-]+)'/.exec(options!)?.[1] ?? name!.toLowerCase());
      expect(names(entries[i]!.attributes)).toEqual(expect.arrayContaining([...observed, 'lang']));
      expect(names(entries[i]!.slots)).toEqual(['logo', 'header', 'footer']);
    }
    const events = readFileSync(path.join(root, 'widget/events.ts'), 'utf8');
    const emitted = [...new Set([...events.matchAll(/'(mfa-login-[a-z-]+)'/g)].map((m) => m[1]))];
    expect(names(entries[0]!.events).sort()).toEqual(emitted.sort());
    expect(names(entries[1]!.cssProperties)).toContain('--mfa-login-font-size');
  });
});
