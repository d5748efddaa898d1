import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigError, parseConfig } from '../../../server/config.js';
import { cliHarness, type CliHarness } from '../cli/harness.js';

const production = { NODE_ENV: 'production' };
const demoRefused = 'demo cannot be on when NODE_ENV=production: it creates user alice with a password printed at start-up.';

describe('NODE_ENV=production refuses the demo', () => {
  it('parseConfig throws for demo: true under production, and accepts it otherwise', () => {
    expect(() => parseConfig({ demo: true }, production)).toThrow(new ConfigError(demoRefused));
    expect(parseConfig({ demo: true }, { NODE_ENV: 'development' }).demo).toBe(true);
    expect(parseConfig({ demo: false }, production).demo).toBe(false);
  });

  describe('mfa-login start', () => {
    let cli: CliHarness;
    beforeAll(async () => {
      cli = await cliHarness('sqlite');
    });
    afterAll(() => cli.cleanup());

    it('--demo exits 1 with the reason and serves nothing', async () => {
      const res = await cli.spawn(['start', '--demo', '--port', '1'], { env: production, timeoutMs: 10_000 });
      expect(res.code).toBe(1);
      expect(res.out).toBe('');
      expect(res.err).toBe(`Error: ${demoRefused}`);
    });

    it('demo: true in the config file exits 1 the same way', async () => {
      const configFile = path.join(cli.dir, 'demo.config.json');
      writeFileSync(
        configFile,
        JSON.stringify({ demo: true, store: { type: 'sqlite', path: path.join(cli.dir, 'demo.db') }, keyFile: path.join(cli.dir, 'demo.key') }),
      );
      const res = await cli.spawn(['-c', configFile, 'start'], { env: production, withConfig: false, timeoutMs: 10_000 });
      expect(res.code).toBe(1);
      expect(res.err).toBe(`Error: ${demoRefused}`);
    });
  });
});
