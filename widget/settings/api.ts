import { endpoint, isFlowError, withRetryAfter } from '../api.js';
import type { SettingsError } from './types.js';

export type MeAnswer<T> = { data: T; error?: undefined } | { data?: undefined; error: SettingsError };

/**
 * Calls the self-service API with the id_token as a Bearer token: in a header, never in the URL
 * (URLs land in logs), and without cookies, since the token is the whole credential.
 */
export async function callMe<T>(
  server: string,
  idToken: string,
  path: string,
  body?: Record<string, unknown>,
  fetchImpl: typeof fetch = (...args) => fetch(...args),
): Promise<MeAnswer<T>> {
  let response: Response;
  try {
    response = await fetchImpl(endpoint(server, `/api/v1/me${path}`), {
      method: body ? 'POST' : 'GET',
      headers: {
        authorization: `Bearer ${idToken}`,
        accept: 'application/json',
        ...(body ? { 'content-type': 'application/json' } : {}),
      },
      ...(body ? { body: JSON.stringify(body) } : {}),
      credentials: 'omit',
      cache: 'no-store',
    });
  } catch {
    return { error: { error: 'network_error', message: 'The server could not be reached.' } };
  }
  const json: unknown = await response.json().catch(() => undefined);
  if (response.ok && typeof json === 'object' && json !== null) return { data: json as T };
  if (!response.ok && isFlowError(json)) return { error: withRetryAfter(json, response) };
  return {
    error: { error: 'unexpected_response', message: `Unexpected answer from the server (HTTP ${response.status}).` },
  };
}
