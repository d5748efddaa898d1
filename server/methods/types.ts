import type { z } from 'zod';
import type { FlowOption } from '../../contract/flows.js';
import { MfaError } from '../errors.js';
import type { MethodName } from '../config.js';
import type { AuditInput } from '../audit/events.js';
import type { ChallengeContext } from '../challenge/context.js';
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
}

export interface Action<Body> {
  /** The body beyond `flow`. */
  body: z.ZodType<Body>;
  /**
   * May change `ctx.flow` (attempts, challenges); the caller saves it, also when this throws
   * an MfaError, so wrong answers count.
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
  /** The option as the state shows it, or null when it is not offered to this user. */
  option(ctx: MethodContext): Promise<Option | null>;
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
