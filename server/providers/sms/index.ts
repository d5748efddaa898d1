import type { Logger } from 'pino';
import { recordingInto, type Outbox } from '../outbox.js';
import { expandEnvDeep } from '../template.js';
import type { SmsSender } from '../types.js';
import type { SmsProviderConfig } from './config.js';
import { createConsoleSmsSender } from './console.js';
import { createHttpSmsSender } from './http.js';
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

/** Throws ConfigError at once when a referenced environment variable is missing. */
export function createSmsSender(config: SmsProviderConfig, deps: SmsSenderDeps): SmsSender {
  const resolved = expandEnvDeep(config, deps.env ?? process.env);
  const sender =
    resolved.type === 'console'
      ? createConsoleSmsSender(deps)
      : createHttpSmsSender(resolved.type === 'http' ? resolved : expandPreset(resolved), deps);
  if (!deps.outbox) return sender;
  return recordingInto(deps.outbox, sender, ({ to, body }) => ({ channel: 'sms', to, body }), deps.now);
}

export { smsProviderConfig, type SmsProviderConfig, type SmsProviderConfigInput } from './config.js';
export { normalizePhone, maskPhone, maskForLog, callingCode } from './phone.js';
