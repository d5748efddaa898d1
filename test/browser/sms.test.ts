import { deepEqual, equal, match, notOk, ok } from './assert.js';
import { errorReply, FakeServer } from './fake-server.js';
import { $, alertText, click, cleanUp, control, field, fill, has, mount, settle, submit, text, title, until } from './fixture.js';
import { complete, HANDLE, inMinutes, inSeconds, pending } from './states.js';
import type { SmsOption } from '../../widget/types.js';

const sms = (extra: Partial<SmsOption> = {}) =>
  pending([
    { method: 'sms', enrolled: true, canEnroll: true, phone: '+1 ••• ••• 0123', ...extra },
    { method: 'backup_code', remaining: 10 },
  ]);

const sent = (resendAfter = inSeconds(30)) => sms({ sent: true, resendAfter, codeExpiresAt: inMinutes(5) });

const KEY = `mfa-login:flow:${location.origin}:demo`;

/** What the element's live regions say. */
const statuses = (el: HTMLElement) => [...el.shadowRoot!.querySelectorAll('[role="status"]')].map((s) => s.textContent!.trim());

describe('SMS screen', () => {
  let server: FakeServer;
  beforeEach(() => {
    server = new FakeServer().on('/api/v1/flows', { body: sms() }).install();
  });
  afterEach(() => cleanUp(server));

  it('shows the masked phone and sends a code only when asked', async () => {
    server.on('/api/v1/flows/sms/send', { body: sent() });
    const el = await mount();
    equal(title(el), 'Verify with a text message');
    match(text(el), /We will send a code to \+1\s•••\s•••\s0123/);
    notOk(has(el, 'input'));
    equal(server.calls('/api/v1/flows/sms/send').length, 0);
    await click(el, 'Send code');
    deepEqual(server.last('/api/v1/flows/sms/send').body, { flow: HANDLE });
    match(text(el), /We sent a code to \+1\s•••\s•••\s0123/);
    equal(field(el, 'Code').autocomplete, 'one-time-code');
    notOk(/We sent a new code/.test(text(el)), 'the first code is not a new one');
    equal(el.shadowRoot!.activeElement, field(el, 'Code'), 'the next step on the same screen: focus in its code field');
  });

  it('says "We sent a new code." after a resend, beside the resend and to a screen reader', async () => {
    server
      .on('/api/v1/flows', { body: sent(inSeconds(-1)) })
      .on('/api/v1/flows/sms/send', { body: sms({ sent: true, resendAfter: inSeconds(30), codeExpiresAt: inMinutes(6) }) });
    const el = await mount();
    notOk(/We sent a new code/.test(text(el)));
    await click(el, 'Resend code');
    match($(el, '.resend').textContent, /We sent a new code\./);
    ok(statuses(el).includes('We sent a new code.'));
  });

  it('after too many wrong codes, drops the dead code field and holds "Send a new code" until the wait is over', async () => {
    server
      .on('/api/v1/flows', { body: sent(inSeconds(1.2)) })
      .on('/api/v1/flows/sms/verify', errorReply(429, 'too_many_attempts'))
      .on('/api/v1/flows/sms/send', { body: sent() });
    const el = await mount();
    fill(el, 'Code', '111111');
    await submit(el);
    match(alertText(el), /Too many wrong attempts/);
    notOk(has(el, 'input[name="code"]'), 'no field for a code that can only be refused');
    notOk([...el.shadowRoot!.querySelectorAll('button')].some((b) => b.textContent!.trim() === 'Verify'));
    ok(control(el, 'Send a new code').disabled, 'the server would answer rate_limited before resendAfter');
    match(text(el), /You can ask for a new code in [12]\u00a0s\./);
    await until(() => !control(el, 'Send a new code').disabled, 'the wait to end', 3000);
    await click(el, 'Send a new code');
    equal(server.calls('/api/v1/flows/sms/send').length, 1);
    ok(field(el, 'Code'), 'a new code, a new field');
  });

  it('shows a dead code the same way after a reload', async () => {
    sessionStorage.setItem(KEY, HANDLE);
    server.on('/api/v1/flows/introspect', {
      body: sms({ sent: false, attemptsRemaining: 0, resendAfter: inSeconds(20), codeExpiresAt: inMinutes(4) }),
    });
    const el = await mount();
    equal(title(el), 'Verify with a text message');
    notOk(has(el, 'input'));
    ok(control(el, 'Send a new code').disabled);
    match(text(el), /You can ask for a new code in 20\u00a0s\./);
  });

  it('counts down until a new code may be asked for, then offers "Resend code"', async () => {
    server.on('/api/v1/flows', { body: sent(inSeconds(1.2)) }).on('/api/v1/flows/sms/send', { body: sent() });
    const el = await mount();
    match(text(el), /You can ask for a new code in [12]\u00a0s\./);
    notOk(/Resend code/.test(text(el)));
    match(text(el), /The code is valid until/);
    await until(() => /Resend code/.test(text(el)), 'the resend button', 3000);
    await click(el, 'Resend code');
    equal(server.calls('/api/v1/flows/sms/send').length, 1);
  });

  it('posts the code to sms/verify', async () => {
    server.on('/api/v1/flows', { body: sent() }).on('/api/v1/flows/sms/verify', { body: complete() });
    const el = await mount();
    fill(el, 'Code', '246810');
    await submit(el);
    deepEqual(server.last('/api/v1/flows/sms/verify').body, { flow: HANDLE, code: '246810' });
  });

  it('offers a new code after too many attempts', async () => {
    server
      .on('/api/v1/flows', { body: sent(inSeconds(-1)) })
      .on('/api/v1/flows/sms/verify', errorReply(429, 'too_many_attempts', { attemptsRemaining: 0 }))
      .on('/api/v1/flows/sms/send', { body: sent() });
    const el = await mount();
    fill(el, 'Code', '111111');
    await submit(el);
    match(alertText(el), /Too many wrong attempts/);
    await click(el, 'Send a new code');
    equal(server.calls('/api/v1/flows/sms/send').length, 1);
    notOk(has(el, '[role="alert"]'), 'the error clears once a new code is on its way');
  });

  it('says when the SMS could not be delivered', async () => {
    server.on('/api/v1/flows/sms/send', errorReply(502, 'delivery_failed'));
    const el = await mount();
    await click(el, 'Send code');
    match(alertText(el), /could not deliver the code/);
  });

  it('asks for a phone number when none is enrolled and one may be added', async () => {
    server.on('/api/v1/flows', { body: sms({ enrolled: false, canEnroll: true, phone: undefined }) }).on('/api/v1/flows/sms/enroll', {
      body: sms({
        enrolled: false,
        canEnroll: true,
        phone: '+1 ••• ••• 0123',
        sent: true,
        codeExpiresAt: inMinutes(5),
        resendAfter: inSeconds(30),
      }),
    });
    const el = await mount();
    const phone = field(el, 'Mobile number');
    equal(phone.type, 'tel');
    equal(phone.autocomplete, 'tel');
    fill(el, 'Mobile number', '+1 201 555 0123');
    await submit(el);
    const request = server.last('/api/v1/flows/sms/enroll');
    equal(request.method, 'POST');
    deepEqual(request.body, { flow: HANDLE, phone: '+1 201 555 0123' });
    ok(field(el, 'Code'), 'then it behaves like a sent code');
  });
});

describe('SMS screen with WebOTP', () => {
  let server: FakeServer;
  let requests: { options: CredentialRequestOptions; answer: (code: string) => void }[];
  const realGet = navigator.credentials.get;
  beforeEach(() => {
    server = new FakeServer().on('/api/v1/flows', { body: sent() }).install();
    requests = [];
    (window as { OTPCredential?: unknown }).OTPCredential = class {};
    navigator.credentials.get = (options?: CredentialRequestOptions) =>
      new Promise((resolve, reject) => {
        options!.signal!.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError')));
        requests.push({ options: options!, answer: (code) => resolve({ code, id: '', type: 'otp' } as Credential) });
      });
  });
  afterEach(() => {
    cleanUp(server);
    delete (window as { OTPCredential?: unknown }).OTPCredential;
    navigator.credentials.get = realGet;
  });

  it('fills in and submits the code the browser reads from the SMS', async () => {
    server.on('/api/v1/flows/sms/verify', { body: complete() });
    const el = await mount();
    await until(() => requests.length === 1, 'the WebOTP request');
    deepEqual((requests[0]!.options as { otp?: unknown }).otp, { transport: ['sms'] });
    requests[0]!.answer('975310');
    await until(() => server.calls('/api/v1/flows/sms/verify').length === 1, 'the verify call');
    await settle(el);
    deepEqual(server.last('/api/v1/flows/sms/verify').body, { flow: HANDLE, code: '975310' });
  });

  it('stops waiting for the SMS when the user switches method', async () => {
    const el = await mount();
    await until(() => requests.length === 1, 'the WebOTP request');
    const signal = requests[0]!.options.signal!;
    notOk(signal.aborted);
    await click(el, 'Backup code');
    ok(signal.aborted);
  });

  it('stops waiting for the SMS when the element leaves the page', async () => {
    const el = await mount();
    await until(() => requests.length === 1, 'the WebOTP request');
    const signal = requests[0]!.options.signal!;
    el.remove();
    ok(signal.aborted);
  });

  it('is not used before a code was sent', async () => {
    server.on('/api/v1/flows', { body: sms() });
    await mount();
    equal(requests.length, 0);
  });
});
