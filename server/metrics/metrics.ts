import type { ErrorRequestHandler, RequestHandler } from 'express';

export type Channel = 'sms' | 'email';
/** `failed`: the provider did not take the message (delivery_failed); `error`: anything else. */
export type SendResult = 'sent' | 'failed' | 'error';
export type FlowEnd = 'cancelled' | 'expired';

/**
 * What the server counts. Labels are names the configuration or the code chose (client ids,
 * acr names, methods, error codes, provider types, counter kinds, route patterns): never a
 * user, phone number, address or IP.
 */
export interface Metrics {
  readonly enabled: boolean;
  flowStarted(clientId: string, acr: string): void;
  flowCompleted(clientId: string, acr: string): void;
  flowAbandoned(clientId: string, acr: string, how: FlowEnd): void;
  /** `outcome`: `ok`, or the contract's `error` code the step answered. */
  stepOutcome(method: string, action: string, outcome: string): void;
  message(channel: Channel, provider: string, result: SendResult): void;
  /** `kind`: the counter key's kind (`password`, `sms:phone`), never its value. */
  limitRefused(kind: string): void;
  /** Runs one argon2 hash or verification, counted while in flight and timed. */
  passwordHash<T>(operation: 'hash' | 'verify', work: () => Promise<T>): Promise<T>;
  /** Times every request by its route pattern. */
  requests: RequestHandler;
  /** Counts a limit's refusal on its way to the error handler. */
  refusals: ErrorRequestHandler;
  /** The Prometheus text exposition. */
  scrape(): Promise<{ contentType: string; body: string }>;
}

/** Metrics off: every hook does nothing. */
export const noMetrics: Metrics = {
  enabled: false,
  flowStarted() {},
  flowCompleted() {},
  flowAbandoned() {},
  stepOutcome() {},
  message() {},
  limitRefused() {},
  passwordHash: (_operation, work) => work(),
  requests: (_req, _res, next) => next(),
  refusals: (err, _req, _res, next) => next(err),
  scrape: () => Promise.reject(new Error('metrics are off')),
};
