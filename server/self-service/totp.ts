import { invalidCode, MfaError } from '../errors.js';
import { assertAttemptsLeft, failAttempt } from '../flow/engine.js';
import { seedContext } from '../methods/totp.js';
import { checkTotp, enrollmentFor, newTotpSecret } from '../methods/totp-core.js';
import type { MethodContext } from '../methods/types.js';
import type { Services } from '../services.js';
import type { Identity } from './identity.js';
import { notifyChange } from './notify.js';
import { inSession } from './session.js';

/** The pending secret is sealed to the change in progress, so it opens for that token only. */
const pendingContext = (ctx: MethodContext) => `self-service-totp:${ctx.flow.id}`;

/** The wrong answers count per settings grant, so a new step-up is the way on. */
const tooMany = () => new MfaError('too_many_attempts', 'Too many wrong codes. Confirm it is you again to try once more.', { stepUp: true });

/** Shows a new secret (the same one again until it is confirmed); the current app keeps working. */
export async function startTotpEnrollment(services: Services, identity: Identity, ip: string | null) {
  const secret = await inSession(services, identity, ip, (ctx) => {
    const pending = ctx.flow.data.totpEnrollment;
    const sealedSecret = pending?.sealedSecret ?? services.keyring.seal(newTotpSecret(), pendingContext(ctx));
    ctx.flow.data.totpEnrollment = { sealedSecret, startedAt: pending?.startedAt ?? ctx.now.toISOString() };
    return services.keyring.open(sealedSecret, pendingContext(ctx));
  });
  const { config } = services;
  return { enrollment: await enrollmentFor(secret, config.totp.issuer ?? config.appName, identity.user.username, config.totp) };
}

/** A right code from the new app replaces the old credential; the old secret stops working. */
export async function confirmTotpEnrollment(services: Services, identity: Identity, ip: string | null, code: string): Promise<void> {
  const { config, keyring, store } = services;
  const confirmed = await inSession(services, identity, ip, async (ctx) => {
    const pending = ctx.flow.data.totpEnrollment;
    if (!pending) throw new MfaError('enrollment_required', 'Start setting up the new authenticator app first.');
    assertAttemptsLeft(ctx.flow, 'totp', config.totp.maxAttempts, tooMany);
    const secret = keyring.open(pending.sealedSecret, pendingContext(ctx));
    const step = await checkTotp({ secret, code, params: config.totp, window: config.totp.window, now: ctx.now, afterTimeStep: null });
    if (step === null) failAttempt(ctx.flow, 'totp', config.totp.maxAttempts, invalidCode, tooMany);
    delete ctx.flow.data.totpEnrollment;
    return { secret, step };
  });
  const { algorithm, digits, period } = config.totp;
  await store.setTotp(
    {
      userId: identity.user.id,
      sealedSecret: keyring.seal(confirmed.secret, seedContext(identity.user.id)),
      algorithm,
      digits,
      period,
      lastTimeStep: confirmed.step,
    },
    services.now(),
  );
  await notifyChange(services, identity, 'totp-replaced');
}
