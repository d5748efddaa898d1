import type { z } from 'zod';
import type { FlowOption } from '../../contract/flows.js';
import { MfaError } from '../errors.js';
import type { MethodName } from '../config.js';
import type { AuditInput } from '../audit/events.js';
import type { ChallengeContext } from '../challenge/context.js';
import type { Attempts } from '../flow/engine.js';
import type { UserRecord } from '../store/types.js';

/** A method works on a challenge's context: the flow row, its client, the user once known. */
export type MethodContext = ChallengeContext;

/** One entry of `step.options` in the flow state. */
export type Option = FlowOption;

export interface ActionOutcome {
  /** The current step is satisfied by this method. */
  satisfied: boolean;
  /** Set by the identifying step (password). */
  user?: UserRecord;
  /** Fields added to this response only, e.g. `backupCodesRemaining`. */
  extra?: Record<string, unknown>;
  /** Takes back what `run` wrote beside the flow when the flow then cannot be saved (a lost race). */
  undo?: () => Promise<void>;
  /** Audit events (an enrolment) recorded only once the flow is saved: a lost race recorded nothing. User, client and address are filled in. */
  audit?: Pick<AuditInput, 'type' | 'details'>[];
  /** RFC 8176 values this use puts in `amr`, in place of the method's own (a passkey says which kind it was). */
  amr?: string[];
  /** Every step left is satisfied too (a user-verifying passkey for a client with `passkeyAlone`). */
  satisfiesAll?: boolean;
  /**
   * Fields for the step's one "step decided" log line (which authenticator answered, its clock's
   * offset): ids and numbers only, never a secret, a code or a phone number, since that line
   * skips the redaction pass.
   */
  log?: Record<string, string | number | boolean | null>;
}

export interface Action<Body> {
  /**
   * `complete`: runs on a login completed moments ago, to set the method up with that sign-in
   * (the state's `offers`), not in a step. Default: in a step that lists the method.
   */
  on?: 'step' | 'complete';
  /** The body beyond `flow`. */
  body: z.ZodType<Body>;
  /**
   * May change `ctx.flow` (a challenge); the caller saves it, also when this throws an MfaError.
   * A wrong answer is `throw new WrongAnswer()`: the engine counts it and answers the method's error.
   */
  run(ctx: MethodContext, body: Body): Promise<ActionOutcome>;
}

/** A factor: how it shows in a step and what it can do. One file per method. */
export interface Method {
  readonly name: MethodName;
  /** RFC 8176 values it contributes to the id_token's `amr`. */
  readonly amr: readonly string[];
  /** False only for a method that identifies the user itself. */
  readonly needsUser: boolean;
  /** Offered in a step-up's second-factor step though it needs no known user (a passkey). */
  readonly stepUp?: boolean;
  /** Wrong answers it allows in one flow, counted by the engine: then its option is hidden, its step actions refused. */
  readonly attempts?: Attempts<MethodContext>;
  /** The option as the state shows it, or null when it is not offered to this user; `attemptsLeft` of its `attempts`. */
  option(ctx: MethodContext, attemptsLeft: number): Promise<Option | null>;
  /** On a completed login: whether to offer setting this method up now (the state's `offers`). */
  offer?(ctx: MethodContext): Promise<boolean>;
  /** Fields this method adds to the flow state while its step is current (TOTP's pending `enrollment`). */
  stateFields?(ctx: MethodContext): Promise<Record<string, unknown>>;
  // biome-ignore lint/suspicious/noExplicitAny: each action has a body type of its own; its schema parses the body before `run` sees it.
  readonly actions: Readonly<Record<string, Action<any>>>;
}

/** The user a method acts for; methods that need one are never offered before identification. */
export function identifiedUser(ctx: MethodContext): UserRecord {
  if (!ctx.user) throw new MfaError('method_not_allowed');
  return ctx.user;
}
