import '../widget/mfa-login.js';
import '../widget/mfa-login-settings.js';
import { createRemoteJWKSet, decodeProtectedHeader, jwtVerify } from 'jose';
import type { MfaLoginCompleteDetail } from '../widget/events.js';
import { setUpAppearance } from './appearance.js';
import { showCredentials } from './credentials.js';
import { setUpThemeEditor } from './theme-editor.js';
import { watchOutbox } from './outbox.js';

const login = document.querySelector('mfa-login')!;
const result = document.querySelector<HTMLElement>('#result')!;
const status = document.querySelector<HTMLElement>('#verify-status')!;

login.addEventListener('mfa-login-complete', (event) => void showToken(event.detail));

const manage = document.querySelector<HTMLElement>('#manage')!;
const settings = document.querySelector('mfa-login-settings')!;

login.addEventListener('mfa-login-complete', (event) => {
  settings.idToken = event.detail.idToken;
  manage.hidden = false;
});

/**
 * The settings confirm changes themselves (a step-up in place); this fires only when the id_token
 * is no longer valid: sign the same user in again. The old token's panels go until the new token
 * is there; the handler above brings both back with it.
 */
settings.addEventListener('mfa-login-reauthenticate', () => {
  result.hidden = true;
  manage.hidden = true;
  const username = settings.settings.me?.user.username;
  if (username) login.setAttribute('login-hint', username);
  void login.restart();
  // A glide only for those who have not asked the system for less motion.
  const still = matchMedia('(prefers-reduced-motion: reduce)').matches;
  login.scrollIntoView({ behavior: still ? 'auto' : 'smooth', block: 'start' });
});

document.querySelector('#restart')!.addEventListener('click', () => {
  result.hidden = true;
  manage.hidden = true;
  settings.idToken = '';
  // Someone else may sign in next.
  login.removeAttribute('login-hint');
  void login.restart();
});

/**
 * The element hands over unverified claims; a real site verifies the token on its server.
 * The demo does it here, in the open, against the server's published keys.
 */
async function showToken({ idToken, claims }: MfaLoginCompleteDetail): Promise<void> {
  document.querySelector('#token-header')!.textContent = JSON.stringify(decodeProtectedHeader(idToken), null, 2);
  document.querySelector('#token-claims')!.textContent = JSON.stringify(claims, null, 2);
  status.className = 'verify';
  status.textContent = 'Verifying the signature…';
  result.hidden = false;
  try {
    const discovery = await fetch(new URL('/.well-known/openid-configuration', location.origin));
    if (!discovery.ok) throw new Error(`openid-configuration answered HTTP ${discovery.status}`);
    const { issuer } = (await discovery.json()) as { issuer: string };
    const jwks = createRemoteJWKSet(new URL('/.well-known/jwks.json', location.origin));
    await jwtVerify(idToken, jwks, { issuer, audience: 'demo' });
    status.classList.add('ok');
    status.textContent = 'Signature verified against JWKS ✓';
  } catch (error) {
    status.classList.add('bad');
    status.textContent = `Signature NOT verified: ${error instanceof Error ? error.message : String(error)}`;
  }
}

setUpAppearance(document.querySelector('#demo-lang')!, document.querySelector('#demo-theme')!, [login, settings]);
setUpThemeEditor(
  {
    preset: document.querySelector('#demo-preset')!,
    scheme: document.querySelector('#demo-theme')!,
    knobs: document.querySelector('#theme-knobs')!,
    css: document.querySelector('#theme-css')!,
    copy: document.querySelector('#copy-css')!,
    copied: document.querySelector('#css-copied')!,
  },
  [login, settings],
);
void showCredentials(document.querySelector('#demo-username')!, document.querySelector('#demo-password')!);
watchOutbox(document.querySelector('#outbox')!, document.querySelector('#messages')!, document.querySelector('#no-messages')!);
