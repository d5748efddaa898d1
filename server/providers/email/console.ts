import type { Logger } from 'pino';
import type { EmailMessage, EmailSender } from '../types.js';
import { maskEmail } from './mask.js';

/** Development sender: nothing leaves the machine; read the code from the dev outbox. */
export function createConsoleEmailSender(deps: { logger: Logger }): EmailSender {
  return {
    name: 'console',
    async send(message: EmailMessage, log = deps.logger): Promise<void> {
      log.info(
        { provider: 'console', to: maskEmail(message.to), length: message.text.length },
        'E-mail not sent (console provider); see the development outbox',
      );
    },
  };
}
