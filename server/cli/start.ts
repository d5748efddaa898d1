import { z } from 'zod';
import { createServer } from '../app.js';
import { ConfigError, loadConfig } from '../config.js';
import { missingBuiltFiles, packageRoot } from '../paths.js';
import type { CliContext } from './context.js';
import { parseInput } from './input.js';
import { bannerLines } from './start-banner.js';
import { serveWithoutStdout } from './stdout-gone.js';

const startInput = z.object({
  demo: z.boolean().default(false),
  port: z.coerce.number().int('a whole number').min(1, 'a port from 1 to 65535').max(65535, 'a port from 1 to 65535').optional(),
  host: z.string().trim().min(1).max(253).optional(),
});

/**
 * A clone that was never built has no widget to serve: the demo cannot work at all, an API-only
 * server can, but every embedding page would meet a 404.
 */
function checkBuilt(cli: CliContext, demo: boolean): void {
  const root = packageRoot();
  const missing = missingBuiltFiles(root, demo);
  if (missing.length === 0) return;
  const what = `${missing.join(', ')} ${missing.length === 1 ? 'is' : 'are'} missing in ${root}`;
  if (demo) throw new ConfigError(`The demo needs the built widget and page: ${what}. Run npm run build first.`);
  cli.err(`Warning: ${what}, so /widget/* answers 404. Run npm run build first.`);
}

/** `listen EADDRINUSE: address already in use 127.0.0.1:3000` says what, not where it came from. */
function listenError(e: unknown, host: string, port: number): unknown {
  const code = (e as { code?: unknown }).code;
  if (code === 'EADDRINUSE')
    return new ConfigError(`Cannot listen on ${host}:${port}: the port is in use (EADDRINUSE). Choose another with --port or PORT.`);
  if (code === 'EACCES' || code === 'EADDRNOTAVAIL') return new ConfigError(`Cannot listen on ${host}:${port} (${code}).`);
  return e;
}

/** `mfa-login start [--config F] [--demo] [--port N] [--host H]`: serves until SIGINT/SIGTERM, then drains and exits 0. */
export async function start(cli: CliContext): Promise<void> {
  serveWithoutStdout();
  const input = parseInput(cli, {
    options: { demo: { type: 'boolean' }, port: { type: 'string' }, host: { type: 'string' } },
    schema: startInput,
  });
  const overrides: Record<string, unknown> = {};
  if (input.demo) Object.assign(overrides, { demo: true, devOutbox: true });
  if (input.port !== undefined) overrides.port = input.port;
  if (input.host !== undefined) overrides.host = input.host;
  const config = loadConfig(cli.configFile, cli.env, overrides);
  checkBuilt(cli, config.demo);
  const server = await createServer(config);
  let listening: string;
  try {
    listening = await server.listen();
  } catch (e) {
    await server.close();
    throw listenError(e, config.host, config.port);
  }
  // Listening for signals before the banner: whoever waits for the banner may stop the server at once.
  const stopped = new Promise<NodeJS.Signals>((resolve) => {
    const stop = (received: NodeJS.Signals) => {
      // A second signal during the drain gets the default action: the process ends at once.
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      resolve(received);
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
  for (const line of bannerLines(config.issuer, listening)) cli.out(line);
  if (server.demo) {
    cli.out(`  Demo login:  username ${server.demo.username}   password ${server.demo.password}`);
    cli.out(`  Texts and e-mails appear on the demo page (and at ${config.issuer}/api/v1/dev/outbox).\n`);
  }
  const signal = await stopped;
  const { logger } = server.services;
  logger.info({ signal, graceSeconds: config.shutdown.graceSeconds }, 'shutting down: no new connections, finishing requests in flight');
  await server.close();
  logger.info('stopped');
}
