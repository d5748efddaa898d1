import type { JWTPayload, JWTVerifyOptions } from 'jose';
import { MfaError } from '../errors.js';
import type { Caller } from '../flow/caller.js';
import type { Services } from '../services.js';
import type { ClientRecord, ClientStore } from '../store/ports/clients.js';
import type { UserRecord, UserStore } from '../store/ports/users.js';
import { SETTINGS_GRANT_TYP, settingsAudience } from '../tokens/tokens.js';
import { verifyOwnToken } from '../tokens/verify.js';
import { verifyProof } from './dpop.js';

/** A signed-in user, as an id_token or a settings grant of this server vouches for them. */
export interface Identity {
  user: UserRecord;
  /** The client the credential was issued to. */
  client: ClientRecord;
  amr: string[];
  authTime: Date;
  sid: string;
  jti: string;
  /** Set for a settings grant only: until when it authorises changes. Null for an id_token, which never does. */
  changesUntil: Date | null;
}

/** The request as the grant's proof is checked against it. */
export interface CredentialRequest {
  authorization: string | undefined;
  dpop: string | undefined;
  method: string;
  /** The URLs this request may have been sent to (the issuer's and the Host's view). */
  urls: string[];
  caller: Caller;
}

const COMPACT_JWS = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/;

/** Every way in fails alike: the caller learns nothing about which check refused the credential. */
const signInAgain = () => new MfaError('unauthorized', 'Sign in again to continue.', { reauthenticate: true });

/** A change with anything but a settings grant: the element answers with a step-up, not a new sign-in. */
const stepUpNeeded = () => new MfaError('unauthorized', 'Confirm it is you with your second factor to change how you sign in.', { stepUp: true });

function credentialOf(header: string | undefined): { scheme: 'bearer' | 'dpop'; token: string } {
  const match = /^(Bearer|DPoP)[ ]+(\S+)\s*$/i.exec(header ?? '');
  if (!match?.[2] || !COMPACT_JWS.test(match[2]) || match[2].length > 8192) throw signInAgain();
  return { scheme: match[1]!.toLowerCase() as 'bearer' | 'dpop', token: match[2] };
}

async function verified(services: Services, token: string, options: JWTVerifyOptions, fail: () => MfaError): Promise<JWTPayload> {
  const payload = await verifyOwnToken(services, token, options);
  if (!payload) throw fail();
  return payload;
}

const stringsOf = (value: unknown): string[] => (Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : []);

type Lookup = { store: Pick<ClientStore, 'getClient'> & Pick<UserStore, 'getUser'> };

async function userAndClient(services: Lookup, sub: unknown, clientIds: unknown[], fail: () => MfaError) {
  let client: ClientRecord | null = null;
  for (const id of clientIds) {
    client = typeof id === 'string' ? await services.store.getClient(id) : null;
    if (client) break;
  }
  const user = client && typeof sub === 'string' ? await services.store.getUser(sub) : null;
  if (!client || !user || user.disabled) throw fail();
  return { client, user };
}

/**
 * An id_token of this server, from any registered client: it proves who the user is, so it may
 * read their (masked) factors and start a step-up, but it never authorises a change: id_tokens
 * travel to relying parties' backends and logs. A browser caller must come from an origin that
 * client lists, as in a login.
 */
export async function identifyByIdToken(services: Services, token: string, caller: Caller): Promise<Identity> {
  const payload = await verified(
    services,
    token,
    { typ: 'JWT', requiredClaims: ['sub', 'aud', 'exp', 'iat', 'auth_time', 'sid', 'jti'] },
    signInAgain,
  );
  const { sid, jti, auth_time: authTime } = payload as JWTPayload & { sid?: unknown; auth_time?: unknown };
  if (typeof sid !== 'string' || typeof jti !== 'string' || typeof authTime !== 'number') throw signInAgain();
  const { client, user } = await userAndClient(services, payload.sub, Array.isArray(payload.aud) ? payload.aud : [payload.aud], signInAgain);
  if (caller.origin && !client.allowedOrigins.includes(caller.origin)) throw new MfaError('origin_not_allowed');
  return { user, client, amr: stringsOf(payload.amr), authTime: new Date(authTime * 1000), sid, jti, changesUntil: null };
}

/**
 * A settings grant: made by a step-up flow, for this server only, bound to the user, the client,
 * the origin that ran the step-up and the browser key whose DPoP proof comes with every call.
 * A copied grant without that key, or sent from another origin, is refused.
 */
async function identifyByGrant(services: Services, token: string, request: CredentialRequest): Promise<Identity> {
  const { config, store } = services;
  const payload = await verified(
    services,
    token,
    {
      typ: SETTINGS_GRANT_TYP,
      audience: settingsAudience(config.issuer),
      requiredClaims: ['sub', 'exp', 'iat', 'jti', 'client_id', 'origin', 'cnf', 'sid', 'auth_time'],
    },
    stepUpNeeded,
  );
  const { client_id: clientId, origin, cnf, sid, jti, auth_time: authTime } = payload as JWTPayload & Record<string, unknown>;
  const jkt = (cnf as { jkt?: unknown } | null)?.jkt;
  if (typeof origin !== 'string' || typeof jkt !== 'string' || typeof sid !== 'string' || typeof jti !== 'string' || typeof authTime !== 'number')
    throw stepUpNeeded();
  const { client, user } = await userAndClient(services, payload.sub, [clientId], stepUpNeeded);
  // A grant answers only the origin that ran its step-up, and only while its client still lists that origin.
  if (!client.allowedOrigins.includes(origin)) throw stepUpNeeded();
  if (request.caller.origin !== origin && !(request.caller.origin === null && request.method === 'GET')) throw stepUpNeeded();
  if (!(await verifyProof(request.dpop, { method: request.method, urls: request.urls, token, jkt }, store, services.now()))) throw stepUpNeeded();
  return { user, client, amr: stringsOf(payload.amr), authTime: new Date(authTime * 1000), sid, jti, changesUntil: new Date(payload.exp! * 1000) };
}

/** Whoever the request's credential names: an id_token (`Bearer`) or a settings grant (`DPoP`). */
export async function identify(services: Services, request: CredentialRequest): Promise<Identity> {
  const { scheme, token } = credentialOf(request.authorization);
  return scheme === 'dpop' ? identifyByGrant(services, token, request) : identifyByIdToken(services, token, request.caller);
}

/** For a change: only a settings grant will do. */
export function assertMayChange(identity: Identity, now: Date): void {
  if (!identity.changesUntil || now.getTime() >= identity.changesUntil.getTime()) throw stepUpNeeded();
}
