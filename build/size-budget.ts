import { readFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import type { Plugin } from 'vite';

/**
 * What a page downloads: the drop-in script with English, one language module on top, and a method
 * screen loaded when a step offers that method (bytes, gzip).
 */
export const BUDGET = { entry: 20_000, language: 3_000, method: 6_000 };

const isMethod = (name: string) => name.startsWith('screens/methods/');
const isLanguage = (name: string) => name.startsWith('i18n/');

/** In Vite's unit, so the line reads beside its own. */
const kb = (bytes: number) => `${(bytes / 1000).toFixed(2)} kB`;

/**
 * After each drop-in build, prints the entry's gzip size and the largest language module's
 * against their budgets, and fails the build when either is over.
 */
export function sizeBudget(): Plugin {
  return {
    name: 'mfa-login:size-budget',
    apply: 'build',
    // The files as written: the minifier has had its turn.
    writeBundle(options, bundle) {
      const sizes = Object.values(bundle)
        .filter((file) => file.type === 'chunk')
        .map((chunk) => ({
          name: chunk.fileName,
          entry: chunk.isEntry,
          gzip: gzipSync(readFileSync(path.join(options.dir!, chunk.fileName))).length,
        }));
      const entry = sizes.find((file) => file.entry && !isMethod(file.name) && !isLanguage(file.name));
      const methods = sizes.filter((file) => isMethod(file.name));
      const languages = sizes.filter((file) => isLanguage(file.name)).sort((a, b) => b.gzip - a.gzip);
      const largest = languages[0];
      if (!entry) return;
      console.log(
        `size budget: ${entry.name} ${kb(entry.gzip)} gzip (≤ ${kb(BUDGET.entry)}); ` +
          (largest
            ? `${languages.length} language modules, largest ${largest.name} ${kb(largest.gzip)} gzip (≤ ${kb(BUDGET.language)})`
            : 'no language modules') +
          methods.map((file) => `; ${file.name} ${kb(file.gzip)} gzip (≤ ${kb(BUDGET.method)})`).join(''),
      );
      const budget = (file: (typeof sizes)[number]) => (isMethod(file.name) ? BUDGET.method : isLanguage(file.name) ? BUDGET.language : BUDGET.entry);
      const others = sizes.filter((file) => file !== entry && !isMethod(file.name) && !isLanguage(file.name));
      // A chunk shared between entries would make the script import another file: none may appear.
      if (others.length) this.error(`the build split off shared chunks: ${others.map((file) => file.name).join(', ')}`);
      const over = [entry, ...methods, ...languages].filter((file) => file.gzip > budget(file));
      if (over.length) this.error(`over the size budget: ${over.map((file) => `${file.name} ${kb(file.gzip)}`).join(', ')}`);
    },
  };
}
