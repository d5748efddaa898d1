import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { defaultConfigFile, parseConfig, type ConfigInput } from '../config.js';
import { loadMasterKey } from '../crypto/keyring.js';
import { CliError, type CliContext } from './context.js';
import { parseInput } from './input.js';

/**
 * A config to start from: the README explains each field. Paths sit beside the config file, so
 * the data stays together wherever it is written.
 */
function starterConfig(configFile: string): ConfigInput {
  const dir = path.dirname(path.resolve(configFile));
  const beside = (p: string) => (dir === process.cwd() ? `./${p}` : path.join(dir, p));
  return {
    port: 3000,
    host: '127.0.0.1',
    issuer: 'http://localhost:3000',
    appName: 'mfa-login',
    store: { type: 'sqlite', path: beside('data/mfa-login.db') },
    keyFile: beside('data/mfa-login.key'),
    logLevel: 'info',
    sms: { provider: { type: 'console' } },
    email: { provider: { type: 'console' } },
    clients: [
      {
        clientId: 'example',
        name: 'Example app',
        allowedOrigins: ['http://localhost:8080'],
        sequence: [['password'], ['totp', 'sms', 'backup_code']],
        acrSequences: { pwd: [['password']] },
        defaultAcr: 'mfa',
      },
    ],
  };
}

/** `init [--force]`: writes mfa-login.config.json and creates the master key file (0600). */
export async function init(cli: CliContext): Promise<void> {
  const { force } = parseInput(cli, { options: { force: { type: 'boolean' } }, schema: z.object({ force: z.boolean().default(false) }) });
  const file = cli.configFile ?? defaultConfigFile;
  if (existsSync(file) && !force) throw new CliError(`${file} already exists; add --force to overwrite it.`, 'conflict');
  const config = starterConfig(file);
  // The starter must load exactly as written, or init would leave a server that cannot start.
  parseConfig(config, {}, file);
  mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  writeFileSync(file, `${JSON.stringify(config, null, 2)}\n`);

  const keyFile = String(config.keyFile);
  const fromEnv = Boolean(cli.env.MFA_LOGIN_KEY);
  const existed = existsSync(keyFile);
  // An existing key is never replaced: every sealed TOTP secret and signing key depends on it.
  loadMasterKey(keyFile, cli.env);
  const key = fromEnv ? 'env' : existed ? 'kept' : 'created';
  cli.print({ configFile: file, keyFile, key }, () => [
    `Wrote ${file}.`,
    key === 'env'
      ? 'The master key comes from MFA_LOGIN_KEY; no key file was written.'
      : key === 'kept'
        ? `Kept the existing key file ${keyFile}.`
        : `Created the key file ${keyFile} (mode 0600). Back it up: without it no TOTP secret or signing key can be read.`,
    'Next: mfa-login user add <username>, mfa-login client add <clientId> --name NAME --origin URL, then mfa-login start',
  ]);
}
