import type { MethodName, Sequence } from '../config.js';
import { MfaError } from '../errors.js';
import { methods } from '../methods/index.js';
import type { Services } from '../services.js';
import { thumbprintOf } from '../self-service/dpop.js';
import { identifyByIdToken } from '../self-service/identity.js';
import type { ClientRecord, FlowData, UserRecord } from '../store/types.js';
import type { Caller } from '../flow/caller.js';

/**
 * Every method that proves a second factor, in the order the client's own sequence lists them,
 * then the rest: a step-up's last step offers those the user has.
 */
function secondFactors(client: ClientRecord): MethodName[] {
  const order = [...client.sequence.flat(), ...(Object.keys(methods) as MethodName[])];
  // A trusted device is a factor proven some days ago, never a fresh one: never in a step-up.
  return [...new Set(order)].filter((name) => methods[name].needsUser && name !== 'device');
}

export interface StepUpRequest {
  idToken?: string | undefined;
  dpopKey?: { kty: string; crv: string; x: string; y: string } | undefined;
}

export interface StepUpPlan {
  sequence: Sequence;
  /** The user the id_token names, already read; null when the password step identifies them. */
  user: UserRecord | null;
  stepUp: NonNullable<FlowData['stepUp']>;
}

/**
 * A step-up for settings: a second factor proven again, after the password too when the sign-in
 * behind the id_token is older than `selfService.freshSeconds` (or there is none). It runs in a
 * browser only (its grant is bound to the origin and to the key the element holds), for the user
 * the id_token names, and never enrols a factor.
 */
export async function planStepUp(services: Services, client: ClientRecord, request: StepUpRequest, caller: Caller): Promise<StepUpPlan> {
  if (!caller.origin) throw new MfaError('origin_not_allowed', 'Settings changes are confirmed in a browser, on a page of this client.');
  if (!request.dpopKey)
    throw new MfaError('invalid_request', 'A step-up needs the browser key (dpopKey).', {
      issues: [{ path: 'dpopKey', message: 'required when purpose is settings' }],
    });
  const stepUp = { jkt: await thumbprintOf(request.dpopKey), origin: caller.origin };
  if (!request.idToken) return { sequence: [['password'], secondFactors(client)], user: null, stepUp };

  const identity = await identifyByIdToken(services, request.idToken, caller);
  if (identity.client.clientId !== client.clientId) throw new MfaError('unauthorized', 'Sign in again to continue.', { reauthenticate: true });
  const age = services.now().getTime() - identity.authTime.getTime();
  const recent = age <= services.config.selfService.freshSeconds * 1000;
  return { sequence: recent ? [secondFactors(client)] : [['password'], secondFactors(client)], user: identity.user, stepUp };
}
