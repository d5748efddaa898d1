import { deepEqual, equal, match, ok } from './assert.js';
import { errorReply, FakeServer } from './fake-server.js';
import { alertText, cleanUp, field, fill, focused, mount, submit, title } from './fixture.js';
import { complete, HANDLE, secondStep } from './states.js';

describe('authenticator app (TOTP) screen', () => {
  let server: FakeServer;
  beforeEach(() => {
    server = new FakeServer().on('/api/v1/flows', { body: secondStep() }).install();
  });
  afterEach(() => cleanUp(server));

  it('shows the first option of the step, with a numeric one-time-code field', async () => {
    const el = await mount();
    equal(title(el), 'Enter the code from your authenticator app');
    const code = field(el, 'Code');
    equal(code.autocomplete, 'one-time-code');
    equal(code.inputMode, 'numeric');
    equal(code.pattern, '[0-9]*');
  });

  it('shows the step and who is signing in', async () => {
    const el = await mount();
    const header = el.shadowRoot!.querySelector('[part="header"]')!.textContent!;
    match(header, /Step 2 of 2/);
    match(header, /Signing in as Alice/);
  });

  it('posts the code, pasted with a space, with the flow handle to totp/verify', async () => {
    server.on('/api/v1/flows/totp/verify', { body: complete() });
    const el = await mount();
    fill(el, 'Code', '123 456');
    await submit(el);
    deepEqual(server.last('/api/v1/flows/totp/verify').body, { flow: HANDLE, code: '123456' });
    equal(title(el), 'You are signed in');
  });

  it('shows attempts left after a wrong TOTP code', async () => {
    server.on('/api/v1/flows/totp/verify', errorReply(400, 'invalid_code', { attemptsRemaining: 2 }));
    const el = await mount();
    fill(el, 'Code', '000000');
    await submit(el);
    match(alertText(el), /That code is not right\. 2 attempts left\./);
    equal(field(el, 'Code').getAttribute('aria-invalid'), 'true');
    equal(field(el, 'Code').getAttribute('aria-describedby'), el.shadowRoot!.querySelector('[role="alert"]')!.id);
    equal(focused(el), field(el, 'Code'));
  });

  it('shows a short wait in seconds when rate limited', async () => {
    server.on('/api/v1/flows/totp/verify', errorReply(429, 'rate_limited', { retryAfter: 30, message: 'Too many requests. Try again in 30 s.' }));
    const el = await mount();
    fill(el, 'Code', '000000');
    await submit(el);
    equal(alertText(el), 'Too many requests. Try again in 30\u00a0s.');
  });

  it('says a long wait in minutes, not in raw seconds', async () => {
    server.on('/api/v1/flows/totp/verify', errorReply(429, 'rate_limited', { retryAfter: 1813, message: 'Too many requests. Try again in 1813 s.' }));
    const el = await mount();
    fill(el, 'Code', '000000');
    await submit(el);
    equal(alertText(el), 'Too many requests. Try again in about 31\u00a0minutes.');
  });

  it('says a limit in its own words whatever English the server sends', async () => {
    const message = 'Too many wrong codes for this account. Try again later or use another method.';
    server.on('/api/v1/flows/totp/verify', errorReply(429, 'rate_limited', { retryAfter: 7200, message }));
    const el = await mount();
    fill(el, 'Code', '000000');
    await submit(el);
    equal(alertText(el), 'Too many requests. Try again in about 2\u00a0hours.');
  });

  it('reads the wait from the Retry-After header when the body has none', async () => {
    server.on('/api/v1/flows/totp/verify', {
      status: 429,
      body: { error: 'rate_limited', message: 'slow down' },
      headers: { 'Retry-After': '12' },
    });
    const el = await mount();
    fill(el, 'Code', '000000');
    await submit(el);
    match(alertText(el), /Try again in 12\u00a0s/);
  });

  it('fires mfa-login-error for an error it shows', async () => {
    server.on('/api/v1/flows/totp/verify', errorReply(400, 'invalid_code', { attemptsRemaining: 1 }));
    const el = await mount();
    const seen: CustomEvent[] = [];
    document.addEventListener('mfa-login-error', (e) => seen.push(e), { once: true });
    fill(el, 'Code', '000000');
    await submit(el);
    equal(seen.length, 1);
    deepEqual(seen[0]!.detail, { error: 'invalid_code', message: 'server says invalid_code' });
    ok(seen[0]!.composed && seen[0]!.bubbles);
  });

  it('reads an error answer with the server’s requestId and passes the id on for the page to show support', async () => {
    server.on(
      '/api/v1/flows/totp/verify',
      errorReply(401, 'invalid_code', { attemptsRemaining: 1, requestId: '0b6e7a8c-4d1f-4c2a-9f3e-5a7b8c9d0e1f' }),
    );
    const el = await mount();
    const seen: CustomEvent[] = [];
    document.addEventListener('mfa-login-error', (e) => seen.push(e), { once: true });
    fill(el, 'Code', '000000');
    await submit(el);
    deepEqual(seen[0]!.detail, { error: 'invalid_code', message: 'server says invalid_code', requestId: '0b6e7a8c-4d1f-4c2a-9f3e-5a7b8c9d0e1f' });
    match(alertText(el), /1 attempt left/);
  });
});
