import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const probe = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../support/loaded-packages.ts');

/** The npm packages a process has loaded once the services are built from `config`. */
const loadedWith = (config: object): string[] =>
  JSON.parse(execFileSync(process.execPath, ['--import', 'tsx', probe, JSON.stringify(config)], { encoding: 'utf8', timeout: 60_000 }));

describe('what a start loads', () => {
  // prom-client and the OpenTelemetry API it requires are ~100 files read and compiled at every start.
  it('leaves the metrics library unread while metrics are off, and loads it once they are on', () => {
    expect(loadedWith({})).not.toContain('prom-client');
    expect(loadedWith({ metrics: { enabled: true, port: 0 } })).toContain('prom-client');
  }, 120_000);
});
