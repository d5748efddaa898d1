import type { z } from 'zod';
import { tokenSendBody as sendBody, tokenVerifyBody as verifyBody } from '../../contract/token.js';
import { constantTimeEqual, randomHandle, sha256 } from '../crypto/codes.js';
import { isMfaError, MfaError, OAuthError } from '../errors.js';
import { newFlow, sessionIdOf } from '../flow/engine.js';
import { runOnFlow } from '../flow/runner.js';
import { countGuess, verifyChallenge } from '../challenge/code.js';
import { fillTemplate } from '../challenge/message.js';
import { textCode } from '../challenge/text.js';
import type { MethodContext } from '../methods/types.js';
import { normalizePhone } from '../providers/sms/phone.js';
import type { Services } from '../services.js';
import type { ClientRecord, FlowRecord } from '../store/types.js';

const ACR = 'urn:mfa-login:acr:sms-otp';

/** The reference is the challenge's handle plus a MAC, so forged ones fail before any lookup. */
const mac = (services: Services, handle: string) => services.keyring.hash(handle, 'sms-otp-reference').slice(0, 22);

function parse<S extends z.ZodType>(schema: S, body: unknown): z.output<S> {
  const result = schema.safeParse(body);
  if (!result.success) throw new OAuthError('invalid_request', result.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '));
  return result.data;
}

const raced = () => new MfaError('flow_conflict');

/** MfaErrors of the code rules, as the OAuth errors the contract names. */
function asOAuth(e: unknown): unknown {
  if (!isMfaError(e)) return e;
  switch (e.code) {
    case 'code_expired':
    case 'flow_expired':
      return new OAuthError('invalid_grant', 'OTP Expired');
    case 'too_many_attempts':
      return new OAuthError('invalid_grant', 'Too many attempts');
    case 'invalid_code':
    case 'flow_not_found':
      return new OAuthError('invalid_grant', 'OTP Invalid');
    case 'rate_limited':
      return new OAuthError('invalid_request', e.message, 429, e.extras.retryAfter, e.limit);
    case 'flow_conflict':
      return new OAuthError('temporarily_unavailable', 'The code was checked by another request at the same moment. Please try again.', 409);
    case 'delivery_failed':
      return new OAuthError('temporarily_unavailable', 'The text message could not be sent.', 502);
    case 'invalid_request':
    case 'method_not_allowed':
      return new OAuthError('invalid_request', e.message);
    default:
      return new OAuthError('invalid_request', e.message);
  }
}

/**
 * Phone verification without a browser (Ubisecure's SMS OTP grant): first call texts a code and
 * answers a reference, second call trades reference + code for tokens whose `sub` is the phone.
 */
export function createSmsOtpGrant(services: Services) {
  const { config, store } = services;
  const context = (flow: FlowRecord, client: ClientRecord, ip: string | null): MethodContext => ({
    services,
    flow,
    client,
    user: null,
    now: services.now(),
    ip,
  });

  // The number is a third party's, kept until the sweep removes the row: the row holds it sealed
  // to that row, and it is opened only while a code to it is checked.
  const phoneContext = (flow: FlowRecord) => `sms-otp-phone:${flow.id}`;
  const withPhone = (flow: FlowRecord, to: (phone: string) => string): FlowRecord =>
    flow.data.sms ? { ...flow, data: { ...flow.data, sms: { ...flow.data.sms, to: to(flow.data.sms.to) } } } : flow;
  const sealed = (flow: FlowRecord) => withPhone(flow, (phone) => services.keyring.seal(phone, phoneContext(flow)));
  // A row written before numbers were sealed holds it as E.164 (a sealed value never starts with +).
  const opened = (flow: FlowRecord) => withPhone(flow, (phone) => (phone.startsWith('+') ? phone : services.keyring.open(phone, phoneContext(flow))));

  async function send(client: ClientRecord, body: unknown, ip: string | null) {
    const { username, message } = parse(sendBody, body);
    const phone = normalizePhone(username, config.sms.defaultCountry);
    const handle = randomHandle();
    const now = services.now();
    const flow = newFlow({
      id: sha256(handle),
      kind: 'sms-otp',
      clientId: client.clientId,
      sequence: [['sms']],
      acr: ACR,
      nonce: null,
      loginHint: null,
      ip,
      now,
      ttlSeconds: config.sms.expirySeconds,
    });
    const minutes = String(Math.round(config.sms.expirySeconds / 60));
    // Server to server: the address is the client backend's, shared by all its users, so no
    // per-address cap holds the send; the per-client and per-number caps still do. The number is
    // the client's to verify, not a user's own: the verification budget pays for it.
    const ctx = context(flow, client, null);
    await textCode(ctx, phone, {
      enrolling: true,
      ...(message ? { text: (code: string) => fillTemplate(message, { code, app: config.appName, minutes }) } : {}),
    });
    await store.createFlow(sealed(flow));
    return { challenge: { reference: `${handle}.${mac(services, handle)}`, expires_in: config.sms.expirySeconds } };
  }

  async function verify(client: ClientRecord, body: unknown, ip: string | null) {
    const { reference, code } = parse(verifyBody, body);
    const [handle = '', given = ''] = reference.split('.');
    if (!constantTimeEqual(mac(services, handle), given)) throw new OAuthError('invalid_grant', 'OTP Invalid');
    const stored = await store.getFlow(sha256(handle));
    if (stored?.kind !== 'sms-otp' || stored.clientId !== client.clientId || stored.status !== 'pending')
      throw new OAuthError('invalid_grant', 'OTP Invalid');
    const flow = opened(stored);
    const ctx = context(flow, client, ip);
    // Counted before it is compared: parallel guesses (on any instance) each spend one attempt.
    await countGuess(ctx, 'sms', config.sms);
    // A guess judged on a flow another request changed meanwhile gets no verdict; saving before
    // any token is made keeps the code single use even when two requests race.
    const phone = await runOnFlow(store, ctx, {
      run: async () => (await verifyChallenge(ctx, 'sms', code, config.sms)).to,
      settle: () => {
        ctx.flow.status = 'complete';
        ctx.flow.methods = ['sms'];
        ctx.flow.authTime = ctx.now.toISOString();
      },
      stored: sealed,
      conflict: raced,
    });
    const sid = sessionIdOf(ctx.flow);
    const [idToken, accessToken] = await Promise.all([
      services.tokens.issueIdToken(
        {
          sub: phone,
          aud: client.clientId,
          authTime: ctx.now,
          nonce: null,
          acr: ACR,
          amr: ['sms'],
          sid,
          claims: { phone_number: phone, phone_number_verified: true },
        },
        ctx.now,
      ),
      services.tokens.issueAccessToken({ sub: phone, clientId: client.clientId, claims: { acr: ACR, amr: ['sms'] } }, ctx.now),
    ]);
    // `sub` is the verified number: the event names the client only, never the number.
    services.audit.record({
      type: 'token.issued',
      clientId: client.clientId,
      address: ip,
      details: { tokenType: 'id_token+access_token', grant: 'sms-otp', acr: ACR, amr: ['sms'] },
    });
    return { access_token: accessToken, id_token: idToken, token_type: 'Bearer', expires_in: services.tokens.idTokenTtlSeconds };
  }

  return {
    async exchange(client: ClientRecord, body: Record<string, unknown>, ip: string | null) {
      const verifying = 'reference' in body;
      try {
        return await (verifying ? verify(client, body, ip) : send(client, body, ip));
      } catch (e) {
        const reason = isMfaError(e) ? e.code : e instanceof OAuthError ? e.error : null;
        if (reason)
          services.audit.record({
            type: 'step.failed',
            clientId: client.clientId,
            address: ip,
            details: { method: 'sms', action: verifying ? 'verify' : 'send', kind: 'sms-otp', reason },
          });
        throw asOAuth(e);
      }
    },
  };
}
