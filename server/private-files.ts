import { chmodSync, closeSync, existsSync, mkdirSync, openSync } from 'node:fs';

/**
 * The folder for the database, the key and the demo credentials: only the server's own user may
 * list or enter it. Only folders made here get the mode; a folder that exists is the operator's.
 */
export function privateDir(dir: string): void {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
}

/** Makes `file` (created empty when missing) readable and writable by its owner only. */
export function privateFile(file: string): void {
  if (!existsSync(file)) closeSync(openSync(file, 'a', 0o600));
  chmodSync(file, 0o600);
}
