import { createServer } from '../app.js';
import { loadConfig } from '../config.js';
import type { CliContext } from './context.js';

/** `mfa-login start [--config F] [--demo] [--port N]`: serves until SIGINT/SIGTERM. */
export async function start(cli: CliContext): Promise<number> {
  const { values } = cli.args({ demo: { type: 'boolean' }, port: { type: 'string' }, host: { type: 'string' } });
  const overrides: Record<string, unknown> = {};
  if (values.demo) Object.assign(overrides, { demo: true, devOutbox: true });
  if (values.port !== undefined) overrides.port = Number(values.port);
  if (values.host !== undefined) overrides.host = values.host;
  const config = loadConfig(cli.configFile, cli.env, overrides);
  const server = await createServer(config);
  await server.listen();
  const url = config.issuer;
  cli.out(`\n  mfa-login is running at ${url}\n`);
  if (server.demo) {
    cli.out(`  Demo login:  username ${server.demo.username}   password ${server.demo.password}`);
    cli.out(`  Texts and e-mails appear on the demo page (and at ${url}/api/v1/dev/outbox).\n`);
  }
  await new Promise<void>((resolve) => {
    const stop = () => resolve();
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  await server.close();
  return 0;
}
