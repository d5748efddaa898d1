import { createHash, generateKeyPairSync, randomBytes, sign, type KeyObject } from 'node:crypto';
import { isoCBOR } from '@simplewebauthn/server/helpers';

/**
 * A WebAuthn authenticator in software, for API tests: it makes ES256 credentials and signs
 * assertions exactly as the specification lays their bytes out (attestation `none`), so the
 * server's checks run on real signatures. Browser tests use Chromium's virtual authenticator.
 */

const b64 = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64url');
const sha256 = (data: Uint8Array | string) => createHash('sha256').update(data).digest();

export interface SoftCredential {
  id: string;
  rpId: string;
  userHandle: string;
  privateKey: KeyObject;
  publicKey: KeyObject;
  signCount: number;
}

const FLAGS = { up: 0x01, uv: 0x04, be: 0x08, bs: 0x10, at: 0x40 };

function authData(rpId: string, flags: number, signCount: number, attested?: Buffer): Buffer {
  const count = Buffer.alloc(4);
  count.writeUInt32BE(signCount);
  return Buffer.concat([sha256(rpId), Buffer.from([flags]), count, ...(attested ? [attested] : [])]);
}

function coseKey(publicKey: KeyObject): Uint8Array {
  const jwk = publicKey.export({ format: 'jwk' });
  const key = new Map<number, number | Uint8Array>([
    [1, 2],
    [3, -7],
    [-1, 1],
    [-2, Buffer.from(jwk.x!, 'base64url')],
    [-3, Buffer.from(jwk.y!, 'base64url')],
  ]);
  return isoCBOR.encode(key);
}

const clientData = (type: string, challenge: string, origin: string) => Buffer.from(JSON.stringify({ type, challenge, origin, crossOrigin: false }));

export interface Options {
  userVerified?: boolean;
  /** A passkey its provider syncs (backup eligible and backed up). */
  synced?: boolean;
}

const flagsOf = (o: Options) => FLAGS.up | (o.userVerified === false ? 0 : FLAGS.uv) | (o.synced ? FLAGS.be | FLAGS.bs : 0);

/** `navigator.credentials.create()` for `optionsJSON`, answered as RegistrationResponseJSON. */
export function register(optionsJSON: any, origin: string, options: Options = {}) {
  const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const id = randomBytes(16);
  const rpId: string = optionsJSON.rp.id;
  const idLength = Buffer.alloc(2);
  idLength.writeUInt16BE(id.length);
  const attested = Buffer.concat([Buffer.alloc(16), idLength, id, coseKey(publicKey)]);
  const data = authData(rpId, flagsOf(options) | FLAGS.at, 0, attested);
  const attestationObject = isoCBOR.encode(
    new Map<string, unknown>([
      ['fmt', 'none'],
      ['attStmt', new Map()],
      ['authData', data],
    ]) as never,
  );
  const credential: SoftCredential = { id: b64(id), rpId, userHandle: optionsJSON.user.id, privateKey, publicKey, signCount: 0 };
  const response = {
    id: credential.id,
    rawId: credential.id,
    type: 'public-key' as const,
    response: {
      clientDataJSON: b64(clientData('webauthn.create', optionsJSON.challenge, origin)),
      attestationObject: b64(attestationObject),
      transports: ['internal'],
    },
    clientExtensionResults: {},
    authenticatorAttachment: 'platform' as const,
  };
  return { credential, response };
}

/** `navigator.credentials.get()` with `credential`, answered as AuthenticationResponseJSON; the counter goes up by one. */
export function assert(credential: SoftCredential, optionsJSON: any, origin: string, options: Options & { signCount?: number } = {}) {
  credential.signCount = options.signCount ?? credential.signCount + 1;
  const data = authData(credential.rpId, flagsOf(options), credential.signCount);
  const client = clientData('webauthn.get', optionsJSON.challenge, origin);
  const signature = sign('sha256', Buffer.concat([data, sha256(client)]), credential.privateKey);
  return {
    id: credential.id,
    rawId: credential.id,
    type: 'public-key' as const,
    response: { clientDataJSON: b64(client), authenticatorData: b64(data), signature: b64(signature), userHandle: credential.userHandle },
    clientExtensionResults: {},
    authenticatorAttachment: 'platform' as const,
  };
}
