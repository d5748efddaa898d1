import type { passkeySettings } from '../../contract/passkey.js';
import { MfaError } from '../errors.js';
import { newChallenge, registrationOptions, relyingParty, verifiedRegistration } from '../methods/passkey-core.js';
import type { SettingsRun, SettingsRuns } from './call.js';
import { notifyChange } from './notify.js';
import { inSession } from './session.js';

/** Options for a new passkey; the challenge waits in this grant's change row, for one answer. */
const options: SettingsRun<typeof passkeySettings.options> = async ({ services, identity, ip }) => {
  const { config, store } = services;
  const challenge = await inSession(services, identity, ip, (ctx) => {
    const challenge = newChallenge();
    ctx.flow.data.passkey = { challenge, purpose: 'register' };
    return challenge;
  });
  const existing = await store.listPasskeys(identity.user.id);
  const creation = await registrationOptions(config, relyingParty(config, identity.client), challenge, identity.user, existing);
  // Spread: the contract's options are an open object, which the library's interface is not declared as.
  return { options: { ...creation } };
};

/** Verifies the new passkey against the challenge handed out (taken whatever comes of it), then stores it. */
const add: SettingsRun<typeof passkeySettings.add> = async ({ services, identity, ip, body: { response, name } }) => {
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
};

const rename: SettingsRun<typeof passkeySettings.rename> = async ({ services, identity, body: { id, name } }) => {
  if (!(await services.store.renamePasskey(identity.user.id, id, name))) throw new MfaError('not_found', 'No such passkey.');
};

/** Removed at once: the passkey no longer signs in, wherever it is. */
const remove: SettingsRun<typeof passkeySettings.remove> = async ({ services, identity, body: { id } }) => {
  if (!(await services.store.deletePasskey(identity.user.id, id))) throw new MfaError('not_found', 'No such passkey.');
  await notifyChange(services, identity, 'passkey-removed', { passkeyId: id });
};

export const passkeyRuns: SettingsRuns<typeof passkeySettings> = { options, add, rename, remove };
