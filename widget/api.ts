import type { FlowError, FlowState } from './types.js';

export type FlowAnswer = { state: FlowState; error?: undefined } | { state?: undefined; error: FlowError };

/** `server` empty means the page's own origin; a trailing path (a mount point) is kept. */
export function endpoint(server: string, path: string): string {
  const base = (server || location.origin).replace(/\/+$/, '');
  return `${base}${path}`;
}

/**
 * POSTs JSON to the flow API. The flow handle travels in the body only, so it never lands in
 * access logs; no cookies are sent because the handle is the whole session.
 */
export async function postFlow(
  server: string,
  path: string,
  body: Record<string, unknown>,
  fetchImpl: typeof fetch = (...args) => fetch(...args),
): Promise<FlowAnswer> {
  let response: Response;
  try {
    response = await fetchImpl(endpoint(server, path), {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify(body),
      credentials: 'omit',
      cache: 'no-store',
    });
  } catch {
    return { error: { error: 'network_error', message: 'The server could not be reached.' } };
  }
  const json: unknown = await response.json().catch(() => undefined);
  if (response.ok && isFlowState(json)) return { state: json };
  if (!response.ok && isFlowError(json)) return { error: withRetryAfter(json, response) };
  return {
    error: { error: 'unexpected_response', message: `Unexpected answer from the server (HTTP ${response.status}).` },
  };
}

function isFlowState(value: unknown): value is FlowState {
  return typeof value === 'object' && value !== null && typeof (value as FlowState).flow === 'string'
    && typeof (value as FlowState).status === 'string';
}

export function isFlowError(value: unknown): value is FlowError {
  return typeof value === 'object' && value !== null && typeof (value as FlowError).error === 'string';
}

/** The body may omit `retryAfter`; the contract always sends the `Retry-After` header. */
export function withRetryAfter(error: FlowError, response: Response): FlowError {
  const message = typeof error.message === 'string' ? error.message : '';
  if (error.retryAfter !== undefined) return { ...error, message };
  const header = Number(response.headers.get('retry-after'));
  return Number.isFinite(header) && header > 0 ? { ...error, message, retryAfter: header } : { ...error, message };
}
