import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const probe = path.join(path.dirname(fileURLToPath(import.meta.url)), '../../support/shapes-probe.ts');

/** How many of 20 flow starts ended with the V8 shape of the one before (the probe runs with natives syntax). */
function shapes(mode: string[]) {
  const out = execFileSync(process.execPath, ['--allow-natives-syntax', '--import', 'tsx', probe, ...mode], { encoding: 'utf8', timeout: 60_000 });
  return JSON.parse(out) as { requests: number; sameRequest: number; sameAnswer: number };
}

describe('requests through the server', () => {
  // The first request teaches the router's own property; from the third on every shape is the same.
  it.each([
    ['keep one V8 shape from one to the next, though Express changes their prototype', []],
    ['keep it too in an app of an integrator’s that listens through the exported withSameShapes', ['host']],
  ])(
    '%s',
    (_name, mode) => {
      const seen = shapes(mode);
      expect(seen.requests).toBe(20);
      expect(seen.sameRequest).toBeGreaterThanOrEqual(17);
      expect(seen.sameAnswer).toBeGreaterThanOrEqual(17);
    },
    90_000,
  );
});
