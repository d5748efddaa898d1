import { emptyBody } from '../../contract/fields.js';
import { passkeyRegisterBody, passkeyVerifyBody, type PasskeyRegisterBody, type PasskeyVerifyBody } from '../../contract/passkey.js';
import { MfaError, WrongAnswer } from '../errors.js';
import type { PasskeyRecord } from '../store/ports/passkeys.js';
import {
  authenticationOptions,
  counterWentBack,
  newChallenge,
  passkeyAmr,
  registrationOptions,
  relyingParty,
  userHandleIn,
  verifiedRegistration,
  verifiedUse,
} from './passkey-core.js';
import { readOnce } from './reads.js';
import { identifiedUser, type ActionOutcome, type Method, type MethodContext } from './types.js';

const exhausted = () => new MfaError('too_many_attempts', 'Too many refused passkeys. Use another method or start again.');
/** One answer for every refusal (unknown, removed, another user's, cloned, bad signature): it tells an attacker nothing. */
const refused = (attemptsRemaining: number) => new MfaError('invalid_credentials', 'That passkey was not accepted.', { attemptsRemaining });

const passkeysOf = (ctx: MethodContext, userId: string) => readOnce(ctx, `passkeys:${userId}`, () => ctx.services.store.listPasskeys(userId));

/** Takes the flow's challenge for `purpose`: whatever comes of the answer, it is never accepted twice. */
function takeChallenge(ctx: MethodContext, purpose: 'authenticate' | 'register'): string {
  const pending = ctx.flow.data.passkey;
  delete ctx.flow.data.passkey;
  if (pending?.purpose !== purpose) throw new MfaError('invalid_request', 'Ask for the passkey options first.');
  return pending.challenge;
}

/**
 * Whether this use satisfies the sequence on its own: only in a login, as its first factor, for a
 * client whose config says so, and only when the authenticator verified the user (a PIN, a
 * fingerprint): then it is two factors in one. A passkey alone that would end the sequence any
 * other way is refused; one that does not simply satisfies its step.
 */
function alone(ctx: MethodContext, userVerified: boolean): boolean {
  const first = ctx.flow.kind === 'login' && ctx.flow.methods.length === 0;
  if (!first) return false;
  const lastStep = ctx.flow.stepIndex === ctx.flow.sequence.length - 1;
  const allowed = ctx.client.passkeyAlone && userVerified;
  if (lastStep && !allowed) throw new MfaError('method_not_allowed', 'A passkey alone is not enough here.');
  return allowed;
}

async function signIn(ctx: MethodContext, { response }: PasskeyVerifyBody): Promise<ActionOutcome> {
  const { store, config, logger } = ctx.services;
  const challenge = takeChallenge(ctx, 'authenticate');
  const passkey = await store.findPasskey(response.id);
  // Identified already (a second factor, a step-up): it must be this user's passkey.
  const owner = ctx.user?.id ?? userHandleIn(response);
  if (!passkey || passkey.userId !== owner) throw new WrongAnswer();
  const use = await verifiedUse(config, relyingParty(config, ctx.client), challenge, response, passkey);
  if (!use) throw new WrongAnswer();
  if (counterWentBack(passkey.counter, use.counter) || !(await store.usePasskey(passkey.id, passkey.counter, use.counter, use.backedUp, ctx.now))) {
    logger.warn(
      { userId: passkey.userId, passkeyId: passkey.id, clientId: ctx.flow.clientId },
      'passkey counter did not move forward: possible cloned authenticator',
    );
    throw new WrongAnswer();
  }
  const user = ctx.user ?? (await store.getUser(passkey.userId));
  if (!user) throw new WrongAnswer();
  const satisfiesAll = alone(ctx, use.userVerified);
  return {
    satisfied: true,
    user,
    satisfiesAll,
    amr: [...passkeyAmr(passkey.backupEligible, use.userVerified), ...(satisfiesAll ? ['mfa'] : [])],
  };
}

/** The client runs passkeys somewhere in its sequences: only then is making one worth offering. */
const clientUsesPasskeys = (ctx: MethodContext) =>
  [ctx.client.sequence, ...Object.values(ctx.client.acrSequences)].some((s) => s.flat().includes('passkey'));

/** Passkeys (WebAuthn): a second factor, or a passwordless first step with a discoverable passkey. */
export const passkey: Method = {
  name: 'passkey',
  amr: ['hwk', 'swk', 'user'],
  needsUser: false,
  stepUp: true,
  attempts: { max: (ctx) => ctx.services.config.passkeys.maxAttempts, wrong: refused, exhausted },
  async option(ctx, attemptsRemaining) {
    if (ctx.user && (await passkeysOf(ctx, ctx.user.id)).length === 0) return null;
    return { method: 'passkey', discoverable: !ctx.user, attemptsRemaining };
  },
  /** Right after a login that did not use one, for a user with none yet: "Sign in faster next time?". */
  async offer(ctx) {
    const { flow, user } = ctx;
    if (flow.kind !== 'login' || !user || flow.data.passkeyMade || flow.methods.includes('passkey') || !clientUsesPasskeys(ctx)) return false;
    return (await passkeysOf(ctx, user.id)).length === 0;
  },
  actions: {
    options: {
      body: emptyBody,
      async run(ctx) {
        const { config } = ctx.services;
        const challenge = newChallenge();
        ctx.flow.data.passkey = { challenge, purpose: 'authenticate' };
        const allow: PasskeyRecord[] | null = ctx.user ? await passkeysOf(ctx, ctx.user.id) : null;
        return {
          satisfied: false,
          extra: { passkeyOptions: await authenticationOptions(config, relyingParty(config, ctx.client), challenge, allow) },
        };
      },
    },
    verify: { body: passkeyVerifyBody, run: signIn },
    registerOptions: {
      on: 'complete',
      body: emptyBody,
      async run(ctx) {
        const { config } = ctx.services;
        const user = identifiedUser(ctx);
        const challenge = newChallenge();
        ctx.flow.data.passkey = { challenge, purpose: 'register' };
        const options = await registrationOptions(config, relyingParty(config, ctx.client), challenge, user, await passkeysOf(ctx, user.id));
        return { satisfied: false, extra: { passkeyOptions: options } };
      },
    },
    register: {
      on: 'complete',
      body: passkeyRegisterBody,
      async run(ctx, { response, name }: PasskeyRegisterBody) {
        const { config, store, logger } = ctx.services;
        const user = identifiedUser(ctx);
        const challenge = takeChallenge(ctx, 'register');
        const made = await verifiedRegistration(config, relyingParty(config, ctx.client), challenge, response, user, name ?? 'Passkey');
        if (!made) throw new MfaError('invalid_credentials', 'That passkey could not be made.');
        const stored = await store.createPasskey(made, ctx.now);
        if (!stored) throw new MfaError('invalid_credentials', 'That passkey is registered already.');
        ctx.flow.data.passkeyMade = true;
        logger.info({ userId: user.id, clientId: ctx.flow.clientId, passkeyId: stored.id }, 'passkey registered');
        return { satisfied: false, undo: async () => void (await store.deletePasskey(user.id, stored.id)) };
      },
    },
  },
};
