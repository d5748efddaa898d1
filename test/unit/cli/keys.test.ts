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

  it('rotate: new tokens carry the new kid and the JWKS still holds the old key for live tokens', async () => {
    const before = await cli.services();
    const oldToken = await idToken(before);
    const oldKid = decodeProtectedHeader(oldToken).kid;

    const res = await cli.run('keys', 'rotate', '--json');
    expect(res.code).toBe(0);
    const { kid, published } = res.json();
    expect(kid).not.toBe(oldKid);
    expect(published).toEqual([kid, oldKid]);

    const after = await cli.services();
    const jwks = await after.tokens.jwks(new Date());
    expect(jwks.keys.map((k) => k.kid)).toEqual([kid, oldKid]);
    const newToken = await idToken(after);
    expect(decodeProtectedHeader(newToken).kid).toBe(kid);
    const keys = createLocalJWKSet(jwks);
    const expected = { issuer: after.config.issuer, audience: 'app' };
    await expect(jwtVerify(oldToken, keys, expected)).resolves.toBeTruthy();
    await expect(jwtVerify(newToken, keys, expected)).resolves.toBeTruthy();
  });

  it('rotate: the old key leaves the JWKS once the tokens it signed have expired', async () => {
    await idToken(await cli.services());
    const { kid } = (await cli.run('keys', 'rotate', '--json')).json();
    const after = await cli.services();
    // The token lifetime (300 s) plus the 30 s other instances may still sign with the old key.
    const later = new Date(Date.now() + 331_000);
    expect((await after.tokens.jwks(later)).keys.map((k) => k.kid)).toEqual([kid]);
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
    expect(keys.map((k: { active: boolean; published: boolean; alg: string }) => [k.active, k.published, k.alg])).toEqual([
      [true, true, 'ES256'],
      [false, true, 'ES256'],
    ]);
    expect((await cli.run('keys', 'list')).out).toMatch(/retired .*, still published/);
  });

  it('refuses arguments it does not take (exit 2)', async () => {
    expect((await cli.run('keys', 'rotate', 'now')).code).toBe(2);
    expect((await cli.run('keys', 'rotate', '--alg', 'RS256')).code).toBe(2);
  });
});
