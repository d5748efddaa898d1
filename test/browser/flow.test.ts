import { deepEqual, equal, match, notOk, ok } from './assert.js';
import { errorReply, FakeServer } from './fake-server.js';
import { $, alertText, click, cleanUp, field, fill, has, mount, settle, submit, text, title, until } from './fixture.js';
import { claims, complete, HANDLE, inMinutes, inSeconds, passwordStep, pending, secondStep } from './states.js';
import type { MfaLoginCompleteDetail } from '../../widget/events.js';
import type { FlowState, LoginResult } from '../../widget/types.js';

const KEY = `mfa-login:flow:${location.origin}:demo`;

describe('the flow', () => {
  let server: FakeServer;
  beforeEach(() => {
    sessionStorage.clear();
    server = new FakeServer().on('/api/v1/flows', { body: passwordStep() }).install();
  });
  afterEach(() => cleanUp(server));

  describe('starting', () => {
    it('starts a flow for its client with POST /api/v1/flows', async () => {
      await mount({ 'client-id': 'demo', nonce: 'n-0S6', acr: 'strong' });
      const request = server.last('/api/v1/flows');
      equal(request.method, 'POST');
      equal(request.url, `${location.origin}/api/v1/flows`);
      equal(request.credentials, 'omit');
      deepEqual(request.body, { clientId: 'demo', nonce: 'n-0S6', acr: 'strong' });
    });

    it('calls the server named in the server attribute, under its path', async () => {
      await mount({ 'client-id': 'demo', server: 'https://auth.example.test/mfa/' });
      equal(server.last().url, 'https://auth.example.test/mfa/api/v1/flows');
    });

    it('keeps the flow handle in sessionStorage for a reload', async () => {
      await mount();
      equal(sessionStorage.getItem(KEY), HANDLE);
    });

    it('says the sign-in is not set up when client-id is missing, without calling the server', async () => {
      const seen: CustomEvent[] = [];
      document.addEventListener('mfa-login-error', (event) => seen.push(event as CustomEvent), { once: true });
      const el = await mount({});
      equal(server.requests.length, 0);
      match(alertText(el), /not set up correctly/);
      match((seen[0]?.detail as { message?: string } | undefined)?.message, /client-id attribute is missing/);
    });

    it('shows an unknown client plainly', async () => {
      server.on('/api/v1/flows', errorReply(404, 'unknown_client'));
      const el = await mount();
      match(alertText(el), /unknown client/);
      equal(title(el), 'Sign-in is not available');
    });
  });

  describe('resuming after a reload', () => {
    it('resumes the stored flow with introspect instead of starting a new one', async () => {
      sessionStorage.setItem(KEY, HANDLE);
      server.on('/api/v1/flows/introspect', { body: secondStep() });
      const el = await mount();
      deepEqual(server.last('/api/v1/flows/introspect').body, { flow: HANDLE });
      equal(server.calls('/api/v1/flows').length, 0);
      equal(title(el), 'Enter the code from your authenticator app');
    });

    it('starts a new flow when introspect answers flow_not_found', async () => {
      sessionStorage.setItem(KEY, 'forgotten-handle');
      server
        .on('/api/v1/flows/introspect', errorReply(404, 'flow_not_found'))
        .on('/api/v1/flows', { body: { ...passwordStep(), flow: 'new-handle' } });
      const el = await mount();
      equal(server.calls('/api/v1/flows').length, 1);
      equal(title(el), 'Sign in');
      notOk(has(el, '[role="alert"]'), 'a stale handle is not the user’s problem');
      equal(sessionStorage.getItem(KEY), 'new-handle');
    });

    it('starts a new flow when introspect answers flow_expired', async () => {
      sessionStorage.setItem(KEY, 'old-handle');
      server.on('/api/v1/flows/introspect', errorReply(410, 'flow_expired'));
      const el = await mount();
      equal(server.calls('/api/v1/flows').length, 1);
      equal(title(el), 'Sign in');
    });

    it('hands over the id_token of a flow that completed just before the reload', async () => {
      sessionStorage.setItem(KEY, HANDLE);
      server.on('/api/v1/flows/introspect', { body: complete() });
      const events: MfaLoginCompleteDetail[] = [];
      document.addEventListener('mfa-login-complete', (e) => events.push(e.detail), { once: true });
      await mount();
      equal(server.calls('/api/v1/flows').length, 0);
      equal(events.length, 1);
      equal(events[0]!.idToken, (complete().result as { idToken: string }).idToken);
    });

    it('starts a new flow when the stored one completed and no longer carries its id_token', async () => {
      sessionStorage.setItem(KEY, HANDLE);
      const { result: _gone, ...over } = complete();
      server.on('/api/v1/flows/introspect', { body: over }).on('/api/v1/flows', { body: { ...passwordStep(), flow: 'new-handle' } });
      const el = await mount();
      equal(server.calls('/api/v1/flows').length, 1);
      equal(title(el), 'Sign in');
      notOk(has(el, '[role="alert"]'));
      equal(sessionStorage.getItem(KEY), 'new-handle');
    });

    it('shows the code entry of a text message on its way, not the first method', async () => {
      sessionStorage.setItem(KEY, HANDLE);
      const waiting = secondStep();
      Object.assign(waiting.step!.options[1]!, { sent: true, resendAfter: inSeconds(20), codeExpiresAt: inMinutes(5) });
      server.on('/api/v1/flows/introspect', { body: waiting });
      const el = await mount();
      equal(title(el), 'Verify with a text message');
      ok(field(el, 'Code'));
    });

    it('shows again the method the user chose before the reload', async () => {
      server.on('/api/v1/flows', { body: secondStep() }).on('/api/v1/flows/introspect', { body: secondStep() });
      const first = await mount();
      await click(first, 'Backup code');
      first.remove();
      const el = await mount();
      equal(server.calls('/api/v1/flows/introspect').length, 1);
      equal(title(el), 'Use a backup code');
    });

    it('forgets the chosen method with its flow', async () => {
      server
        .on('/api/v1/flows', { body: secondStep() })
        .on('/api/v1/flows/cancel', { body: { flow: HANDLE, status: 'cancelled' } })
        .on('/api/v1/flows/introspect', { body: secondStep() });
      const first = await mount();
      await click(first, 'Backup code');
      await first.restart();
      await settle(first);
      equal(title(first), 'Enter the code from your authenticator app', 'a new flow starts with its first option');
      first.remove();
      equal(title(await mount()), 'Enter the code from your authenticator app');
    });
  });

  describe('when the flow expires', () => {
    it('shows the expired screen at expiresAt, before the user submits anything', async () => {
      const waiting = secondStep();
      waiting.expiresAt = inSeconds(0.3);
      server.on('/api/v1/flows', { body: waiting }).on('/api/v1/flows/introspect', errorReply(410, 'flow_expired'));
      const el = await mount();
      equal(title(el), 'Enter the code from your authenticator app');
      await until(() => has(el, '.title') && title(el) === 'This sign-in has expired', 'the expired screen', 3000);
      deepEqual(server.last('/api/v1/flows/introspect').body, { flow: HANDLE }, 'the server has the last word');
      notOk(/Step 2 of 2|Signing in as/.test(text(el)), 'no header for a flow that is over');
      deepEqual(
        [...el.shadowRoot!.querySelectorAll('button')].map((b) => b.textContent!.trim()).filter((t) => /Start again/.test(t)),
        ['Start again'],
        'one way on, no "Not you? Start again" beside it',
      );
      equal(sessionStorage.getItem(KEY), null);
    });

    it('asks the server nothing before expiresAt', async () => {
      server.on('/api/v1/flows', { body: secondStep() });
      await mount();
      await new Promise((resolve) => setTimeout(resolve, 300));
      equal(server.calls('/api/v1/flows/introspect').length, 0);
    });

    it('offers "Start again", which starts a fresh flow', async () => {
      server.on('/api/v1/flows/password', errorReply(410, 'flow_expired'));
      const el = await mount();
      fill(el, 'Username', 'alice');
      fill(el, 'Password', 'pw');
      await submit(el);
      equal(title(el), 'This sign-in has expired');
      equal(sessionStorage.getItem(KEY), null);
      await click(el, 'Start again');
      equal(server.calls('/api/v1/flows').length, 2);
      equal(title(el), 'Sign in');
    });
  });

  describe('network trouble', () => {
    it('shows a friendly error and retries the same call', async () => {
      server.on('/api/v1/flows/password', 'network-down', { body: secondStep() });
      const el = await mount();
      fill(el, 'Username', 'alice');
      fill(el, 'Password', 'pw');
      await submit(el);
      match(alertText(el), /could not reach the sign-in service/);
      await click(el, 'Try again');
      const calls = server.calls('/api/v1/flows/password');
      equal(calls.length, 2);
      deepEqual(calls[1]!.body, calls[0]!.body);
      equal(title(el), 'Enter the code from your authenticator app');
    });

    it('retries starting when the first call fails', async () => {
      server.on('/api/v1/flows', 'network-down', { body: passwordStep() });
      const el = await mount();
      match(alertText(el), /could not reach/);
      await click(el, 'Try again');
      equal(title(el), 'Sign in');
    });
  });

  describe('choosing a method', () => {
    it('lists the other options of the step under "Use another method"', async () => {
      server.on('/api/v1/flows', { body: secondStep() });
      const el = await mount();
      const methods = [...el.shadowRoot!.querySelectorAll('[part="methods"] button')].map((b) => b.textContent!.trim());
      deepEqual(methods, ['Text message (SMS)', 'Backup code', 'E-mail code']);
    });

    it('switches screens without a server call and clears the error', async () => {
      server.on('/api/v1/flows', { body: secondStep() }).on('/api/v1/flows/totp/verify', errorReply(400, 'invalid_code', { attemptsRemaining: 2 }));
      const el = await mount();
      fill(el, 'Code', '000000');
      await submit(el);
      ok(has(el, '[role="alert"]'));
      const before = server.requests.length;
      await click(el, 'Backup code');
      equal(title(el), 'Use a backup code');
      equal(server.requests.length, before);
      notOk(has(el, '[role="alert"]'));
      equal(el.shadowRoot!.activeElement, $(el, '.title'), 'focus moves to the new screen’s heading');
      await click(el, 'Authenticator app');
      equal(title(el), 'Enter the code from your authenticator app');
    });

    it('ignores methods it has no screen for', async () => {
      server.on('/api/v1/flows', {
        body: pending([{ method: 'webauthn' } as never, { method: 'backup_code', remaining: 5 }]),
      });
      const el = await mount();
      equal(title(el), 'Use a backup code');
      notOk(has(el, '[part="methods"]'));
    });
  });

  describe('completion', () => {
    let events: CustomEvent<MfaLoginCompleteDetail>[];
    const listen = (e: CustomEvent<MfaLoginCompleteDetail>) => events.push(e);
    beforeEach(() => {
      events = [];
      document.addEventListener('mfa-login-complete', listen);
    });
    afterEach(() => document.removeEventListener('mfa-login-complete', listen));

    it('fires mfa-login-complete, bubbling and composed, with the decoded claims', async () => {
      server.on('/api/v1/flows', { body: secondStep() }).on('/api/v1/flows/totp/verify', { body: complete() });
      const el = await mount();
      fill(el, 'Code', '123456');
      await submit(el);
      equal(events.length, 1);
      const [event] = events;
      ok(event!.bubbles && event!.composed);
      equal(event!.target, el);
      equal(event!.detail.idToken, (complete().result as LoginResult).idToken);
      deepEqual(event!.detail.claims, claims);
    });

    it('shows who signed in and forgets the flow handle', async () => {
      server.on('/api/v1/flows', { body: secondStep() }).on('/api/v1/flows/totp/verify', { body: complete() });
      const el = await mount();
      equal(sessionStorage.getItem(KEY), HANDLE);
      fill(el, 'Code', '123456');
      await submit(el);
      equal(title(el), 'You are signed in');
      match(text(el), /Signed in as Alice/);
      equal(sessionStorage.getItem(KEY), null);
      equal(el.shadowRoot!.activeElement, el.shadowRoot!.querySelector('.title'), 'focus moves to the heading');
    });

    it('can be restarted by the page for another sign-in', async () => {
      server.on('/api/v1/flows', { body: complete() }, { body: passwordStep() });
      const el = await mount();
      equal(title(el), 'You are signed in');
      await el.restart();
      await el.updateComplete;
      equal(title(el), 'Sign in');
    });
  });

  it('reports each new state with mfa-login-step', async () => {
    const states: FlowState[] = [];
    const listen = (e: CustomEvent<FlowState>) => states.push(e.detail);
    document.addEventListener('mfa-login-step', listen);
    server.on('/api/v1/flows/password', { body: secondStep() });
    const el = await mount();
    fill(el, 'Username', 'alice');
    fill(el, 'Password', 'pw');
    await submit(el);
    document.removeEventListener('mfa-login-step', listen);
    deepEqual(
      states.map((s) => s.step?.number),
      [1, 2],
    );
  });

  it('stays busy with a new flow when an answer for the abandoned one arrives', async () => {
    let answerPassword!: () => void;
    let answerStart!: () => void;
    server
      .on(
        '/api/v1/flows',
        { body: passwordStep() },
        () => new Promise((resolve) => (answerStart = () => resolve({ body: { ...passwordStep(), flow: 'new-handle' } }))),
      )
      .on('/api/v1/flows/password', () => new Promise((resolve) => (answerPassword = () => resolve(errorReply(401, 'invalid_credentials')))));
    const el = await mount();
    fill(el, 'Username', 'alice');
    fill(el, 'Password', 'pw');
    $<HTMLFormElement>(el, 'form').requestSubmit();
    await until(() => server.calls('/api/v1/flows/password').length === 1, 'the password call');
    const restarted = el.restart();
    await until(() => server.calls('/api/v1/flows').length === 2, 'the new start');
    answerPassword();
    await new Promise((resolve) => setTimeout(resolve, 20));
    await el.updateComplete;
    ok(el.flow.busy, 'the new start is still under way');
    notOk(has(el, '[role="alert"]'), 'the old flow’s answer is dropped');
    answerStart();
    await restarted;
    await settle(el);
    equal(title(el), 'Sign in');
    equal(sessionStorage.getItem(KEY), 'new-handle');
  });

  it('cancels the flow and starts again from "Not you?"', async () => {
    server
      .on('/api/v1/flows', { body: secondStep() }, { body: passwordStep() })
      .on('/api/v1/flows/cancel', { body: { flow: HANDLE, status: 'cancelled' } });
    const el = await mount();
    await click(el, 'Not you? Start again');
    deepEqual(server.last('/api/v1/flows/cancel').body, { flow: HANDLE });
    equal(title(el), 'Sign in');
  });

  it('sends every call as JSON with the handle only in the body', async () => {
    server.on('/api/v1/flows/password', { body: secondStep() }).on('/api/v1/flows/totp/verify', { body: complete() });
    const el = await mount();
    fill(el, 'Username', 'alice');
    fill(el, 'Password', 'pw');
    await submit(el);
    fill(el, 'Code', '123456');
    await submit(el);
    for (const request of server.requests) {
      equal(request.method, 'POST');
      equal(request.contentType, 'application/json');
      equal(request.credentials, 'omit');
      notOk(request.url.includes(HANDLE), `${request.url} leaks the handle`);
    }
  });
});

describe('set up from script', () => {
  let server: FakeServer;
  afterEach(() => cleanUp(server));

  it('uses a client id set as a property right after the element was inserted', async () => {
    server = new FakeServer().on('/api/v1/flows', { body: passwordStep() }).install();
    const el = document.createElement('mfa-login');
    document.body.append(el);
    el.clientId = 'late';
    await until(() => server.requests.length > 0, 'the start call');
    deepEqual(server.last('/api/v1/flows').body, { clientId: 'late' });
    el.remove();
  });
});
