import type { Logger } from 'pino';

/**
 * A delivery channel. `log` is the logger of the request that sends, whose lines carry its id;
 * without it a provider logs through its own.
 */
export interface Sender<M> {
  readonly name: string;
  /** Resolves once the provider accepted the message; throws MfaError('delivery_failed') otherwise. */
  send(message: M, log?: Logger): Promise<void>;
}

/** What the code methods need from a delivery channel; providers implement these. */
export interface SmsMessage {
  /** E.164, e.g. +12015550123 */
  to: string;
  body: string;
}

export type SmsSender = Sender<SmsMessage>;

export interface EmailMessage {
  to: string;
  subject: string;
  text: string;
  html?: string;
}

export type EmailSender = Sender<EmailMessage>;

export interface OutboxMessage {
  channel: 'sms' | 'email';
  to: string;
  body: string;
  subject?: string;
  sentAt: string;
}
