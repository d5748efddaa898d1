import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CLIENT_SECRET_LIMITS } from '../../server/oauth/client-auth.js';
import { startCountingServer, type TestServer } from '../support/server.js';

const SECRET = 'backend-secret-0123456789-abcdef';

describe('POST /oauth2/token limits wrong client secrets', () => {
  let server: TestServer;
  beforeEach(async () => {
    server = await startCountingServer({ trustProxy: true, clients: [{ clientId: 'backend', name: 'Backend', clientSecret: SECRET }] });
  });
  afterEach(() => server.stop());

  /** A token request from `address`; a right secret then gets unsupported_grant_type, a wrong one invalid_client. */
  async function authenticate(secret: string, address: string, clientId = 'backend') {
    const res = await fetch(`${server.url}/oauth2/token`, {
      method: 'POST',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        authorization: `Basic ${Buffer.from(`${clientId}:${secret}`).toString('base64')}`,
        'x-forwarded-for': address,
      },
      body: 'grant_type=none',
    });
    return { status: res.status, body: (await res.json()) as any, retryAfter: res.headers.get('retry-after') };
  }
  const { perAddress, perClient } = CLIENT_SECRET_LIMITS;

  it('stops an address after its wrong secrets with 429 and Retry-After in the OAuth error shape', async () => {
    const answers = [];
    for (let i = 0; i < perAddress.max + 5; i++) answers.push(await authenticate(`wrong-${i}`, '198.51.100.7'));
    expect(answers.slice(0, perAddress.max).every((a) => a.status === 401 && a.body.error === 'invalid_client')).toBe(true);
    const refused = answers.slice(perAddress.max);
    expect(refused.every((a) => a.status === 429)).toBe(true);
    expect(refused[0]!.body).toEqual({
      error: 'invalid_request',
      error_description: 'Too many failed client authentications. Try again later.',
      requestId: expect.any(String),
    });
    expect(Number(refused[0]!.retryAfter)).toBeGreaterThan(0);
    expect(Number(refused[0]!.retryAfter)).toBeLessThanOrEqual(perAddress.windowSeconds);
    // Even the right secret from that address waits; from the owner's own address it works.
    expect((await authenticate(SECRET, '198.51.100.7')).status).toBe(429);
    expect((await authenticate(SECRET, '203.0.113.1')).body.error).toBe('unsupported_grant_type');
  });

  it('counts wrong secrets for unknown client ids against the address too', async () => {
    for (let i = 0; i < perAddress.max; i++) expect((await authenticate('x', '198.51.100.8', `nobody-${i}`)).status).toBe(401);
    expect((await authenticate(SECRET, '198.51.100.8')).status).toBe(429);
  });

  it('slows guessing at one client from many addresses, for a minute at most', async () => {
    const addresses = Math.ceil(perClient.max / perAddress.max);
    for (let a = 0; a < addresses; a++) {
      for (let i = 0; i < perClient.max / addresses; i++) expect((await authenticate(`wrong-${a}-${i}`, `198.51.100.${a + 10}`)).status).toBe(401);
    }
    const fresh = await authenticate('another-guess', '198.51.100.99');
    expect(fresh.status).toBe(429);
    expect(Number(fresh.retryAfter)).toBeLessThanOrEqual(perClient.windowSeconds);
    server.advance(perClient.windowSeconds);
    expect((await authenticate(SECRET, '203.0.113.1')).body.error).toBe('unsupported_grant_type');
  });

  it('gives a right secret back: a busy backend never runs into the limits', async () => {
    for (let i = 0; i < perClient.max + perAddress.max; i++)
      expect((await authenticate(SECRET, '203.0.113.1')).body.error).toBe('unsupported_grant_type');
    expect((await authenticate('wrong', '203.0.113.1')).status).toBe(401);
  });
});
