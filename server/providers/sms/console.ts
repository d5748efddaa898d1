import type { Logger } from 'pino';
import type { SmsMessage, SmsSender } from '../types.js';
import { maskForLog } from './phone.js';

/** Development sender: nothing leaves the machine; read the code from the dev outbox. */
export function createConsoleSmsSender(deps: { logger: Logger }): SmsSender {
  return {
    name: 'console',
    async send(message: SmsMessage, log = deps.logger): Promise<void> {
      log.info(
        { provider: 'console', to: maskForLog(message.to), length: message.body.length },
        'SMS not sent (console provider); see the development outbox',
      );
    },
  };
}
