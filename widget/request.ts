import type { FlowError } from './types.js';

export type JsonAnswer<T, E extends FlowError = FlowError> = { data: T; error?: undefined } | { data?: undefined; error: E };

/** `server` empty means the page's own origin; a trailing path (a mount point) is kept. */
export function endpoint(server: string, path: string): string {
  const base = (server || location.origin).replace(/\/+$/, '');
  return `${base}${path}`;
}

export interface JsonRequest {
  /** Sent as JSON with a POST; without one the request is a GET. */
  body?: Record<string, unknown>;
  headers?: Record<string, string>;
}

/**
 * Calls the server and reads a contract answer: `data` when `isData` accepts a 2xx body, else
 * the contract's error, else `network_error` (nothing came back) or `unexpected_response` (not
 * the contract's JSON). No cookies: what the body or headers carry is the whole credential.
 */
export async function requestJson<T, E extends FlowError = FlowError>(
  url: string,
  { body, headers = {} }: JsonRequest,
  isData: (json: unknown) => json is T,
  fetchImpl: typeof fetch = (...args) => fetch(...args),
): Promise<JsonAnswer<T, E>> {
  let response: Response;
  try {
    response = await fetchImpl(url, {
      method: body ? 'POST' : 'GET',
      headers: { ...(body ? { 'content-type': 'application/json' } : {}), accept: 'application/json', ...headers },
      ...(body ? { body: JSON.stringify(body) } : {}),
      credentials: 'omit',
      cache: 'no-store',
    });
  } catch {
    return { error: { error: 'network_error', message: 'The server could not be reached.' } as E };
  }
  const json: unknown = await response.json().catch(() => undefined);
  if (response.ok && isData(json)) return { data: json };
  if (!response.ok && isFlowError(json)) return { error: withRetryAfter(json, response) as E };
  return {
    error: { error: 'unexpected_response', message: `Unexpected answer from the server (HTTP ${response.status}).` } as E,
  };
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
