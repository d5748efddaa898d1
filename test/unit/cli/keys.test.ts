import { createLocalJWKSet, decodeProtectedHeader, jwtVerify } from 'jose';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Services } from '../../../server/services.js';
import { cliHarness, type CliHarness } from './harness.js';

const idToken = (services: Services, now = new Date()) =>
  services.tokens.issueIdToken({ sub: 'user-1', aud: 'app', authTime: now, nonce: null, acr: 'mfa', amr: ['pwd', 'otp', 'mfa'], sid: 'sid-1' }, now);

describe('mfa-login keys …', () => {
  let cli: CliHarness;
  beforeEach(async () => {
    cli = await cliHarness('sqlite', { tokens: { idTokenTtlSeconds: 300 } });
  });
  afterEach(() => cli.cleanup());

  it('rotate: the new key is published first, signs from then on, and the old key stays for live tokens', async () => {
    const before = await cli.services();
    const oldToken = await idToken(before);
    const oldKid = decodeProtectedHeader(oldToken).kid;

    const res = await cli.run('keys', 'rotate', '--json');
    expect(res.code).toBe(0);
    const { kid, published, signsFrom } = res.json();
    expect(kid).not.toBe(oldKid);
    expect(published).toEqual([kid, oldKid]);
    const takeover = Date.parse(signsFrom);
    expect(takeover - Date.now()).toBeGreaterThan(90_000);

    const after = await cli.services();
    const jwks = await after.tokens.jwks(new Date());
    expect(jwks.keys.map((k) => k.kid)).toEqual([kid, oldKid]);
    // Until every cached JWKS holds the new key, tokens still carry the old one.
    const stillOld = await idToken(after, new Date(takeover - 1000));
    expect(decodeProtectedHeader(stillOld).kid).toBe(oldKid);
    const newToken = await idToken(after, new Date(takeover + 1000));
    expect(decodeProtectedHeader(newToken).kid).toBe(kid);
    const keys = createLocalJWKSet(jwks);
    const expected = { issuer: after.config.issuer, audience: 'app', currentDate: new Date(takeover + 2000) };
    await expect(jwtVerify(oldToken, keys, expected)).resolves.toBeTruthy();
    await expect(jwtVerify(newToken, keys, expected)).resolves.toBeTruthy();
  });

  it('rotate: the old key leaves the JWKS once the tokens it signed have expired', async () => {
    await idToken(await cli.services());
    const { kid, signsFrom } = (await cli.run('keys', 'rotate', '--json')).json();
    const after = await cli.services();
    // Signing until the takeover, then the token lifetime (300 s) and 30 s for instances still holding the old key.
    const takeover = Date.parse(signsFrom);
    expect((await after.tokens.jwks(new Date(takeover + 329_000))).keys).toHaveLength(2);
    expect((await after.tokens.jwks(new Date(takeover + 331_000))).keys.map((k) => k.kid)).toEqual([kid]);
  });

  it('rotate: a server that has not re-read its keys still signs only with published keys', async () => {
    const running = await cli.services();
    const t0 = new Date();
    const oldKid = decodeProtectedHeader(await idToken(running, t0)).kid;
    const { kid } = (await cli.run('keys', 'rotate', '--json')).json();
    for (const seconds of [1, 29, 31, 60, 95, 101, 130]) {
      const at = new Date(t0.getTime() + seconds * 1000);
      const signedWith = decodeProtectedHeader(await idToken(running, at)).kid;
      expect([oldKid, kid]).toContain(signedWith);
      expect(
        (await running.tokens.jwks(at)).keys.map((k) => k.kid),
        `at +${seconds} s`,
      ).toContain(signedWith);
    }
  });

  it('rotate prints the new kid', async () => {
    const res = await cli.run('keys', 'rotate');
    expect(res.code).toBe(0);
    const active = (await (await cli.services()).store.listSigningKeys()).find((k) => k.retiredAt === null)!;
    expect(res.out.split('\n')[0]).toBe(`New signing key: ${active.kid}`);
  });

  it('list: the active key first, then retired ones and whether they are still published', async () => {
    await idToken(await cli.services());
    await cli.run('keys', 'rotate');
    const res = await cli.run('keys', 'list', '--json');
    expect(res.code).toBe(0);
    const { keys } = res.json();
    expect(
      keys.map((k: { active: boolean; signing: boolean; published: boolean; alg: string }) => [k.active, k.signing, k.published, k.alg]),
    ).toEqual([
      [true, false, true, 'ES256'],
      [false, true, true, 'ES256'],
    ]);
    const out = (await cli.run('keys', 'list')).out;
    expect(out).toMatch(/active, published ahead of signing/);
    expect(out).toMatch(/retired .*, signing until its successor takes over/);
  });

  it('refuses arguments it does not take (exit 2)', async () => {
    expect((await cli.run('keys', 'rotate', 'now')).code).toBe(2);
    expect((await cli.run('keys', 'rotate', '--alg', 'RS256')).code).toBe(2);
  });
});
