import type { FlowError } from './types.js';

/** Errors that mean the handle is dead: the only way on is a new flow. */
export const FLOW_GONE = new Set(['flow_not_found', 'flow_expired']);

/** Errors with no contract answer behind them; repeating the same call may help. */
export const RETRYABLE = new Set(['network_error', 'unexpected_response']);

/**
 * Why the flow shown is out of date, when `error` says so: changed by another window at the
 * same moment (`flow_conflict`; earlier servers sent `invalid_request` with `conflict: true`),
 * or no longer offering the method used. The way on is to read the flow again.
 */
export function staleBecause(error: FlowError): 'flow_conflict' | 'method_not_allowed' | undefined {
  if (error.error === 'flow_conflict' || (error.error === 'invalid_request' && error.conflict === true)) return 'flow_conflict';
  return error.error === 'method_not_allowed' ? 'method_not_allowed' : undefined;
}
