import type { MethodName, Sequence } from '../config.js';
import { sha256 } from '../crypto/codes.js';
import { MfaError } from '../errors.js';
import type { FlowKind, FlowRecord } from '../store/types.js';

/**
 * The rules of a flow: what may happen next, what a satisfied step leads to, and how wrong
 * answers are counted. `satisfyStep` answers a new record; the attempt counters change the
 * flow's data in place, since the runner saves that same row after a refusal.
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

/** True while `method` may still be tried in this flow. */
export const hasAttemptsLeft = (flow: FlowRecord, method: MethodName, max: number): boolean => attemptsOf(flow, method) < max;

const tooMany = () => new MfaError('too_many_attempts');

/** Refuses `method` once its wrong answers in this flow reached `max`. */
export function assertAttemptsLeft(flow: FlowRecord, method: MethodName, max: number, exhausted: () => MfaError = tooMany): void {
  if (!hasAttemptsLeft(flow, method, max)) throw exhausted();
}

/** Counts a wrong answer and throws what the user is told: how many attempts are left, or none. */
export function failAttempt(
  flow: FlowRecord,
  method: MethodName,
  max: number,
  wrong: (left: number) => MfaError,
  exhausted: () => MfaError = tooMany,
): never {
  const used = attemptsOf(flow, method) + 1;
  flow.data.attempts[method] = used;
  const left = Math.max(0, max - used);
  throw left === 0 ? exhausted() : wrong(left);
}

/** RFC 8176 `amr`: each method's values, plus `mfa` once two different factors were used. */
export function amrOf(methods: MethodName[], amrByMethod: (m: MethodName) => readonly string[]): string[] {
  const values = methods.flatMap((m) => amrByMethod(m));
  if (new Set(methods).size >= 2) values.push('mfa');
  return [...new Set(values)];
}
