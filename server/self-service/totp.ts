import type { totpSettings } from '../../contract/me/totp.js';
import { revokeTrustedDevices } from '../auth/trusted-devices.js';
import { invalidCode, MfaError, WrongAnswer } from '../errors.js';
import { counted } from '../flow/engine.js';
import { seedContext } from '../methods/totp.js';
import { checkTotp, enrollmentFor, newTotpSecret, stepAt } from '../methods/totp-core.js';
import type { MethodContext } from '../methods/types.js';
import type { SettingsRun, SettingsRuns } from './call.js';
import { notifyChange } from './notify.js';
import { inSession } from './session.js';

/** The pending secret is sealed to the change in progress, so it opens for that token only. */
const pendingContext = (ctx: MethodContext) => `self-service-totp:${ctx.flow.id}`;

/** The wrong answers count per settings grant, so a new step-up is the way on. */
const tooMany = () => new MfaError('too_many_attempts', 'Too many wrong codes. Confirm it is you again to try once more.', { stepUp: true });

/** Shows a new secret (the same one again until it is confirmed); the apps set up already keep working. */
const enroll: SettingsRun<typeof totpSettings.enroll> = async ({ services, identity, ip }) => {
  const secret = await inSession(services, identity, ip, (ctx) => {
    const pending = ctx.flow.data.totpEnrollment;
    const sealedSecret = pending?.sealedSecret ?? services.keyring.seal(newTotpSecret(), pendingContext(ctx));
    ctx.flow.data.totpEnrollment = { sealedSecret, startedAt: pending?.startedAt ?? ctx.now.toISOString() };
    return services.keyring.open(sealedSecret, pendingContext(ctx));
  });
  const { config } = services;
  return { enrollment: await enrollmentFor(secret, config.totp.issuer ?? config.appName, identity.user.username, config.totp) };
};

/** Authenticator apps a user may have: each code is tried against all of them. */
export const MAX_AUTHENTICATORS = 10;

const tooManyApps = () => new MfaError('method_not_allowed', `You have ${MAX_AUTHENTICATORS} authenticator apps already. Remove one first.`);

/** "Authenticator", then "Authenticator 2", … so several stay apart until renamed. */
const defaultName = (count: number) => (count === 0 ? 'Authenticator' : `Authenticator ${count + 1}`);

/**
 * A right code from the new app adds it beside the others, which keep working. A wrong one
 * keeps the pending secret (only the attempts count), so the user types the next code from
 * the app they scanned already. A new app may replace a lost phone: no trusted device skips it.
 */
const verify: SettingsRun<typeof totpSettings.verify> = async ({ services, identity, ip, body: { code, name } }) => {
  const { config, keyring, store } = services;
  const userId = identity.user.id;
  const confirmed = await inSession(services, identity, ip, async (ctx) => {
    const pending = ctx.flow.data.totpEnrollment;
    if (!pending) throw new MfaError('enrollment_required', 'Start setting up the new authenticator app first.');
    return counted(ctx, 'totp', { max: () => config.totp.maxAttempts, wrong: invalidCode, exhausted: tooMany }, async () => {
      const existing = (await store.listTotp(userId)).length;
      if (existing >= MAX_AUTHENTICATORS) throw tooManyApps();
      const secret = keyring.open(pending.sealedSecret, pendingContext(ctx));
      const step = checkTotp({ secret, code, params: config.totp, window: config.totp.window, now: ctx.now, afterTimeStep: null });
      if (step === null) throw new WrongAnswer();
      delete ctx.flow.data.totpEnrollment;
      return { secret, step, offset: step - stepAt(ctx.now, config.totp.period), name: name ?? defaultName(existing) };
    });
  });
  const { algorithm, digits, period } = config.totp;
  const added = await store.addTotp(
    {
      userId,
      name: confirmed.name,
      sealedSecret: keyring.seal(confirmed.secret, seedContext(userId)),
      algorithm,
      digits,
      period,
      lastTimeStep: confirmed.step,
      recentOffsets: [confirmed.offset],
    },
    services.now(),
    MAX_AUTHENTICATORS,
  );
  if (!added) throw tooManyApps();
  await notifyChange(services, identity, 'totp-added', { totpCredentialId: added.id });
  await revokeTrustedDevices(store, userId);
};

const unknownApp = () => new MfaError('not_found', 'There is no such authenticator app.');

/** Its codes stop working at once. The last one stays: without it no change could be confirmed with an app. */
const remove: SettingsRun<typeof totpSettings.remove> = async ({ services, identity, body: { id: credentialId } }) => {
  const { store } = services;
  const userId = identity.user.id;
  const apps = await store.listTotp(userId);
  if (!apps.some((c) => c.id === credentialId)) throw unknownApp();
  const last = () => new MfaError('method_not_allowed', 'This is your only authenticator app. Add another before removing it.');
  if (apps.length === 1) throw last();
  if (!(await store.removeTotp(userId, credentialId, { unlessLast: true }))) {
    // Removed meanwhile elsewhere, or the other one was.
    throw (await store.listTotp(userId)).some((c) => c.id === credentialId) ? last() : unknownApp();
  }
  await notifyChange(services, identity, 'totp-removed', { totpCredentialId: credentialId });
};

const rename: SettingsRun<typeof totpSettings.rename> = async ({ services, identity, body: { id: credentialId, name } }) => {
  if (!(await services.store.renameTotp(identity.user.id, credentialId, name))) throw unknownApp();
  services.logger.info({ userId: identity.user.id, clientId: identity.client.clientId, totpCredentialId: credentialId }, 'authenticator renamed');
};

export const totpRuns: SettingsRuns<typeof totpSettings> = { enroll, verify, remove, rename };
