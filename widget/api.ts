import { endpoint, requestJson } from './request.js';
import type { FlowError, FlowState } from './types.js';

export type FlowAnswer = { state: FlowState; error?: undefined } | { state?: undefined; error: FlowError };

/**
 * POSTs JSON to the flow API. The flow handle travels in the body only, so it never lands in
 * access logs; no cookies are sent because the handle is the whole session.
 */
export async function postFlow(server: string, path: string, body: Record<string, unknown>, fetchImpl?: typeof fetch): Promise<FlowAnswer> {
  const answer = await requestJson(endpoint(server, path), { body }, isFlowState, fetchImpl);
  return answer.error ? { error: answer.error } : { state: answer.data };
}

function isFlowState(value: unknown): value is FlowState {
  return (
    typeof value === 'object' && value !== null && typeof (value as FlowState).flow === 'string' && typeof (value as FlowState).status === 'string'
  );
}
