import type { Transporter } from 'nodemailer';
import type { Logger } from 'pino';
import { MfaError } from '../../errors.js';
import type { EmailMessage, EmailSender } from '../types.js';
import type { SmtpEmailConfig } from './config.js';
import { maskEmail } from './mask.js';

/**
 * Sends through one SMTP server. Failures are logged with nodemailer's error code and the
 * server's reply code only: the reply text often quotes the recipient's address.
 */
export function createSmtpEmailSender(config: SmtpEmailConfig, deps: { logger: Logger }): EmailSender {
  // nodemailer is loaded with the first message, not at start-up: most servers send none for a while.
  let transport: Promise<Transporter> | null = null;
  const connect = async () =>
    (await import('nodemailer')).createTransport({
      host: config.host,
      port: config.port,
      secure: config.secure,
      ...(config.requireTLS !== undefined ? { requireTLS: config.requireTLS } : {}),
      ...(config.auth ? { auth: config.auth } : {}),
      ...(config.tls ? { tls: config.tls } : {}),
      connectionTimeout: config.timeoutMs,
      greetingTimeout: config.timeoutMs,
      socketTimeout: config.timeoutMs,
    });

  return {
    name: 'smtp',
    async send(message: EmailMessage, log = deps.logger): Promise<void> {
      try {
        transport ??= connect();
        await (await transport).sendMail({
          from: config.from,
          to: message.to,
          subject: message.subject,
          text: message.text,
          ...(message.html !== undefined ? { html: message.html } : {}),
        });
      } catch (error) {
        const { code, responseCode } = (error ?? {}) as { code?: unknown; responseCode?: unknown };
        log.warn(
          {
            provider: 'smtp',
            to: maskEmail(message.to),
            ...(typeof code === 'string' ? { reason: code } : {}),
            ...(typeof responseCode === 'number' ? { status: responseCode } : {}),
          },
          'E-mail delivery failed',
        );
        throw new MfaError('delivery_failed');
      }
      log.debug({ provider: 'smtp', to: maskEmail(message.to) }, 'E-mail accepted');
    },
  };
}
