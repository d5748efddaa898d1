import type { Services } from '../services.js';
import type { ClientRecord, FlowRecord, UserRecord } from '../store/types.js';

/**
 * What a code challenge works on: a flow row (a login's, a step-up's, a settings change's or the
 * token grant's), its client, and the user when one is known. A method's context is one of these.
 */
export interface ChallengeContext {
  services: Services;
  flow: FlowRecord;
  client: ClientRecord;
  /** Null until a step identified the user (and always for the token grant). */
  user: UserRecord | null;
  now: Date;
  ip: string | null;
  /** The browser origin of the call, already checked against the client's allow-list. */
  origin?: string | null;
  /** Credential reads shared within one request (server/methods/reads.ts). */
  reads?: Map<string, Promise<unknown>>;
}

/** Rules of a code sent by SMS or e-mail (config.sms / config.email). */
export interface CodeRules {
  length: number;
  expirySeconds: number;
  maxAttempts: number;
  resendAfterSeconds: number;
}

export type Channel = 'sms' | 'email';
