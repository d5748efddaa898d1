import { userByName } from '../admin/users.js';
import { buildServices, closeWriters } from '../build-services.js';
import { ConfigError, loadConfig } from '../config.js';
import { loadMasterKey } from '../crypto/keyring.js';
import { createLogger } from '../logger.js';
import type { Services } from '../services.js';
import { StoreError, type UserRecord } from '../store/types.js';
import { CliError, type CliContext } from './context.js';

/**
 * Builds the services from the config (the store migrated, the key loaded), runs `fn` and
 * always closes the store, so the process can exit.
 */
export async function withServices<T>(cli: CliContext, fn: (services: Services) => Promise<T>): Promise<T> {
  const config = loadConfig(cli.configFile, cli.env);
  // stdout carries the command's answer (one JSON document with --json); logs go to stderr.
  const logger = createLogger(config, process.stderr);
  try {
    loadMasterKey(config.keyFile, cli.env);
  } catch (e) {
    throw new CliError(`Cannot load the master key: ${(e as Error).message}`);
  }
  let services: Services;
  try {
    services = await buildServices(config, { env: cli.env, logger });
  } catch (e) {
    if (e instanceof ConfigError || e instanceof StoreError) throw e;
    throw new CliError(`Cannot open the ${config.store.type} store: ${(e as Error).message}`);
  }
  try {
    return await fn(services);
  } finally {
    // What the command recorded reaches the store (and the sink) before the process ends.
    await closeWriters(services);
    await services.store.close();
  }
}

/** `withServices` for a command about one named user; `not_found` (exit code 1) when there is none. */
export const withUser = <T>(cli: CliContext, username: string, fn: (services: Services, user: UserRecord) => Promise<T>) =>
  withServices(cli, async (services) => fn(services, await userByName(services, username)));
