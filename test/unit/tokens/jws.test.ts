import { decodeProtectedHeader, exportJWK, generateKeyPair, importJWK, jwtVerify } from 'jose';
import { describe, expect, it } from 'vitest';
import { jwsKeyOf, signCompact } from '../../../server/tokens/jws.js';

describe('compact JWS signing', () => {
  for (const alg of ['ES256', 'ES384', 'ES512', 'RS256', 'PS256', 'EdDSA']) {
    it(`signs ${alg} that jose verifies with the public key`, async () => {
      const { publicKey, privateKey } = await generateKeyPair(alg, { extractable: true });
      const token = await signCompact(
        { alg, kid: 'k1', typ: 'JWT' },
        { sub: 'u1', aud: 'c1', exp: 4_000_000_000 },
        jwsKeyOf(await exportJWK(privateKey), alg),
      );
      const { payload, protectedHeader } = await jwtVerify(token, publicKey, { audience: 'c1', algorithms: [alg] });
      expect(protectedHeader).toEqual({ alg, kid: 'k1', typ: 'JWT' });
      expect(payload.sub).toBe('u1');
    });
  }

  it('makes a signature that fails against another key', async () => {
    const signer = await generateKeyPair('ES256', { extractable: true });
    const other = await generateKeyPair('ES256', { extractable: true });
    const token = await signCompact({ alg: 'ES256' }, { sub: 'u1' }, jwsKeyOf(await exportJWK(signer.privateKey), 'ES256'));
    expect(decodeProtectedHeader(token).alg).toBe('ES256');
    await expect(jwtVerify(token, await importJWK(await exportJWK(other.publicKey), 'ES256'))).rejects.toThrow();
  });

  // In place: signed before any I/O callback runs, so no turn of the event loop (libuv's pool answers on one).
  for (const [alg, onLoop] of [
    ['ES256', true],
    ['EdDSA', true],
    ['ES384', false],
    ['RS256', false],
  ] as const) {
    it(`signs ${alg} ${onLoop ? 'in place' : "on libuv's thread pool"}`, async () => {
      const key = jwsKeyOf(await exportJWK((await generateKeyPair(alg, { extractable: true })).privateKey), alg);
      let turned = false;
      setImmediate(() => {
        turned = true;
      });
      await signCompact({ alg }, { sub: 'u1' }, key);
      expect(turned).toBe(!onLoop);
    });
  }

  it('refuses an alg it does not know rather than signing with a default', async () => {
    const jwk = await exportJWK((await generateKeyPair('ES256', { extractable: true })).privateKey);
    expect(() => jwsKeyOf(jwk, 'HS256')).toThrow(/unsupported/);
  });
});
