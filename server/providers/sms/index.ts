import type { Logger } from 'pino';
import { recordingInto, type Outbox } from '../outbox.js';
import { expandEnvDeep } from '../template.js';
import type { SmsSender } from '../types.js';
import type { SmsProviderConfig } from './config.js';
import { createConsoleSmsSender } from './console.js';
import { createHttpSmsSender } from './http.js';
import { literalEnv } from './literals.js';
import { expandPreset } from './presets.js';

export interface SmsSenderDeps {
  logger: Logger;
  /** When given, every SMS the provider accepted is also kept here (development outbox). */
  outbox?: Outbox;
  /** Where `${ENV}` references are looked up; defaults to process.env. */
  env?: NodeJS.ProcessEnv;
  fetch?: typeof fetch;
  now?: () => Date;
}

/**
 * Throws ConfigError at once when a referenced environment variable is missing. Secrets (from
 * `${ENV}` or a preset's credentials) reach the templates as literal values, never as template text.
 */
export function createSmsSender(config: SmsProviderConfig, deps: SmsSenderDeps): SmsSender {
  const env = deps.env ?? process.env;
  const http = config.type === 'console' ? null : config.type === 'http' ? literalEnv(config, env) : expandPreset(expandEnvDeep(config, env));
  const sender = http ? createHttpSmsSender(http.config, deps, http.literals) : createConsoleSmsSender(deps);
  if (!deps.outbox) return sender;
  return recordingInto(deps.outbox, sender, ({ to, body }) => ({ channel: 'sms', to, body }), deps.now);
}
