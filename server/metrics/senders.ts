import { isMfaError } from '../errors.js';
import type { Sender } from '../providers/types.js';
import type { Channel, Metrics } from './metrics.js';

/** A sender that counts each message by result; `provider` is the configured type, never the recipient. */
export function countedSender<M>(sender: Sender<M>, metrics: Metrics, channel: Channel, provider: string): Sender<M> {
  if (!metrics.enabled) return sender;
  return {
    name: sender.name,
    async send(message, log) {
      try {
        await sender.send(message, log);
      } catch (e) {
        metrics.message(channel, provider, isMfaError(e) && e.code === 'delivery_failed' ? 'failed' : 'error');
        throw e;
      }
      metrics.message(channel, provider, 'sent');
    },
  };
}
