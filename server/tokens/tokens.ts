import { randomUUID } from 'node:crypto';
import type { JWK, JWTPayload } from 'jose';
import type { Keyring } from '../crypto/keyring.js';
import type { KeyStore, SigningKeyRecord } from '../store/ports/keys.js';
import {
  createFirstSigningKey,
  createSigningKey,
  KEY_CACHE_MS,
  openSigningKey,
  publishedForMs,
  publishedKeysOf,
  signingKeyOf,
  type ActiveKey,
} from './keys.js';
import { signCompact } from './jws.js';

export interface IdTokenInput {
  sub: string;
  aud: string;
  authTime: Date;
  nonce: string | null;
  acr: string;
  amr: string[];
  sid: string;
  claims?: Record<string, unknown>;
}

export interface SettingsGrantInput {
  sub: string;
  clientId: string;
  origin: string;
  /** RFC 7638 thumbprint of the browser's key: the grant works only with proofs it signed (RFC 9449 `cnf.jkt`). */
  jkt: string;
  amr: string[];
  authTime: Date;
  sid: string;
  ttlSeconds: number;
}

/** The JOSE `typ` of a settings grant. */
export const SETTINGS_GRANT_TYP = 'mfa-settings+jwt';

/** The audience of an admin API access token: no other token of this server names it. */
export const adminAudience = (issuer: string) => `${issuer}/admin/v1`;

/** The audience of a settings grant: the self-service API of `issuer`. */
export const settingsAudience = (issuer: string) => `${issuer}/api/v1/me`;

export interface Tokens {
  readonly alg: string;
  readonly idTokenTtlSeconds: number;
  issueIdToken(input: IdTokenInput, now: Date): Promise<string>;
  /** An RFC 9068 JWT access token for `clientId` about `sub`; by default for the issuer, valid as long as an id_token. */
  issueAccessToken(
    input: { sub: string; clientId: string; claims?: Record<string, unknown>; aud?: string; ttlSeconds?: number; jti?: string },
    now: Date,
  ): Promise<string>;
  /**
   * A settings grant (self-service/grant.ts): audience this server's /api/v1/me, never a client,
   * and a `typ` no id_token or access token check accepts.
   */
  issueSettingsGrant(input: SettingsGrantInput, now: Date): Promise<string>;
  /** An RFC 9068 access token (`at+jwt`) for the admin API, from the client_credentials grant: `sub` and `client_id` are the client. */
  issueAdminAccessToken(input: { clientId: string; scopes: string[]; ttlSeconds: number; jti: string }, now: Date): Promise<string>;
  /** Public keys: the signing one, a newer one about to sign, retired ones whose tokens may still be live. */
  jwks(now: Date): Promise<{ keys: JWK[] }>;
  /** Makes a new key; it signs once it has been published for `PUBLISH_AHEAD_MS`. */
  rotate(now: Date): Promise<string>;
  /** Opens the key that signs now (making a first one on an empty store); throws when the master key cannot. */
  openSigningKey(now: Date): Promise<{ kid: string }>;
}

export function createTokens(opts: { store: KeyStore; keyring: Keyring; issuer: string; alg: string; idTokenTtlSeconds: number }): Tokens {
  const { store, keyring, issuer, alg, idTokenTtlSeconds } = opts;
  /**
   * One read of the keys serves both signing and the JWKS, so this instance never signs with a
   * key its own JWKS lacks. The promise itself is cached: requests arriving together on an empty
   * store make one key.
   */
  let snapshot: { records: Promise<SigningKeyRecord[]>; at: number } | null = null;
  const opened = new Map<string, Promise<ActiveKey>>();

  function records(now: Date): Promise<SigningKeyRecord[]> {
    if (snapshot && now.getTime() - snapshot.at < KEY_CACHE_MS) return snapshot.records;
    const read = (async () => {
      const stored = (await store.listSigningKeys()).filter((k) => k.alg === alg);
      if (stored.length > 0) return stored;
      await createFirstSigningKey(store, keyring, alg, now);
      // Read again: another instance may have made the first key, and all must agree on it.
      return (await store.listSigningKeys()).filter((k) => k.alg === alg);
    })();
    snapshot = { records: read, at: now.getTime() };
    read.catch(() => (snapshot = null));
    return read;
  }

  async function activeKey(now: Date): Promise<ActiveKey> {
    const record = signingKeyOf(await records(now), now)!;
    let key = opened.get(record.kid);
    if (!key) {
      key = openSigningKey(record, keyring);
      opened.set(record.kid, key);
      key.catch(() => opened.delete(record.kid));
    }
    return key;
  }

  /** Every token this server signs: the key that signs now, issuer, subject, audience, times and a jti. */
  async function sign(
    claims: JWTPayload,
    to: { typ: string; sub: string; aud: string; ttlSeconds: number; jti?: string },
    now: Date,
  ): Promise<string> {
    const key = await activeKey(now);
    const iat = Math.floor(now.getTime() / 1000);
    const payload = { ...claims, iss: issuer, sub: to.sub, aud: to.aud, iat, exp: iat + to.ttlSeconds, jti: to.jti ?? randomUUID() };
    return signCompact({ alg: key.alg, kid: key.kid, typ: to.typ }, payload, key);
  }

  const seconds = (date: Date) => Math.floor(date.getTime() / 1000);

  return {
    alg,
    idTokenTtlSeconds,
    issueIdToken(input, now) {
      const claims = {
        ...input.claims,
        azp: input.aud,
        auth_time: seconds(input.authTime),
        ...(input.nonce ? { nonce: input.nonce } : {}),
        acr: input.acr,
        amr: input.amr,
        sid: input.sid,
      };
      return sign(claims, { typ: 'JWT', sub: input.sub, aud: input.aud, ttlSeconds: idTokenTtlSeconds }, now);
    },
    issueAccessToken(input, now) {
      const to = { typ: 'at+jwt', sub: input.sub, aud: input.aud ?? issuer, ttlSeconds: input.ttlSeconds ?? idTokenTtlSeconds };
      return sign({ ...input.claims, client_id: input.clientId }, input.jti ? { ...to, jti: input.jti } : to, now);
    },
    issueSettingsGrant(input, now) {
      const claims = {
        client_id: input.clientId,
        origin: input.origin,
        cnf: { jkt: input.jkt },
        amr: input.amr,
        auth_time: seconds(input.authTime),
        sid: input.sid,
      };
      return sign(claims, { typ: SETTINGS_GRANT_TYP, sub: input.sub, aud: settingsAudience(issuer), ttlSeconds: input.ttlSeconds }, now);
    },
    issueAdminAccessToken(input, now) {
      const claims = { client_id: input.clientId, scope: input.scopes.join(' ') };
      return sign(claims, { typ: 'at+jwt', sub: input.clientId, aud: adminAudience(issuer), ttlSeconds: input.ttlSeconds, jti: input.jti }, now);
    },
    async jwks(now) {
      return { keys: publishedKeysOf(await records(now), now, idTokenTtlSeconds).map((k) => k.publicJwk as JWK) };
    },
    openSigningKey: activeKey,
    async rotate(now) {
      const record = await createSigningKey(store, keyring, alg, now);
      // Twice the publication time: a key is deleted only well after it left the JWKS.
      await store.deleteSigningKeysRetiredBefore(new Date(now.getTime() - 2 * publishedForMs(idTokenTtlSeconds)));
      snapshot = null;
      return record.kid;
    },
  };
}
