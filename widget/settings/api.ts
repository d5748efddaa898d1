import { ME } from '../../contract/paths.js';
import { endpoint, type JsonAnswer, requestJson } from '../request.js';
import type { DpopKey } from './dpop.js';
import type { SettingsError } from './types.js';

export type MeAnswer<T> = JsonAnswer<T, SettingsError>;

/** What a call to /api/v1/me carries: the id_token (reads only), or a settings grant and its key. */
export type MeCredential = { idToken: string } | { grant: string; key: DpopKey };

/**
 * Calls the self-service API. The credential goes in headers, never in the URL (URLs land in
 * logs), and without cookies, since it is the whole credential: an id_token as `Bearer` (it can
 * only read), or a settings grant as `DPoP` with a fresh proof signed by the element's key.
 */
export async function callMe<T>(
  server: string,
  credential: MeCredential,
  path: string,
  body?: Record<string, unknown>,
  fetchImpl?: typeof fetch,
): Promise<MeAnswer<T>> {
  const url = endpoint(server, `${ME}${path}`);
  const headers: Record<string, string> =
    'grant' in credential
      ? {
          authorization: `DPoP ${credential.grant}`,
          dpop: await credential.key.proof(body ? 'POST' : 'GET', new URL(url, location.href).href, credential.grant),
        }
      : { authorization: `Bearer ${credential.idToken}` };
  return requestJson<T, SettingsError>(url, { body, headers }, isObject<T>, fetchImpl);
}

function isObject<T>(value: unknown): value is T {
  return typeof value === 'object' && value !== null;
}
