import { deepEqual, equal, match, notOk, ok } from './assert.js';
import { errorReply, FakeServer } from './fake-server.js';
import { $, alertText, click, cleanUp, control, fill, has, mount, submit, text, title } from './fixture.js';
import { HANDLE, inMinutes, inSeconds, passwordStep, pending, secondStep } from './states.js';
import type { MfaLogin } from '../../widget/mfa-login.js';

const KEY = `mfa-login:flow:${location.origin}:demo`;

/** Every control that starts a new flow, "Not you? Start again" included. */
const startAgainButtons = (el: MfaLogin) =>
  [...el.shadowRoot!.querySelectorAll('button')].filter((b) => /Start again/.test(b.textContent!)).map((b) => b.textContent!.trim());

async function wrongPassword(el: MfaLogin): Promise<void> {
  fill(el, 'Username', 'alice');
  fill(el, 'Password', 'wrong');
  await submit(el);
}

describe('a flow that cannot go on', () => {
  let server: FakeServer;
  beforeEach(() => {
    sessionStorage.clear();
    server = new FakeServer()
      .on('/api/v1/flows', { body: passwordStep() }, { body: { ...passwordStep(), flow: 'new-handle' } })
      .on('/api/v1/flows/cancel', errorReply(404, 'flow_not_found'))
      .install();
  });
  afterEach(() => cleanUp(server));

  describe('after too many wrong passwords', () => {
    beforeEach(() => {
      server.on('/api/v1/flows/password', errorReply(429, 'too_many_attempts'));
    });

    it('ends on a screen that says so and offers "Start again"', async () => {
      const el = await mount();
      await wrongPassword(el);
      equal(title(el), 'Too many wrong attempts');
      notOk(has(el, 'form'), 'no password field that could only be refused again');
      notOk(has(el, '[role="alert"]'), 'the screen says it; the error box would only repeat it');
      deepEqual(startAgainButtons(el), ['Start again']);
    });

    it('forgets the handle, so a reload starts a new flow instead of resuming the dead one', async () => {
      const el = await mount();
      await wrongPassword(el);
      equal(sessionStorage.getItem(KEY), null);
      el.remove();
      await mount();
      equal(server.calls('/api/v1/flows/introspect').length, 0);
      equal(server.calls('/api/v1/flows').length, 2);
    });

    it('starts a new flow from "Start again"', async () => {
      const el = await mount();
      await wrongPassword(el);
      await click(el, 'Start again');
      equal(server.calls('/api/v1/flows').length, 2);
      equal(title(el), 'Sign in');
      notOk(has(el, '[role="alert"]'));
      equal(sessionStorage.getItem(KEY), 'new-handle');
    });
  });

  it('offers "Start again" in the error box after too many wrong codes while another method is left', async () => {
    server
      .on('/api/v1/flows', { body: secondStep() }, { body: passwordStep() })
      .on('/api/v1/flows/cancel', { body: { flow: HANDLE, status: 'cancelled' } })
      .on('/api/v1/flows/totp/verify', errorReply(429, 'too_many_attempts'));
    const el = await mount();
    fill(el, 'Code', '000000');
    await submit(el);
    equal(title(el), 'Enter the code from your authenticator app', 'the other methods are still there to pick');
    ok(has(el, '[part="methods"]'));
    match(alertText(el), /Too many wrong attempts/);
    const inBox = [...$(el, '[role="alert"]').querySelectorAll('button')].map((b) => b.textContent!.trim());
    deepEqual(inBox, ['Start again']);
    await click(el, 'Start again');
    deepEqual(server.last('/api/v1/flows/cancel').body, { flow: HANDLE });
    equal(title(el), 'Sign in');
  });

  it('ends after too many wrong codes for the only method of a step', async () => {
    server
      .on('/api/v1/flows', { body: pending([{ method: 'backup_code', remaining: 8 }]) })
      .on('/api/v1/flows/backup-code/verify', errorReply(429, 'too_many_attempts'));
    const el = await mount();
    fill(el, 'Backup code', 'zzzzz-00000');
    await submit(el);
    equal(title(el), 'Too many wrong attempts');
    deepEqual(startAgainButtons(el), ['Start again']);
  });

  it('still offers a new code after too many wrong SMS codes, and "Start again" beside it', async () => {
    const sent = { sent: true, resendAfter: inSeconds(-1), codeExpiresAt: inMinutes(5) };
    server
      .on('/api/v1/flows', { body: pending([{ method: 'sms', enrolled: true, phone: '+1 ••• ••• 0123', ...sent }]) })
      .on('/api/v1/flows/sms/verify', errorReply(429, 'too_many_attempts'));
    const el = await mount();
    fill(el, 'Code', '111111');
    await submit(el);
    equal(title(el), 'Verify with a text message');
    ok(control(el, 'Send a new code'));
    ok($(el, '[role="alert"]').textContent!.includes('Start again'));
  });

  it('shows the expired screen when any call answers flow_not_found, with one way to start again', async () => {
    server.on('/api/v1/flows', { body: secondStep() }, { body: passwordStep() }).on('/api/v1/flows/sms/send', errorReply(404, 'flow_not_found'));
    const el = await mount();
    await click(el, /^\s*Text message/);
    await click(el, 'Send code');
    equal(title(el), 'This sign-in has expired');
    equal(sessionStorage.getItem(KEY), null);
    deepEqual(startAgainButtons(el), ['Start again'], 'no "Not you?" beside it');
    notOk(/Signing in as/.test(text(el)), 'the dead flow is nobody’s sign-in any more');
    await click(el, 'Start again');
    equal(server.calls('/api/v1/flows/cancel').length, 0, 'a flow the server no longer has is not cancelled');
    equal(title(el), 'Sign in');
  });

  it('shows the expired screen when a call answers flow_expired', async () => {
    server.on('/api/v1/flows', { body: secondStep() }).on('/api/v1/flows/totp/verify', errorReply(410, 'flow_expired'));
    const el = await mount();
    fill(el, 'Code', '123456');
    await submit(el);
    equal(title(el), 'This sign-in has expired');
    deepEqual(startAgainButtons(el), ['Start again']);
  });

  it('says sign-in is not available, with "Start again", when a step offers no method', async () => {
    server.on('/api/v1/flows', { body: pending([]) }, { body: passwordStep() });
    const el = await mount();
    equal(title(el), 'Sign-in is not available');
    deepEqual(startAgainButtons(el), ['Start again']);
    await click(el, 'Start again');
    equal(title(el), 'Sign in');
  });
});
