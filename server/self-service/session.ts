import { newFlow } from '../flow/engine.js';
import { flowConflict, runOnFlow } from '../flow/runner.js';
import type { MethodContext } from '../methods/types.js';
import type { Services } from '../services.js';
import type { FlowRecord } from '../store/types.js';
import type { Identity } from './identity.js';

/**
 * What a change in progress keeps between two calls (a TOTP secret waiting for its first code,
 * a code texted to a new number, wrong answers so far) lives in a short-lived row of the flows
 * table, one per id_token. That gives it, with no table of its own:
 * - N instances on one database: every call re-reads the row, and saving is a compare-and-set on
 *   its version, so a code is accepted once and every wrong answer counts even under a race;
 * - expiry and clean-up through the flows' sweep;
 * - the login's code rules as they are (methods/code-challenge.ts works on any flow's data).
 * The row id is a keyed hash of the token's user, `sid` and `jti`: another token (or another
 * sign-in) cannot reach it, and no flow handle hashes to it, so the flow API cannot either.
 */
const sessionId = (services: Services, identity: Identity) =>
  services.keyring.hash(`${identity.user.id}\0${identity.sid}\0${identity.jti}`, 'self-service-session');

const conflict = flowConflict('This change was also made in another window. Please try again.');

function fresh(services: Services, identity: Identity, id: string, now: Date): FlowRecord {
  const flow = newFlow({
    id,
    kind: 'self-service',
    clientId: identity.client.clientId,
    sequence: [],
    acr: 'self-service',
    nonce: null,
    loginHint: null,
    ip: null,
    now,
    ttlSeconds: services.config.flow.ttlSeconds,
  });
  return { ...flow, userId: identity.user.id };
}

async function load(services: Services, identity: Identity, now: Date): Promise<FlowRecord> {
  const id = sessionId(services, identity);
  const existing = await services.store.getFlow(id);
  if (existing && now.getTime() < Date.parse(existing.expiresAt)) return existing;
  if (existing) {
    // Expired: what was pending is dropped, the wrong answers are kept.
    const renewed = fresh(services, identity, id, now);
    return { ...renewed, data: { attempts: existing.data.attempts }, version: existing.version };
  }
  const created = fresh(services, identity, id, now);
  try {
    await services.store.createFlow(created);
    return created;
  } catch (e) {
    // Another instance created it a moment ago.
    const raced = await services.store.getFlow(id);
    if (raced) return raced;
    throw e;
  }
}

/**
 * Runs `run` on the change in progress for this token and saves it afterwards, also when `run`
 * refuses an answer (so wrong codes count). A side effect that must happen once (storing the
 * new factor) belongs after this returns: by then the row saying "done" is saved.
 */
export async function inSession<T>(
  services: Services,
  identity: Identity,
  ip: string | null,
  run: (ctx: MethodContext) => Promise<T> | T,
): Promise<T> {
  const now = services.now();
  const flow = await load(services, identity, now);
  const ctx: MethodContext = { services, flow, client: identity.client, user: identity.user, now, ip };
  return runOnFlow(services.store, ctx, { run: async () => run(ctx), conflict });
}
