import { readFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import type { Plugin } from 'vite';

/** What a page downloads: the drop-in script with English, and one language module on top (bytes, gzip). */
export const BUDGET = { entry: 20_000, language: 3_000 };

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
      const entry = sizes.find((file) => file.entry);
      const languages = sizes.filter((file) => !file.entry).sort((a, b) => b.gzip - a.gzip);
      const largest = languages[0];
      if (!entry) return;
      console.log(
        `size budget: ${entry.name} ${kb(entry.gzip)} gzip (≤ ${kb(BUDGET.entry)}); ` +
          (largest
            ? `${languages.length} language modules, largest ${largest.name} ${kb(largest.gzip)} gzip (≤ ${kb(BUDGET.language)})`
            : 'no language modules'),
      );
      const over = [entry, ...languages].filter((file) => file.gzip > (file.entry ? BUDGET.entry : BUDGET.language));
      if (over.length) this.error(`over the size budget: ${over.map((file) => `${file.name} ${kb(file.gzip)}`).join(', ')}`);
    },
  };
}
