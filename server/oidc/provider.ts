import { spend } from '../auth/regulator.js';
import type { MethodName } from '../config.js';
import { randomHandle, sha256 } from '../crypto/codes.js';
import { MfaError } from '../errors.js';
import { isExpired, newFlow } from '../flow/engine.js';
import type { Caller } from '../flow/caller.js';
import type { Services } from '../services.js';
import type { AuthorizationGrant, FlowRecord } from '../store/types.js';
import { type CheckedAuthorization, redirectWith } from './authorize.js';
import { issueCode } from './codes.js';
import { type LiveSession, satisfiedSteps, sidOfSession } from './session.js';

export type AuthorizeOutcome = { kind: 'redirect'; to: string } | { kind: 'page'; flow: string; request: CheckedAuthorization };

/** Whether the session may stand for this request's sign-in at all: `prompt=login`, `max_age` and a different `login_hint` say no. */
function usableSession(request: CheckedAuthorization, session: LiveSession | null, now: Date): LiveSession | null {
  if (!session || request.prompt === 'login') return null;
  const age = (now.getTime() - new Date(session.record.authTime).getTime()) / 1000;
  if (request.maxAge !== null && age > request.maxAge) return null;
  if (request.loginHint && request.loginHint.toLowerCase() !== session.user.username.toLowerCase()) return null;
  return session;
}

/**
 * What `/authorize` does once the request is checked: a code straight away when the session
 * proves every step of the requested sequence; else (unless `prompt=none`) a flow for the hosted
 * page, bound to this request server-side, that starts past the steps the session already proves.
 */
export async function authorize(
  services: Services,
  request: CheckedAuthorization,
  session: LiveSession | null,
  caller: Caller,
): Promise<AuthorizeOutcome> {
  const { store, config } = services;
  const now = services.now();
  const live = usableSession(request, session, now);
  const carried: MethodName[] = live ? satisfiedSteps(request.sequence, live.record.methods) : [];

  if (live && carried.length === request.sequence.length) {
    const code = await issueCode(services, request.client.clientId, {
      userId: live.user.id,
      redirectUri: request.redirectUri,
      codeChallenge: request.codeChallenge,
      scope: request.scope,
      nonce: request.nonce,
      acr: request.acr,
      methods: carried,
      authTime: live.record.authTime,
      sid: sidOfSession(live.record.idHash),
    });
    return { kind: 'redirect', to: redirectWith(request.redirectUri, config.issuer, { code, state: request.state }) };
  }
  if (request.prompt === 'none') {
    return {
      kind: 'redirect',
      to: redirectWith(request.redirectUri, config.issuer, {
        error: 'login_required',
        error_description: 'The user is not signed in, or not with the factors this request needs.',
        state: request.state,
      }),
    };
  }

  if (caller.ip) await spend(store, { key: `flows:ip:${caller.ip}`, windowSeconds: 60, max: config.flow.startsPerMinutePerIp }, now);
  const handle = randomHandle();
  const flow = newFlow({
    id: sha256(handle),
    clientId: request.client.clientId,
    sequence: request.sequence,
    acr: request.acr,
    nonce: request.nonce,
    loginHint: request.loginHint,
    ip: caller.ip,
    now,
    ttlSeconds: config.flow.ttlSeconds,
  });
  if (live && carried.length > 0) {
    flow.userId = live.user.id;
    flow.methods = carried;
    flow.stepIndex = carried.length;
  }
  flow.data.authorization = {
    redirectUri: request.redirectUri,
    state: request.state,
    codeChallenge: request.codeChallenge,
    scope: request.scope,
    sessionHash: live && carried.length > 0 ? live.record.idHash : null,
  };
  await store.createFlow(flow);
  services.metrics.flowStarted(request.client.clientId, request.acr);
  return { kind: 'page', flow: handle, request };
}

/** The completed flow an `/authorize` request started, ended here so it yields one code only. */
export async function takeCompletedFlow(
  services: Services,
  handle: string,
): Promise<FlowRecord & { data: { authorization: NonNullable<FlowRecord['data']['authorization']> } }> {
  const flow = await services.store.getFlow(sha256(handle));
  const authorization = flow?.kind === 'login' ? flow.data.authorization : undefined;
  if (!flow || !authorization || flow.status === 'cancelled') throw new MfaError('flow_not_found');
  if (isExpired(flow, services.now())) throw new MfaError('flow_expired');
  if (flow.status !== 'complete' || !flow.userId || !flow.authTime) throw new MfaError('method_not_allowed', 'This sign-in is not complete yet.');
  // Ended before the code exists: of two requests racing with one handle, only the save that wins makes a code.
  const ended: FlowRecord = { ...flow, status: 'cancelled', result: null };
  if (!(await services.store.saveFlow(ended))) throw new MfaError('flow_conflict');
  return { ...flow, data: { ...flow.data, authorization } };
}

/** The code for a completed hosted-page flow, and the redirect that carries it. */
export async function codeRedirect(services: Services, flow: FlowRecord, sessionHash: string): Promise<string> {
  const authorization = flow.data.authorization!;
  const grant: AuthorizationGrant = {
    userId: flow.userId!,
    redirectUri: authorization.redirectUri,
    codeChallenge: authorization.codeChallenge,
    scope: authorization.scope,
    nonce: flow.nonce,
    acr: flow.acr,
    methods: flow.methods,
    authTime: flow.authTime!,
    sid: sidOfSession(sessionHash),
  };
  const code = await issueCode(services, flow.clientId, grant);
  return redirectWith(authorization.redirectUri, services.config.issuer, { code, state: authorization.state });
}
