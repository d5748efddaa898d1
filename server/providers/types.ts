/** What the code methods need from a delivery channel; providers implement these. */
export interface SmsMessage {
  /** E.164, e.g. +12015550123 */
  to: string;
  body: string;
}

export interface SmsSender {
  readonly name: string;
  /** Resolves once the provider accepted the message; throws MfaError('delivery_failed') otherwise. */
  send(message: SmsMessage): Promise<void>;
}

export interface EmailMessage {
  to: string;
  subject: string;
  text: string;
  html?: string;
}

export interface EmailSender {
  readonly name: string;
  /** Resolves once the server accepted the message; throws MfaError('delivery_failed') otherwise. */
  send(message: EmailMessage): Promise<void>;
}

export interface OutboxMessage {
  channel: 'sms' | 'email';
  to: string;
  body: string;
  subject?: string;
  sentAt: string;
}
