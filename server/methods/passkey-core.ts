import { randomBytesFromPool } from '../crypto/random.js';
import type {
  AuthenticationResponseJSON,
  PublicKeyCredentialCreationOptionsJSON,
  PublicKeyCredentialRequestOptionsJSON,
  RegistrationResponseJSON,
} from '@simplewebauthn/server';
import type { PasskeyAssertion, PasskeyAttestation, PasskeySummary } from '../../contract/passkey.js';
import type { Config } from '../config.js';
import type { ClientRecord, UserRecord } from '../store/types.js';
import type { NewPasskey, PasskeyRecord } from '../store/ports/passkeys.js';

/** Loaded on the first passkey step: its ASN.1 and X.509 modules were most of the server's start-up. */
const webauthn = () => import('@simplewebauthn/server');

/** The WebAuthn relying party this server is for a client: its id and the origins its pages are on. */
export interface RelyingParty {
  id: string;
  name: string;
  origins: string[];
}

export function relyingParty(config: Config, client: ClientRecord): RelyingParty {
  const { passkeys } = config;
  return {
    id: passkeys.rpId ?? new URL(config.issuer).hostname,
    name: passkeys.rpName ?? config.appName,
    origins: passkeys.origins ?? [...new Set([new URL(config.issuer).origin, ...client.allowedOrigins])],
  };
}

/** A challenge of 32 bytes from the CSPRNG, base64url: kept in the flow row, used once. */
export const newChallenge = () => randomBytesFromPool(32).toString('base64url');

/** What a use of a passkey adds to `amr` (RFC 8176): a synced key is a software key. */
export const passkeyAmr = (backupEligible: boolean, userVerified: boolean): string[] => [
  backupEligible ? 'swk' : 'hwk',
  ...(userVerified ? ['user'] : []),
];

/** The user handle of a user's passkeys: the user's id, so a discoverable passkey names its owner and nothing else. */
const userHandleOf = (user: UserRecord) => new TextEncoder().encode(user.id);

export async function authenticationOptions(
  config: Config,
  rp: RelyingParty,
  challenge: string,
  allow: PasskeyRecord[] | null,
): Promise<PublicKeyCredentialRequestOptionsJSON> {
  return (await webauthn()).generateAuthenticationOptions({
    rpID: rp.id,
    challenge: Buffer.from(challenge, 'base64url'),
    timeout: config.passkeys.timeoutSeconds * 1000,
    userVerification: config.passkeys.userVerification,
    // Null, before anyone is identified: an empty list, so any discoverable passkey of this site may
    // answer (the browser lists them, also under the username field: conditional UI requires it empty).
    allowCredentials: (allow ?? []).map((p) => ({ id: p.credentialId, transports: p.transports })),
  });
}

export async function registrationOptions(
  config: Config,
  rp: RelyingParty,
  challenge: string,
  user: UserRecord,
  existing: PasskeyRecord[],
): Promise<PublicKeyCredentialCreationOptionsJSON> {
  return (await webauthn()).generateRegistrationOptions({
    rpName: rp.name,
    rpID: rp.id,
    userID: userHandleOf(user),
    userName: user.username,
    userDisplayName: user.displayName || user.username,
    challenge: Buffer.from(challenge, 'base64url'),
    timeout: config.passkeys.timeoutSeconds * 1000,
    attestationType: 'none',
    // A discoverable credential: it can sign in before the username is typed.
    authenticatorSelection: { residentKey: 'required', userVerification: config.passkeys.userVerification },
    excludeCredentials: existing.map((p) => ({ id: p.credentialId, transports: p.transports })),
  });
}

/** A new passkey checked against its challenge, origin and RP id; null when it does not verify. */
export async function verifiedRegistration(
  config: Config,
  rp: RelyingParty,
  challenge: string,
  response: PasskeyAttestation,
  user: UserRecord,
  name: string,
): Promise<NewPasskey | null> {
  const { verifyRegistrationResponse } = await webauthn();
  const result = await verifyRegistrationResponse({
    response: response as RegistrationResponseJSON,
    expectedChallenge: challenge,
    expectedOrigin: rp.origins,
    expectedRPID: rp.id,
    requireUserVerification: config.passkeys.userVerification === 'required',
  }).catch(() => null);
  if (!result?.verified) return null;
  const { credential, credentialDeviceType, credentialBackedUp } = result.registrationInfo;
  return {
    userId: user.id,
    credentialId: credential.id,
    publicKey: Buffer.from(credential.publicKey).toString('base64url'),
    counter: credential.counter,
    transports: response.response.transports ?? [],
    backupEligible: credentialDeviceType === 'multiDevice',
    backedUp: credentialBackedUp,
    name,
  };
}

export interface VerifiedUse {
  counter: number;
  userVerified: boolean;
  backedUp: boolean;
}

/**
 * An assertion checked against the stored key: challenge, origin, RP id and signature. The
 * counter is the caller's to judge ({@link counterWentBack}), so a clone is told apart and logged.
 */
export async function verifiedUse(
  config: Config,
  rp: RelyingParty,
  challenge: string,
  response: PasskeyAssertion,
  passkey: PasskeyRecord,
): Promise<VerifiedUse | null> {
  const { verifyAuthenticationResponse } = await webauthn();
  const result = await verifyAuthenticationResponse({
    response: response as AuthenticationResponseJSON,
    expectedChallenge: challenge,
    expectedOrigin: rp.origins,
    expectedRPID: rp.id,
    credential: {
      id: passkey.credentialId,
      publicKey: Buffer.from(passkey.publicKey, 'base64url'),
      counter: 0,
      transports: passkey.transports,
    },
    requireUserVerification: config.passkeys.userVerification === 'required',
  }).catch(() => null);
  if (!result?.verified) return null;
  const info = result.authenticationInfo;
  return { counter: info.newCounter, userVerified: info.userVerified, backedUp: info.credentialBackedUp };
}

/**
 * WebAuthn §6.1.1: a counter that did not move forward, where either side counts, means two
 * authenticators hold the key: a cloned one. Authenticators that never count send 0 each time.
 */
export const counterWentBack = (stored: number, seen: number): boolean => (stored > 0 || seen > 0) && seen <= stored;

/** The user a discoverable passkey names (its user handle), or null when it names none. */
export function userHandleIn(response: PasskeyAssertion): string | null {
  const handle = response.response.userHandle;
  return handle ? Buffer.from(handle, 'base64url').toString('utf8') : null;
}

/** As settings and the CLI show a passkey: never its key. */
export const passkeySummary = (p: PasskeyRecord): PasskeySummary => ({
  id: p.id,
  name: p.name,
  createdAt: p.createdAt,
  lastUsedAt: p.lastUsedAt,
  synced: p.backedUp,
});
