import type { MethodName, Sequence } from '../../config.js';
import type { Counter } from './counters.js';

/** A one-time code sent by SMS or e-mail, held inside its flow. */
export interface CodeChallenge {
  to: string;
  codeHash: string;
  sentAt: string;
  expiresAt: string;
  attempts: number;
  /** True once verified, failed too often, or replaced. */
  dead: boolean;
  /**
   * Set when the code verifies a number that is not the asking account's own: a phone being
   * registered, or the token grant's. Such codes have their own budget (methods/sms.ts textCode).
   */
  enrolling?: boolean;
}

export interface FlowData {
  /** Wrong answers per method in this flow. */
  attempts: Partial<Record<MethodName, number>>;
  sms?: CodeChallenge;
  email?: CodeChallenge;
  /** A TOTP secret shown to the user but not yet confirmed with a code. */
  totpEnrollment?: { sealedSecret: string; startedAt: string };
  /** A WebAuthn challenge handed out in this flow, until its answer (right or wrong) arrives. */
  passkey?: { challenge: string; purpose: 'authenticate' | 'register' };
  /** A passkey was made with this completed login: it is not offered again. */
  passkeyMade?: boolean;
  /** RFC 8176 values a method's use put in `amr` in place of its own (passkeys say which kind). */
  amrUsed?: Partial<Record<MethodName, string[]>>;
  /** A step-up's binding: the browser key's thumbprint and the origin that runs it. */
  stepUp?: { jkt: string; origin: string };
  /** A challenge for a trusted device to sign (methods/device.ts); removed by the first verify, right or wrong. */
  device?: { challenge: string; expiresAt: string };
  /** The password came with a live device token of this user, young enough to keep: no new one is handed out. */
  deviceTokenHeld?: boolean;
  /** The device this completed login trusted (`device/trust`): one per flow. */
  trustedDevice?: string;
  /** A login the hosted page runs for an `/authorize` request: only this request's code comes of it. */
  authorization?: AuthorizationRequest;
}

/** An `/authorize` request as it was checked, kept server-side with the flow it started. */
export interface AuthorizationRequest {
  redirectUri: string;
  state: string | null;
  codeChallenge: string;
  scope: string[];
  /** The sign-on session the flow carries on from (its first steps satisfied), by hash. */
  sessionHash: string | null;
}

export type FlowStatus = 'pending' | 'complete' | 'cancelled';

/**
 * What a row of the flows table is: a login driven by the flow API, a step-up for settings (the
 * flow API's purpose `settings`, ending in a settings grant), an SMS OTP grant challenge, or a
 * self-service change in progress. Only `login` and `step-up` rows answer the flow API.
 */
export type FlowKind = 'login' | 'step-up' | 'sms-otp' | 'self-service';

export type FlowResult =
  | {
      /** Sealed with the master key (tokens/flow-result.ts resultContext); opened only to answer. */
      idToken: string;
      tokenType: 'Bearer';
      expiresIn: number;
    }
  | {
      /** A step-up's settings grant, sealed like an id_token. */
      settingsGrant: string;
      tokenType: 'DPoP';
      expiresIn: number;
    };

export interface FlowRecord {
  /** sha256 of the handle: a leaked database holds no live handle. */
  id: string;
  kind: FlowKind;
  clientId: string;
  sequence: Sequence;
  acr: string;
  stepIndex: number;
  status: FlowStatus;
  userId: string | null;
  /** Methods that satisfied the steps so far, in order. */
  methods: MethodName[];
  nonce: string | null;
  loginHint: string | null;
  ip: string | null;
  createdAt: string;
  expiresAt: string;
  authTime: string | null;
  data: FlowData;
  result: FlowResult | null;
  version: number;
}

/** A flow of the flow API (login, step-up) that expired unfinished. */
export interface AbandonedFlow {
  clientId: string;
  acr: string;
}

/** Flows in progress: short-lived, so a store of their own (Redis, say) may keep them. */
export interface FlowStore {
  createFlow(flow: FlowRecord): Promise<void>;
  getFlow(id: string): Promise<FlowRecord | null>;
  /**
   * Saves when `flow.version` is still current and bumps it; false on a concurrent change. Atomic.
   * Writes what steps change and the expiry (a settings change starts its row over with a new
   * one); `id`, `kind`, `clientId`, `sequence`, `acr`, `nonce`, `loginHint`, `ip` and `createdAt`
   * stay as created.
   */
  saveFlow(flow: FlowRecord): Promise<boolean>;
  /**
   * Deletes the flows that expired before `before`; answers those of the flow API it deleted
   * unfinished, for metrics. Each deleted flow is answered to one caller only.
   */
  sweepFlows(before: Date): Promise<AbandonedFlow[]>;
}

/** A fixed-window budget (of new flows per address, say), counted as `CounterStore.hit` counts; the regulator's `Limit` is one. */
export interface FlowLimit {
  key: string;
  windowSeconds: number;
  max: number;
}

/** A new flow counted against a limit: the store that keeps flows and counters together does both at once. */
export interface FlowStartStore {
  /**
   * Counts one start against `limit` (as `hit` would) and makes `flow` only when the count is
   * within `limit.max`; answers the count. In one transaction where one database keeps both:
   * a start then waits for one commit, not two, and parallel starts never make more than `max`
   * flows. Where flows or counters are kept elsewhere, the count comes first.
   */
  createFlowWithin(flow: FlowRecord, limit: FlowLimit, now: Date): Promise<Counter>;
}
