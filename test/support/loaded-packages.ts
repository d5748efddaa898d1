// Run as a script (node --import tsx): builds the server's services from the config given as JSON
// in argv[2], then prints the npm packages loaded through require (ESM imports of CommonJS
// packages included) as a JSON array.
import { createRequire } from 'node:module';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { buildServices } from '../../server/build-services.js';
import { parseConfig } from '../../server/config.js';
import { createLogger } from '../../server/logger.js';
import { localServerConfig } from './server-config.js';

const dir = mkdtempSync(path.join(tmpdir(), 'mfa-login-loaded-'));
try {
  const config = parseConfig({ ...localServerConfig(dir, 0), logLevel: 'silent', ...JSON.parse(process.argv[2] ?? '{}') }, {});
  const services = await buildServices(config, { logger: createLogger(config), env: {} });
  await services.store.close();
  const packages = new Set(
    Object.keys(createRequire(import.meta.url).cache)
      .map((file) => /node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(file)?.[1])
      .filter((name): name is string => name !== undefined),
  );
  process.stdout.write(JSON.stringify([...packages].sort()));
} finally {
  rmSync(dir, { recursive: true, force: true });
}
