import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const probe = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../support/loaded-packages.ts');

/** The npm packages a process has loaded once the router is made from `config`. */
function loadedWith(config: object): string[] {
  const run = spawnSync(process.execPath, ['--import', 'tsx', probe, JSON.stringify(config)], { encoding: 'utf8', timeout: 60_000 });
  if (run.status !== 0) throw new Error(`the probe exited with ${run.status ?? run.signal}:\n${run.stderr}`);
  try {
    return JSON.parse(run.stdout);
  } catch {
    throw new Error(`the probe printed no package list:\n${run.stdout}\n${run.stderr}`);
  }
}

describe('what a start loads', () => {
  // prom-client and the OpenTelemetry API it requires are ~100 files read and compiled at every start.
  it('leaves the metrics library unread while metrics are off, and loads it once they are on', () => {
    expect(loadedWith({})).not.toContain('prom-client');
    expect(loadedWith({ metrics: { enabled: true, port: 0 } })).toContain('prom-client');
  }, 120_000);

  // ~60 modules: only token checks and DPoP proofs use them; a first start makes its key with node:crypto.
  it('leaves jose unread until a token is checked', () => {
    expect(loadedWith({})).not.toContain('jose');
  }, 60_000);
});
