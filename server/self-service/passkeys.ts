import type { PasskeyRegisterBody } from '../../contract/passkey.js';
import { MfaError } from '../errors.js';
import { newChallenge, registrationOptions, relyingParty, verifiedRegistration } from '../methods/passkey-core.js';
import type { Services } from '../services.js';
import type { Identity } from './identity.js';
import { notifyChange } from './notify.js';
import { inSession } from './session.js';

/** Options for a new passkey; the challenge waits in this grant's change row, for one answer. */
export async function startPasskeyRegistration(services: Services, identity: Identity, ip: string | null) {
  const { config, store } = services;
  const challenge = await inSession(services, identity, ip, (ctx) => {
    const challenge = newChallenge();
    ctx.flow.data.passkey = { challenge, purpose: 'register' };
    return challenge;
  });
  const existing = await store.listPasskeys(identity.user.id);
  return { options: await registrationOptions(config, relyingParty(config, identity.client), challenge, identity.user, existing) };
}

/** Verifies the new passkey against the challenge handed out (taken whatever comes of it), then stores it. */
export async function finishPasskeyRegistration(services: Services, identity: Identity, ip: string | null, { response, name }: PasskeyRegisterBody) {
  const { config, store } = services;
  const challenge = await inSession(services, identity, ip, (ctx) => {
    const pending = ctx.flow.data.passkey;
    delete ctx.flow.data.passkey;
    if (pending?.purpose !== 'register') throw new MfaError('invalid_request', 'Ask for the passkey options first.');
    return pending.challenge;
  });
  const made = await verifiedRegistration(config, relyingParty(config, identity.client), challenge, response, identity.user, name ?? 'Passkey');
  if (!made) throw new MfaError('invalid_credentials', 'That passkey could not be made.');
  const stored = await store.createPasskey(made, services.now());
  if (!stored) throw new MfaError('invalid_credentials', 'That passkey is registered already.');
  await notifyChange(services, identity, 'passkey-added', { passkeyId: stored.id });
}

export async function renamePasskey(services: Services, identity: Identity, id: string, name: string): Promise<void> {
  if (!(await services.store.renamePasskey(identity.user.id, id, name))) throw new MfaError('not_found', 'No such passkey.');
}

/** Removed at once: the passkey no longer signs in, wherever it is. */
export async function removePasskey(services: Services, identity: Identity, id: string): Promise<void> {
  if (!(await services.store.deletePasskey(identity.user.id, id))) throw new MfaError('not_found', 'No such passkey.');
  await notifyChange(services, identity, 'passkey-removed', { passkeyId: id });
}
