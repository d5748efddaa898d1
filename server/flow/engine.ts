import type { MethodName, Sequence } from '../config.js';
import { sha256 } from '../crypto/codes.js';
import { MfaError, WrongAnswer } from '../errors.js';
import type { FlowKind, FlowRecord } from '../store/types.js';

/**
 * The rules of a flow: what may happen next, what a satisfied step leads to, and how wrong
 * answers are counted. `satisfyStep` answers a new record; `counted` changes the flow's data in
 * place, since the runner saves that same row after a refusal.
 */

export function newFlow(init: {
  id: string;
  kind?: FlowKind;
  clientId: string;
  sequence: Sequence;
  acr: string;
  nonce: string | null;
  loginHint: string | null;
  ip: string | null;
  now: Date;
  ttlSeconds: number;
}): FlowRecord {
  return {
    id: init.id,
    kind: init.kind ?? 'login',
    clientId: init.clientId,
    sequence: init.sequence,
    acr: init.acr,
    stepIndex: 0,
    status: 'pending',
    userId: null,
    methods: [],
    nonce: init.nonce,
    loginHint: init.loginHint,
    ip: init.ip,
    createdAt: init.now.toISOString(),
    expiresAt: new Date(init.now.getTime() + init.ttlSeconds * 1000).toISOString(),
    authTime: null,
    data: { attempts: {} },
    result: null,
    version: 0,
  };
}

export const isExpired = (flow: FlowRecord, now: Date): boolean => now.getTime() >= new Date(flow.expiresAt).getTime();

/** A flow that can still be read (introspect): a completed one too, until the flow's expiry. */
export function assertReadable(flow: FlowRecord | null, now: Date): FlowRecord {
  if (!flow || flow.status === 'cancelled') throw new MfaError('flow_not_found');
  if (isExpired(flow, now)) throw new MfaError('flow_expired');
  return flow;
}

/** A flow whose current step may take `method`. */
export function assertCanAct(flow: FlowRecord | null, method: MethodName, now: Date): FlowRecord {
  const f = assertReadable(flow, now);
  if (f.status !== 'pending') throw new MfaError('method_not_allowed', 'This login is already complete.');
  if (!currentStepMethods(f).includes(method)) throw new MfaError('method_not_allowed');
  return f;
}

export const currentStepMethods = (flow: FlowRecord): MethodName[] => flow.sequence[flow.stepIndex] ?? [];

/** Marks the current step (`all`: every step left) satisfied by `method`; the last step completes the flow. */
export function satisfyStep(flow: FlowRecord, method: MethodName, now: Date, all = false): FlowRecord {
  const methods = [...flow.methods, method];
  const stepIndex = all ? flow.sequence.length : flow.stepIndex + 1;
  const complete = stepIndex >= flow.sequence.length;
  return {
    ...flow,
    methods,
    stepIndex,
    status: complete ? 'complete' : 'pending',
    authTime: complete ? now.toISOString() : flow.authTime,
  };
}

/** The id_token's `sid`: stable for the flow, and no way back to its handle or row. */
export const sessionIdOf = (flow: FlowRecord): string => sha256(`sid:${flow.id}`).slice(0, 22);

/** Wrong answers so far for `method` in this flow. */
export const attemptsOf = (flow: FlowRecord, method: MethodName): number => flow.data.attempts[method] ?? 0;

type OnFlow = { flow: FlowRecord };

/** The wrong answers a method allows in one flow; `exhausted` answers the last one and any try after it. */
export interface Attempts<C> {
  max(ctx: C): number;
  wrong(left: number): MfaError;
  exhausted?(): MfaError;
}

/** How many more wrong answers `method` may take in this flow. */
export const attemptsLeft = <C extends OnFlow>(ctx: C, method: MethodName, attempts: Attempts<C>): number =>
  Math.max(0, attempts.max(ctx) - attemptsOf(ctx.flow, method));

const tooMany = () => new MfaError('too_many_attempts');

/**
 * Runs an answer to `method`, refused before it runs once none are left (the limit is checked
 * before the answer); a wrong one (`WrongAnswer`) is counted in the flow, which the runner saves.
 */
export async function counted<C extends OnFlow, T>(ctx: C, method: MethodName, attempts: Attempts<C> | undefined, run: () => Promise<T>): Promise<T> {
  if (!attempts) return run();
  const exhausted = attempts.exhausted ?? tooMany;
  if (attemptsLeft(ctx, method, attempts) === 0) throw exhausted();
  try {
    return await run();
  } catch (e) {
    if (!(e instanceof WrongAnswer)) throw e;
    ctx.flow.data.attempts[method] = attemptsOf(ctx.flow, method) + 1;
    const left = attemptsLeft(ctx, method, attempts);
    throw left === 0 ? exhausted() : attempts.wrong(left);
  }
}

/** RFC 8176 `amr`: each method's values, plus `mfa` once two different factors were used. */
export function amrOf(methods: MethodName[], amrByMethod: (m: MethodName) => readonly string[]): string[] {
  const values = methods.flatMap((m) => amrByMethod(m));
  if (new Set(methods).size >= 2) values.push('mfa');
  return [...new Set(values)];
}
