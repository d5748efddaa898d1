import type { Logger } from 'pino';
import { recordingInto, type Outbox } from '../outbox.js';
import { expandEnvDeep } from '../template.js';
import type { EmailSender } from '../types.js';
import type { EmailProviderConfig } from './config.js';
import { createConsoleEmailSender } from './console.js';
import { createSmtpEmailSender } from './smtp.js';

export interface EmailSenderDeps {
  logger: Logger;
  /** When given, every e-mail the server accepted is also kept here (development outbox). */
  outbox?: Outbox;
  /** Where `${ENV}` references are looked up; defaults to process.env. */
  env?: NodeJS.ProcessEnv;
  now?: () => Date;
}

/** Throws ConfigError at once when a referenced environment variable is missing. */
export function createEmailSender(config: EmailProviderConfig, deps: EmailSenderDeps): EmailSender {
  const resolved = expandEnvDeep(config, deps.env ?? process.env);
  const sender = resolved.type === 'smtp' ? createSmtpEmailSender(resolved, deps) : createConsoleEmailSender(deps);
  if (!deps.outbox) return sender;
  return recordingInto(deps.outbox, sender, ({ to, subject, text }) => ({ channel: 'email', to, subject, body: text }), deps.now);
}
