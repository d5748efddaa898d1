import { z } from 'zod';
import { createServer } from '../app.js';
import { loadConfig } from '../config.js';
import type { CliContext } from './context.js';
import { parseInput } from './input.js';

const startInput = z.object({
  demo: z.boolean().default(false),
  port: z.coerce.number().int('a whole number').min(1, 'a port from 1 to 65535').max(65535, 'a port from 1 to 65535').optional(),
  host: z.string().trim().min(1).max(253).optional(),
});

/** `mfa-login start [--config F] [--demo] [--port N] [--host H]`: serves until SIGINT/SIGTERM, then drains and exits 0. */
export async function start(cli: CliContext): Promise<number> {
  const input = parseInput(cli, {
    options: { demo: { type: 'boolean' }, port: { type: 'string' }, host: { type: 'string' } },
    schema: startInput,
  });
  const overrides: Record<string, unknown> = {};
  if (input.demo) Object.assign(overrides, { demo: true, devOutbox: true });
  if (input.port !== undefined) overrides.port = input.port;
  if (input.host !== undefined) overrides.host = input.host;
  const config = loadConfig(cli.configFile, cli.env, overrides);
  const server = await createServer(config);
  await server.listen();
  const url = config.issuer;
  cli.out(`\n  mfa-login is running at ${url}\n`);
  if (server.demo) {
    cli.out(`  Demo login:  username ${server.demo.username}   password ${server.demo.password}`);
    cli.out(`  Texts and e-mails appear on the demo page (and at ${url}/api/v1/dev/outbox).\n`);
  }
  const signal = await new Promise<NodeJS.Signals>((resolve) => {
    const stop = (received: NodeJS.Signals) => {
      // A second signal during the drain gets the default action: the process ends at once.
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      resolve(received);
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
  const { logger } = server.services;
  logger.info({ signal, graceSeconds: config.shutdown.graceSeconds }, 'shutting down: no new connections, finishing requests in flight');
  await server.close();
  logger.info('stopped');
  return 0;
}
