import { createHash, randomBytes } from 'node:crypto';
import type { TestServer } from './server.js';

export const RP = 'https://rp.example';

/** A PKCE pair: a fresh verifier and its S256 challenge. */
export function pkce() {
  const verifier = randomBytes(32).toString('base64url');
  return { verifier, challenge: createHash('sha256').update(verifier).digest('base64url') };
}

/** `GET /authorize` without following redirects; `cookie` is the browser's SSO cookie, if any. */
export async function authorizeRequest(server: TestServer, params: Record<string, string>, cookie?: string) {
  const res = await fetch(`${server.url}/authorize?${new URLSearchParams(params)}`, { redirect: 'manual', headers: cookie ? { cookie } : {} });
  const location = res.headers.get('location');
  return { status: res.status, headers: res.headers, location: location ? new URL(location) : null, html: await res.text() };
}

/** The parameters of a valid request of `clientId`, with a fresh PKCE pair. */
export function authorizeParams(clientId: string, extra: Record<string, string> = {}) {
  const { verifier, challenge } = pkce();
  return {
    verifier,
    params: {
      response_type: 'code',
      client_id: clientId,
      redirect_uri: `${RP}/${clientId}/callback`,
      scope: 'openid profile',
      state: `state-${clientId}`,
      nonce: `nonce-${clientId}`,
      code_challenge: challenge,
      code_challenge_method: 'S256',
      ...extra,
    } as Record<string, string>,
  };
}

/** What the hosted page does over HTTP: the flow in its body, alice's password, then the completion call. */
export async function signInOnHostedPage(server: TestServer, html: string) {
  const flow = /data-flow="([^"]+)"/.exec(html)?.[1];
  if (!flow) throw new Error('the hosted page carries no flow');
  const origin = { origin: new URL(server.url).origin };
  const step = await server.post('/api/v1/flows/password', { flow, username: 'alice', password: server.demo!.password }, origin);
  if (step.body.status !== 'complete') throw new Error(`password step: ${JSON.stringify(step.body)}`);
  const done = await server.post('/authorize/complete', { flow }, origin);
  if (done.status !== 200) throw new Error(`complete: ${done.status} ${JSON.stringify(done.body)}`);
  const cookie = done.headers.getSetCookie()[0]!;
  return { flow, redirectTo: new URL(done.body.redirectTo as string), setCookie: cookie, cookie: cookie.split(';')[0]! };
}

/** A code for `clientId` (a password-only client), through the page. */
export async function codeFor(server: TestServer, clientId: string, extra: Record<string, string> = {}) {
  const { verifier, params } = authorizeParams(clientId, extra);
  const page = await authorizeRequest(server, params);
  if (page.status !== 200) throw new Error(`authorize answered ${page.status} ${page.location}`);
  const done = await signInOnHostedPage(server, page.html);
  return { ...done, verifier, params, code: done.redirectTo.searchParams.get('code')! };
}

/** `POST /oauth2/token`, form-encoded. */
export async function tokenRequest(server: TestServer, form: Record<string, string>, basic?: [string, string]) {
  const res = await fetch(`${server.url}/oauth2/token`, {
    method: 'POST',
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      ...(basic ? { authorization: `Basic ${Buffer.from(`${basic[0]}:${basic[1]}`).toString('base64')}` } : {}),
    },
    body: new URLSearchParams(form),
  });
  return { status: res.status, body: (await res.json()) as Record<string, any> };
}

export const SECRET = 'confidential-secret-0123456789';

/** Two confidential clients and a public one, each signing in with a password alone. */
export const oidcClients = ['conf', 'other', 'pub'].map((clientId) => ({
  clientId,
  name: `Client ${clientId}`,
  sequence: [['password']] as [['password']],
  defaultAcr: 'pwd',
  acrSequences: { mfa: [['password'], ['totp']] as [['password'], ['totp']] },
  redirectUris: [`${RP}/${clientId}/callback`],
  postLogoutRedirectUris: [`${RP}/${clientId}/bye`],
  ...(clientId === 'pub' ? { public: true } : { clientSecret: SECRET }),
}));
