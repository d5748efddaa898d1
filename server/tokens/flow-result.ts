import type { Keyring } from '../crypto/keyring.js';
import { sessionIdOf } from '../flow/engine.js';
import type { FlowRecord, FlowResult, UserRecord } from '../store/types.js';
import type { Tokens } from './tokens.js';

/**
 * A result sealed in this process, with its token still open: the answer that completed the flow
 * hands the token out without opening what it sealed a moment before. Held only while the
 * sealed result itself is.
 */
const justIssued = new WeakMap<FlowResult, FlowResult>();

/** What a completed flow's token is sealed to in the store. */
export const resultContext = (flowId: string) => `flow-result:${flowId}`;

export interface FlowResultDeps {
  tokens: Tokens;
  keyring: Keyring;
  /** How long a settings grant is valid (`selfService.grantSeconds`). */
  grantSeconds: number;
}

/**
 * What a completed flow hands out, sealed like every other secret at rest (a copy of the database
 * must hold no live token): a login's id_token, or a step-up's settings grant, which is for this
 * server's /api/v1/me only and bound to the browser's key and origin.
 */
export async function issueFlowResult(deps: FlowResultDeps, flow: FlowRecord, user: UserRecord, amr: string[], now: Date): Promise<FlowResult> {
  const { tokens, keyring } = deps;
  const authTime = new Date(flow.authTime!);
  const sid = sessionIdOf(flow);
  const seal = (token: string) => keyring.seal(token, resultContext(flow.id));
  if (flow.kind === 'step-up') {
    const binding = flow.data.stepUp;
    if (!binding) throw new Error('a step-up completed without its binding');
    const grant = await tokens.issueSettingsGrant(
      { sub: user.id, clientId: flow.clientId, origin: binding.origin, jkt: binding.jkt, amr, authTime, sid, ttlSeconds: deps.grantSeconds },
      now,
    );
    return issued({ settingsGrant: seal(grant), tokenType: 'DPoP', expiresIn: deps.grantSeconds }, { settingsGrant: grant });
  }
  const idToken = await tokens.issueIdToken(
    {
      sub: user.id,
      aud: flow.clientId,
      authTime,
      nonce: flow.nonce,
      acr: flow.acr,
      amr,
      sid,
      claims: { preferred_username: user.username, name: user.displayName, methods: flow.methods },
    },
    now,
  );
  return issued({ idToken: seal(idToken), tokenType: 'Bearer', expiresIn: tokens.idTokenTtlSeconds }, { idToken });
}

function issued(sealed: FlowResult, token: { idToken: string } | { settingsGrant: string }): FlowResult {
  justIssued.set(sealed, { ...sealed, ...token } as FlowResult);
  return sealed;
}

/** The result as the flow state answers it: its token opened. */
export function openFlowResult(keyring: Keyring, flow: FlowRecord, result: FlowResult): FlowResult {
  const open = justIssued.get(result);
  if (open) return open;
  const context = resultContext(flow.id);
  if ('settingsGrant' in result) return { ...result, settingsGrant: keyring.open(result.settingsGrant, context) };
  return { ...result, idToken: keyring.open(result.idToken, context) };
}
