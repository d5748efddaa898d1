// A relying party that signs in through mfa-login's hosted page with openid-client (code flow + PKCE).
import { randomBytes } from 'node:crypto';
import express from 'express';
import * as oidc from 'openid-client';

const issuer = new URL(process.env.ISSUER ?? 'http://localhost:3000');
const port = Number(process.env.PORT ?? 8080);
const base = process.env.BASE_URL ?? `http://localhost:${port}`;
const insecure = issuer.protocol === 'http:' ? { execute: [oidc.allowInsecureRequests] } : {};
const config = await oidc.discovery(issuer, process.env.CLIENT_ID ?? 'rp', process.env.CLIENT_SECRET, undefined, insecure);

// In memory for the example; a real app keeps these in its session store.
const logins = new Map(); // login cookie → { verifier, state, nonce }
const sessions = new Map(); // session cookie → { idToken, claims, userinfo }
const cookieOf = (req, name) => new URLSearchParams(req.get('cookie')?.replace(/; */g, '&')).get(name);
const cookie = { httpOnly: true, sameSite: 'lax', secure: base.startsWith('https:') };
const esc = (s) => String(s).replace(/[&<>"]/g, (c) => `&#${c.charCodeAt(0)};`);

const app = express();

app.get('/', (req, res) => {
  const s = sessions.get(cookieOf(req, 'rp_session'));
  if (!s) return res.send('<h1>Example RP</h1><p><a href="/login">Sign in</a></p>');
  res.send(`<h1>Signed in as ${esc(s.userinfo.preferred_username)}</h1>
<p>acr <code>${esc(s.claims.acr)}</code>, amr <code>${esc(s.claims.amr.join(' '))}</code></p>
<p><a href="/logout">Sign out</a></p>`);
});

app.get('/login', async (_req, res) => {
  const verifier = oidc.randomPKCECodeVerifier();
  const login = { verifier, state: oidc.randomState(), nonce: oidc.randomNonce() };
  const id = randomBytes(16).toString('hex');
  logins.set(id, login);
  res.cookie('rp_login', id, { ...cookie, maxAge: 600_000 });
  const url = oidc.buildAuthorizationUrl(config, {
    redirect_uri: `${base}/callback`,
    scope: 'openid profile email',
    code_challenge: await oidc.calculatePKCECodeChallenge(verifier),
    code_challenge_method: 'S256',
    state: login.state,
    nonce: login.nonce,
  });
  res.redirect(url.href);
});

app.get('/callback', async (req, res) => {
  const login = logins.get(cookieOf(req, 'rp_login'));
  logins.delete(cookieOf(req, 'rp_login'));
  if (!login) return res.status(400).send('No sign-in in progress.');
  const tokens = await oidc.authorizationCodeGrant(config, new URL(req.originalUrl, base), {
    pkceCodeVerifier: login.verifier,
    expectedState: login.state,
    expectedNonce: login.nonce,
    idTokenExpected: true,
  });
  const claims = tokens.claims();
  const userinfo = await oidc.fetchUserInfo(config, tokens.access_token, claims.sub);
  const id = randomBytes(16).toString('hex');
  sessions.set(id, { idToken: tokens.id_token, claims, userinfo });
  res.clearCookie('rp_login').cookie('rp_session', id, cookie).redirect('/');
});

app.get('/logout', (req, res) => {
  const s = sessions.get(cookieOf(req, 'rp_session'));
  sessions.delete(cookieOf(req, 'rp_session'));
  res.clearCookie('rp_session');
  if (!s) return res.redirect('/');
  res.redirect(oidc.buildEndSessionUrl(config, { id_token_hint: s.idToken, post_logout_redirect_uri: `${base}/` }).href);
});

app.listen(port, process.env.HOST ?? 'localhost', () => console.log(`Example RP on ${base}`));
