import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const probe = path.join(path.dirname(fileURLToPath(import.meta.url)), '../../support/shapes-probe.ts');

describe('requests through the server', () => {
  it('keep one V8 shape from one to the next, though Express changes their prototype', () => {
    const out = execFileSync(process.execPath, ['--allow-natives-syntax', '--import', 'tsx', probe], { encoding: 'utf8', timeout: 60_000 });
    const seen = JSON.parse(out) as { requests: number; sameRequest: number; sameAnswer: number };
    expect(seen.requests).toBe(20);
    // The first request teaches the router's own property; from the third on every shape is the same.
    expect(seen.sameRequest).toBeGreaterThanOrEqual(17);
    expect(seen.sameAnswer).toBeGreaterThanOrEqual(17);
  }, 90_000);
});
