import type { MfaLoginReauthenticateDetail } from '../../widget/mfa-login-settings.js';
import { deepEqual, equal, match, notOk, ok } from './assert.js';
import { errorReply, FakeServer } from './fake-server.js';
import {
  $,
  click,
  control,
  enter,
  factors,
  GRANT,
  me,
  mountSettings,
  recordHeaders,
  settle,
  text,
  title,
  TOKEN,
  unmountAll,
} from './settings-fixture.js';
import { fakeIdToken } from './states.js';

describe('<mfa-login-settings>: the factors and the token', () => {
  let server: FakeServer;
  let headers: Headers[];
  let asked: CustomEvent<MfaLoginReauthenticateDetail>[];
  const onReauthenticate = (e: CustomEvent<MfaLoginReauthenticateDetail>) => asked.push(e);

  beforeEach(() => {
    server = new FakeServer().on('/api/v1/me', { body: me() }).install();
    headers = recordHeaders();
    asked = [];
    document.addEventListener('mfa-login-reauthenticate', onReauthenticate);
  });
  afterEach(() => {
    unmountAll();
    server.uninstall();
    document.removeEventListener('mfa-login-reauthenticate', onReauthenticate);
  });

  it('lists each sign-in method with its state', async () => {
    const el = await mountSettings();
    equal(title(el), 'Your sign-in methods');
    deepEqual(factors(el), [
      'Password: Set',
      'Authenticator app: Set up',
      'Text message (SMS): +1\u00a0•••\u00a0•••\u00a00123',
      'E-mail code: a•••@example.com',
      'Backup code: 7 codes left',
    ]);
    ok(control(el, 'Add another authenticator app'));
    ok(control(el, 'Change phone number'));
    ok(control(el, 'Make new backup codes'));
  });

  it('offers to add what is missing and hides what the account may not change', async () => {
    server.on('/api/v1/me', {
      body: me({ totp: { enrolled: false, authenticators: [] }, sms: { phone: null, disabled: true }, email: { address: null } }),
    });
    const el = await mountSettings();
    deepEqual(factors(el).slice(1, 4), [
      'Authenticator app: Not set up',
      'Text message (SMS): Text messages are turned off for this account.',
      'E-mail code: No e-mail address',
    ]);
    ok(control(el, 'Set up authenticator app'));
    notOk(text(el).includes('phone number'), 'no phone action when SMS is off');
  });

  it('describes each action button by its factor', async () => {
    const el = await mountSettings();
    const button = control(el, 'Make new backup codes');
    const described = button
      .getAttribute('aria-describedby')!
      .split(' ')
      .map((id) => el.shadowRoot!.getElementById(id)!.textContent);
    deepEqual(described, ['Backup code', '7 codes left']);
  });

  it('sends the id_token as a Bearer header, never in the URL, and no cookies', async () => {
    await mountSettings();
    const request = server.last('/api/v1/me');
    equal(request.method, 'GET');
    equal(request.credentials, 'omit');
    notOk(request.url.includes(TOKEN), 'the token is not in the URL');
    equal(headers[0]!.get('authorization'), `Bearer ${TOKEN}`);
  });

  it('sends a change with the settings grant as DPoP and a fresh proof signed by its own key', async () => {
    server.on('/api/v1/me/backup-codes', { body: { ...me(), backupCodes: ['aaaaa-bbbbb'] } });
    const el = await mountSettings();
    await click(el, 'Make new backup codes');
    await click(el, 'Make new backup codes');
    const request = server.last('/api/v1/me/backup-codes');
    equal(request.method, 'POST');
    const sent = headers.at(-1)!;
    equal(sent.get('authorization'), `DPoP ${GRANT}`);
    const proof = sent.get('dpop')!;
    const [header, payload, signature] = proof
      .split('.')
      .map((part) => Uint8Array.from(atob(part.replace(/-/g, '+').replace(/_/g, '/')), (c) => c.charCodeAt(0)));
    const { jwk, typ, alg } = JSON.parse(new TextDecoder().decode(header));
    deepEqual([typ, alg], ['dpop+jwt', 'ES256']);
    deepEqual(jwk, el.settings.key!.publicJwk);
    const claims = JSON.parse(new TextDecoder().decode(payload));
    deepEqual([claims.htm, claims.htu], ['POST', request.url]);
    ok(Math.abs(claims.iat - Date.now() / 1000) < 5);
    const publicKey = await crypto.subtle.importKey('jwk', jwk, { name: 'ECDSA', namedCurve: 'P-256' }, false, ['verify']);
    const input = new TextEncoder().encode(proof.split('.').slice(0, 2).join('.'));
    ok(await crypto.subtle.verify({ name: 'ECDSA', hash: 'SHA-256' }, publicKey, signature!, input), 'the proof verifies with the key it names');
    const ath = btoa(String.fromCharCode(...new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(GRANT)))))
      .replace(/\+/g, '-')
      .replace(/\//g, '_')
      .replace(/=+$/, '');
    equal(claims.ath, ath);
  });

  it('asks for a sign-in and calls nothing without a token', async () => {
    const el = await mountSettings({});
    match(text(el), /Sign in to manage your sign-in methods/);
    equal(server.requests.length, 0);
  });

  it('reads the factors again when it is given a new token', async () => {
    const el = await mountSettings();
    const next = fakeIdToken({ sub: 'u-1', n: 2 });
    server.on('/api/v1/me', { body: me({ backupCodes: { remaining: 10 } }) });
    el.idToken = next;
    await settle(el);
    equal(headers.at(-1)!.get('authorization'), `Bearer ${next}`);
    ok(factors(el).includes('Backup code: 10 codes left'));
  });

  it('fires mfa-login-reauthenticate when a change needs a fresh sign-in, and says so', async () => {
    server.on('/api/v1/me/totp/enroll', errorReply(401, 'unauthorized', { reauthenticate: true }));
    const el = await mountSettings();
    await click(el, 'Add another authenticator app');
    equal(asked.length, 1);
    ok(asked[0]!.bubbles && asked[0]!.composed, 'the event leaves the shadow root and bubbles');
    deepEqual(asked[0]!.detail, { error: 'unauthorized', message: 'server says unauthorized' });
    match($(el, '[role="alert"]').textContent, /sign in again/i);
    equal(control(el, 'Change phone number').disabled, true, 'no more changes with this token');
    await click(el, 'Sign in again');
    equal(asked.length, 2);
  });

  it('sends the user to sign in again after too many wrong codes for a new app', async () => {
    server
      .on('/api/v1/me/totp/enroll', { body: { enrollment: { secret: 'JBSWY3DPEHPK3PXP' } } })
      .on('/api/v1/me/totp/verify', errorReply(429, 'too_many_attempts', { reauthenticate: true }));
    const el = await mountSettings();
    await click(el, 'Add another authenticator app');
    await enter(el, 'Code', '000000');
    equal(asked.length, 1);
    match($(el, '[role="alert"]').textContent, /Too many wrong attempts\.\s+For your security, sign in again/);
    equal(title(el), 'Your sign-in methods');
  });

  it('fires it too when the token is no longer accepted at all', async () => {
    server.on('/api/v1/me', errorReply(401, 'unauthorized'));
    await mountSettings();
    equal(asked.length, 1);
  });

  it('starts afresh with the new token after signing in again', async () => {
    server.on('/api/v1/me/totp/enroll', errorReply(401, 'unauthorized', { reauthenticate: true }));
    const el = await mountSettings();
    await click(el, 'Add another authenticator app');
    el.idToken = fakeIdToken({ sub: 'u-1', fresh: true });
    await settle(el);
    notOk(el.shadowRoot!.querySelector('[role="alert"]'), 'the message is gone');
    equal(control(el, 'Change phone number').disabled, false);
  });

  it('offers a retry when the server cannot be reached', async () => {
    server.on('/api/v1/me', 'network-down', { body: me() });
    const el = await mountSettings({ 'id-token': TOKEN }, { confirmed: false });
    match($(el, '[role="alert"]').textContent, /could not reach/);
    await click(el, 'Try again');
    equal(factors(el).length, 5);
  });
});

describe('<mfa-login-settings>: few backup codes left', () => {
  let server: FakeServer;
  const withCodes = (remaining: number) => me({ backupCodes: { remaining } });
  const row = (el: HTMLElement) => el.shadowRoot!.querySelector<HTMLElement>('#backup-codes-state')!;

  beforeEach(() => {
    server = new FakeServer().on('/api/v1/me', { body: withCodes(2) }).install();
  });
  afterEach(() => {
    unmountAll();
    server.uninstall();
  });

  it('warns in words at 2 codes and points at "Make new backup codes"', async () => {
    const el = await mountSettings();
    ok(factors(el).includes('Backup code: Only 2 codes left: use “Make new backup codes”.'), factors(el).join(' | '));
    ok(control(el, 'Make new backup codes'), 'the button it names is there');
  });

  it('says 1 code and no codes too', async () => {
    server.on('/api/v1/me', { body: withCodes(1) }, { body: withCodes(0) });
    ok(factors(await mountSettings()).includes('Backup code: Only 1 code left: use “Make new backup codes”.'));
    unmountAll();
    ok(factors(await mountSettings()).includes('Backup code: No codes left: use “Make new backup codes”.'));
  });

  it('shows it by weight and a sign as well as colour', async () => {
    server.on('/api/v1/me', { body: withCodes(7) }, { body: withCodes(2) });
    const calm = row(await mountSettings());
    const calmStyle = { color: getComputedStyle(calm).color, weight: getComputedStyle(calm).fontWeight };
    notOk(calm.querySelector('svg'), 'no sign with enough codes');
    const warned = row(await mountSettings());
    equal(warned.getAttribute('part'), 'warning');
    ok(Number(getComputedStyle(warned).fontWeight) >= 600, `bold, not ${getComputedStyle(warned).fontWeight}`);
    ok(Number(calmStyle.weight) < 600, 'the usual state is not bold');
    notOk(getComputedStyle(warned).color === calmStyle.color, 'in the warning colour');
    const sign = warned.querySelector('svg')!;
    equal(sign.getAttribute('aria-hidden'), 'true', 'the words say it; the sign is only seen');
    ok(sign.getBoundingClientRect().width > 0, 'the sign is drawn');
  });

  it('gives the button the warning as its description', async () => {
    const el = await mountSettings();
    const ids = control(el, 'Make new backup codes').getAttribute('aria-describedby')!.split(' ');
    deepEqual(
      ids.map((id) => el.shadowRoot!.getElementById(id)!.textContent!.trim()),
      ['Backup code', 'Only 2 codes left: use “Make new backup codes”.'],
    );
  });

  it('does not warn at 3 codes', async () => {
    server.on('/api/v1/me', { body: withCodes(3) });
    const el = await mountSettings();
    ok(factors(el).includes('Backup code: 3 codes left'));
    notOk(el.shadowRoot!.querySelector('[part="warning"]'));
  });

  it('stops warning once new codes are made', async () => {
    server.on('/api/v1/me/backup-codes', { body: { ...withCodes(10), backupCodes: ['aaaaa-bbbbb'] } });
    const el = await mountSettings();
    await click(el, 'Make new backup codes');
    await click(el, 'Make new backup codes');
    $<HTMLInputElement>(el, '#saved').click();
    await el.updateComplete;
    await click(el, 'Continue');
    ok(factors(el).includes('Backup code: 10 codes left'), factors(el).join(' | '));
    notOk(el.shadowRoot!.querySelector('[part="warning"]'));
  });
});
