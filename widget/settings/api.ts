import { endpoint, type JsonAnswer, requestJson } from '../request.js';
import type { SettingsError } from './types.js';

export type MeAnswer<T> = JsonAnswer<T, SettingsError>;

/**
 * Calls the self-service API with the id_token as a Bearer token: in a header, never in the URL
 * (URLs land in logs), and without cookies, since the token is the whole credential.
 */
export function callMe<T>(
  server: string,
  idToken: string,
  path: string,
  body?: Record<string, unknown>,
  fetchImpl?: typeof fetch,
): Promise<MeAnswer<T>> {
  const headers = { authorization: `Bearer ${idToken}` };
  return requestJson<T, SettingsError>(endpoint(server, `/api/v1/me${path}`), { body, headers }, isObject<T>, fetchImpl);
}

function isObject<T>(value: unknown): value is T {
  return typeof value === 'object' && value !== null;
}
