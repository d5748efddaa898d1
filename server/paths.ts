import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The package root, found the same way from server/ (tests) and dist/server/ (built). */
export function packageRoot(): string {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  while (!existsSync(path.join(dir, 'package.json'))) {
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error(`package.json not found above ${fileURLToPath(import.meta.url)}`);
    dir = parent;
  }
  return dir;
}

/** What `npm run build` makes that the server hands to browsers: the drop-in scripts, and the demo page. */
export function builtFiles(demo: boolean): string[] {
  return ['dist/widget/mfa-login.js', 'dist/widget/mfa-login-settings.js', ...(demo ? ['dist/demo/index.html'] : [])];
}

/** The built files missing under `root`: a clone that was never built serves no widget. */
export function missingBuiltFiles(root: string, demo: boolean): string[] {
  return builtFiles(demo).filter((file) => !existsSync(path.join(root, file)));
}
