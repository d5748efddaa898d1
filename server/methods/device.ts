import { randomBytesFromPool } from '../crypto/random.js';
import { deviceVerifyBody, type DeviceVerifyBody } from '../../contract/device.js';
import { emptyBody } from '../../contract/fields.js';
import { DEVICE_CHALLENGE_SECONDS, DEVICE_MAX_ATTEMPTS, mayTrustDevice, verifyDeviceSignature } from '../auth/trusted-devices.js';
import { MfaError, WrongAnswer } from '../errors.js';
import { readOnce } from './reads.js';
import { identifiedUser, type Method, type MethodContext } from './types.js';

const notTrusted = (attemptsRemaining: number) =>
  new MfaError('invalid_credentials', 'This device is not trusted for this account. Use another method.', { attemptsRemaining });

/**
 * Where a trusted device may stand in for a factor: the second step of a login (the first step,
 * which identifies the user, is never skipped; a step-up for settings asks for a factor proven
 * now), of a client that trusts devices, for a user with a live device of that client.
 */
function offered(ctx: MethodContext): boolean {
  return ctx.flow.kind === 'login' && ctx.flow.stepIndex === 1 && ctx.client.trustDeviceDays > 0;
}

/**
 * A trusted device ("remember this device"): the browser signs a fresh challenge with the key it
 * registered after an earlier login (`device/trust`). The server adds it to the second step of a
 * login itself (login/service.ts); a client's sequence never lists it.
 */
export const device: Method = {
  name: 'device',
  // RFC 8176 `swk`: proof of possession of a software-secured key; `device` says it was a remembered one.
  amr: ['swk', 'device'],
  needsUser: true,
  attempts: { max: () => DEVICE_MAX_ATTEMPTS, wrong: notTrusted },
  async option(ctx) {
    if (!offered(ctx)) return null;
    const user = identifiedUser(ctx);
    const has = await readOnce(ctx, 'trusted-device', () => ctx.services.store.hasTrustedDevice(user.id, ctx.client.clientId, ctx.now));
    return has ? { method: 'device' } : null;
  },
  // "Trust this device?" after the login, unless a passkey was made with it: that is the faster sign-in already.
  async offer(ctx) {
    return mayTrustDevice(ctx.flow, ctx.client) && !ctx.flow.data.passkeyMade;
  },
  actions: {
    challenge: {
      body: emptyBody,
      async run(ctx) {
        const challenge = randomBytesFromPool(32).toString('base64url');
        const expiresAt = new Date(ctx.now.getTime() + DEVICE_CHALLENGE_SECONDS * 1000).toISOString();
        // A new challenge replaces the last: only the latest can be signed, once.
        ctx.flow.data.device = { challenge, expiresAt };
        return { satisfied: false, extra: { deviceChallenge: { challenge, expiresAt } } };
      },
    },
    verify: {
      body: deviceVerifyBody,
      async run(ctx, { deviceId, signature }: DeviceVerifyBody) {
        const { store } = ctx.services;
        const user = identifiedUser(ctx);
        const pending = ctx.flow.data.device;
        if (!pending) throw new MfaError('invalid_request', 'Ask for a challenge first (device/challenge).');
        // Single use, right or wrong: the refusal is saved with it gone.
        delete ctx.flow.data.device;
        if (ctx.now.getTime() >= Date.parse(pending.expiresAt)) throw new MfaError('code_expired', 'The challenge expired. Ask for a new one.');
        const found = await store.getTrustedDevice(deviceId, ctx.now);
        const mine = found !== null && found.userId === user.id && found.clientId === ctx.client.clientId;
        const ok = mine && (await verifyDeviceSignature(found.publicJwk, pending.challenge, signature));
        // Revoked between the check and now: the use is not recorded, so it does not count either.
        if (!ok || !(await store.touchTrustedDevice(found.id, ctx.now))) throw new WrongAnswer();
        return { satisfied: true };
      },
    },
  },
};
