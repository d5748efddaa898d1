import { authorizeQuery, supportedScopes } from '../../contract/oidc.js';
import type { Sequence } from '../config.js';
import type { ClientRecord } from '../store/types.js';
import type { Services } from '../services.js';

/**
 * `/authorize` checks in RFC 6749 §4.1.2.1's order: the client and the redirect URI first, whose
 * mistakes are shown on the page and never redirected (the URI is not known to be the client's);
 * everything after answers the client at its redirect URI with `error`.
 */
export class AuthorizeError extends Error {
  constructor(
    readonly error: string,
    readonly description: string,
    /** Null: show it; else redirect there with `error`, `state` and `iss`. */
    readonly redirectUri: string | null,
    readonly state: string | null = null,
  ) {
    super(description);
  }
}

export interface CheckedAuthorization {
  client: ClientRecord;
  redirectUri: string;
  state: string | null;
  nonce: string | null;
  codeChallenge: string;
  scope: string[];
  acr: string;
  sequence: Sequence;
  loginHint: string | null;
  prompt: 'none' | 'login' | null;
  maxAge: number | null;
  lang: string | null;
}

const one = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);

/** The first acr in `acr_values` that the client offers, else its default. */
function pickAcr(client: ClientRecord, acrValues: string | undefined): { acr: string; sequence: Sequence } {
  for (const acr of (acrValues ?? '').split(' ').filter(Boolean)) {
    if (acr === client.defaultAcr) break;
    if (Object.hasOwn(client.acrSequences, acr)) return { acr, sequence: client.acrSequences[acr]! };
  }
  return { acr: client.defaultAcr, sequence: client.sequence };
}

export async function checkAuthorization(services: Pick<Services, 'store'>, query: Record<string, unknown>): Promise<CheckedAuthorization> {
  const clientId = one(query.client_id);
  const client = clientId && !clientId.includes('\u0000') ? await services.store.getClient(clientId) : null;
  // A machine client (admin scopes) runs no sign-in: here it is as unknown as to the flow API.
  if (!client || client.scopes.length > 0)
    throw new AuthorizeError('invalid_client', 'This application is not registered with the sign-in service.', null);
  const redirectUri = one(query.redirect_uri);
  if (!redirectUri || !client.redirectUris.includes(redirectUri))
    throw new AuthorizeError('invalid_request', 'The address to return to is not one this application registered.', null);

  const state = one(query.state) ?? null;
  const fail = (error: string, description: string) => new AuthorizeError(error, description, redirectUri, state);
  // A parameter given twice is ambiguous: refused, as RFC 6749 §3.1 asks.
  const repeated = Object.entries(query).find(([, v]) => Array.isArray(v));
  if (repeated) throw fail('invalid_request', `${repeated[0]} is given more than once.`);
  // Postgres text cannot hold NUL and no parameter needs it.
  const nul = Object.entries(query).find(([, v]) => typeof v === 'string' && v.includes('\u0000'));
  if (nul) throw fail('invalid_request', `${nul[0]} must not contain NUL characters.`);
  if (query.response_type !== 'code') throw fail('unsupported_response_type', 'Only response_type=code is supported.');
  if (query.response_mode !== undefined && query.response_mode !== 'query') throw fail('invalid_request', 'Only response_mode=query is supported.');
  if (query.code_challenge_method !== 'S256' || typeof query.code_challenge !== 'string')
    throw fail('invalid_request', 'PKCE is required: code_challenge with code_challenge_method=S256.');
  if (typeof query.scope !== 'string' || !query.scope.split(' ').includes('openid')) throw fail('invalid_scope', 'The scope must contain openid.');
  const parsed = authorizeQuery.safeParse(query);
  if (!parsed.success) throw fail('invalid_request', parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '));
  const q = parsed.data;
  const scope = supportedScopes.filter((s) => q.scope.split(' ').includes(s));
  return {
    client,
    redirectUri,
    state,
    nonce: q.nonce ?? null,
    codeChallenge: q.code_challenge,
    scope,
    ...pickAcr(client, q.acr_values),
    loginHint: q.login_hint ?? null,
    prompt: q.prompt ?? null,
    maxAge: q.max_age === undefined ? null : Number(q.max_age),
    lang: q.ui_locales?.split(' ').find(Boolean) ?? null,
  };
}

/** The client's redirect URI with the answer's parameters (and `iss`, RFC 9207) added to its own. */
export function redirectWith(redirectUri: string, issuer: string, params: Record<string, string | null>): string {
  const url = new URL(redirectUri);
  for (const [k, v] of Object.entries(params)) if (v !== null) url.searchParams.set(k, v);
  url.searchParams.set('iss', issuer);
  return url.toString();
}
