import type { Audit } from './audit/audit.js';
import type { Sender } from './providers/types.js';
import type { Services } from './services.js';
import type { Logger } from 'pino';

/**
 * The services as one request sees them: every log line it writes, however deep (a provider's
 * included), and every audit event it records carry its id, so support finds a user's failure
 * from the id in the error answer. Passed down explicitly: an AsyncLocalStorage would do it
 * unseen, but makes every promise of every request pay async-hook bookkeeping (~10 % of a TOTP
 * sign-in's event-loop time).
 */
export function forRequest(services: Services, requestId: string | null | undefined): Services {
  if (!requestId) return services;
  // Made when a line is first written through it: most requests write none of their own.
  let logger: Logger | undefined;
  const loggerOf = () => (logger ??= services.logger.child({ requestId }));
  return {
    ...services,
    get logger() {
      return loggerOf();
    },
    audit: auditFor(services.audit, requestId),
    sms: sendingWith(services.sms, loggerOf),
    email: sendingWith(services.email, loggerOf),
  };
}

function auditFor(audit: Audit, requestId: string): Audit {
  return Object.assign(Object.create(audit) as Audit, { record: (event: Parameters<Audit['record']>[0]) => audit.record({ ...event, requestId }) });
}

const sendingWith = <M>(sender: Sender<M>, loggerOf: () => Logger): Sender<M> => ({
  name: sender.name,
  send: (message, log) => sender.send(message, log ?? loggerOf()),
});
