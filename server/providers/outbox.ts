import type { OutboxMessage, Sender } from './types.js';

/**
 * The development outbox: sent SMS and e-mails kept in memory so the demo works without a
 * gateway. Bounded, so a long-running demo cannot grow without limit; the oldest go first.
 */
export class Outbox {
  readonly #limit: number;
  readonly #messages: OutboxMessage[] = [];

  constructor(limit = 200) {
    if (!Number.isInteger(limit) || limit < 1) throw new RangeError('Outbox limit must be a positive integer.');
    this.#limit = limit;
  }

  add(message: OutboxMessage): void {
    this.#messages.push({ ...message });
    if (this.#messages.length > this.#limit) this.#messages.splice(0, this.#messages.length - this.#limit);
  }

  /** Newest first; `to` is matched exactly (E.164 number) or case-insensitively (e-mail). */
  list(to?: string): OutboxMessage[] {
    const wanted = to?.toLowerCase();
    return this.#messages
      .filter((m) => wanted === undefined || m.to.toLowerCase() === wanted)
      .reverse()
      .map((m) => ({ ...m }));
  }

  clear(): void {
    this.#messages.length = 0;
  }
}

/** Wraps a sender so that what its provider accepted is also kept in the outbox. */
export function recordingInto<M>(
  outbox: Outbox,
  sender: Sender<M>,
  entry: (message: M) => Omit<OutboxMessage, 'sentAt'>,
  now: () => Date = () => new Date(),
): Sender<M> {
  return {
    name: sender.name,
    async send(message, log) {
      await sender.send(message, log);
      outbox.add({ ...entry(message), sentAt: now().toISOString() });
    },
  };
}
