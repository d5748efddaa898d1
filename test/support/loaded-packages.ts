// Run as a script (node --import tsx): makes the server's router from the config given as JSON in
// argv[2] (store migrated, signing key made, routes mounted: what a start does before it listens),
// then prints the npm packages it loaded, by require or by import, as a JSON array.
import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire, register } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { setImmediate as turn } from 'node:timers/promises';
import { MessageChannel } from 'node:worker_threads';
import { localServerConfig } from './server-config.js';

/** Every URL an import resolves to, told by a resolve hook (ES modules are in no require cache). */
const imported = new Set<string>();
const { port1, port2 } = new MessageChannel();
port1.on('message', (url: string) => imported.add(url));
port1.unref();
const hook = `let port;
export function initialize(data) { port = data.port; }
export async function resolve(specifier, context, next) { const found = await next(specifier, context); port.postMessage(found.url); return found; }`;
register(`data:text/javascript,${encodeURIComponent(hook)}`, { data: { port: port2 }, transferList: [port2] });

const [{ mfaLogin }, { parseConfig }, { createLogger }] = await Promise.all([
  import('../../server/app.js'),
  import('../../server/config.js'),
  import('../../server/logger.js'),
]);
const dir = mkdtempSync(path.join(tmpdir(), 'mfa-login-loaded-'));
try {
  const config = parseConfig({ ...localServerConfig(dir, 0), logLevel: 'silent', ...JSON.parse(process.argv[2] ?? '{}') }, {});
  const router = await mfaLogin(config, { logger: createLogger(config), env: {} });
  await router.close();
  // The hook's last messages cross threads.
  await turn();
  await turn();
  const files = [...Object.keys(createRequire(import.meta.url).cache), ...imported];
  const packages = new Set(
    files.map((file) => /node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(file)?.[1]).filter((name): name is string => name !== undefined),
  );
  process.stdout.write(JSON.stringify([...packages].sort()));
} finally {
  rmSync(dir, { recursive: true, force: true });
}
