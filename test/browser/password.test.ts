import { equal, match, ok, deepEqual } from './assert.js';
import { errorReply, FakeServer } from './fake-server.js';
import { $, alertText, cleanUp, control, field, fill, focused, mount, submit, title } from './fixture.js';
import { HANDLE, passwordStep, secondStep } from './states.js';

describe('password screen', () => {
  let server: FakeServer;
  beforeEach(() => {
    server = new FakeServer().on('/api/v1/flows', { body: passwordStep() }).install();
  });
  afterEach(() => cleanUp(server));

  it('asks for username and password with labels and autocomplete hints', async () => {
    const el = await mount();
    equal(title(el), 'Sign in');
    const username = field(el, 'Username');
    const password = field(el, 'Password');
    equal(username.autocomplete, 'username');
    equal(password.autocomplete, 'current-password');
    equal(password.type, 'password');
    ok(control(el, 'Continue'));
  });

  it('pre-fills the username from login-hint', async () => {
    const el = await mount({ 'client-id': 'demo', 'login-hint': 'alice' });
    equal(field(el, 'Username').value, 'alice');
    deepEqual(server.last('/api/v1/flows').body, { clientId: 'demo', loginHint: 'alice' });
  });

  it('puts focus in the password when the username is pre-filled', async () => {
    const el = await mount({ 'client-id': 'demo', 'login-hint': 'alice', autofocus: '' });
    equal(focused(el), field(el, 'Password'));
  });

  it('posts username and password with the flow handle in the body, not the URL', async () => {
    server.on('/api/v1/flows/password', { body: secondStep() });
    const el = await mount();
    fill(el, 'Username', 'alice');
    fill(el, 'Password', 'correct horse');
    await submit(el);
    const request = server.last('/api/v1/flows/password');
    equal(request.method, 'POST');
    equal(request.contentType, 'application/json');
    equal(request.credentials, 'omit');
    deepEqual(request.body, { flow: HANDLE, username: 'alice', password: 'correct horse' });
    ok(!request.url.includes(HANDLE), 'handle must not be in the URL');
    equal(title(el), 'Enter the code from your authenticator app');
  });

  it('shows invalid_credentials inline and keeps the user on the screen', async () => {
    server.on('/api/v1/flows/password', errorReply(401, 'invalid_credentials'));
    const el = await mount();
    fill(el, 'Username', 'alice');
    fill(el, 'Password', 'wrong');
    await submit(el);
    match(alertText(el), /username or password is not right/);
    equal(field(el, 'Password').getAttribute('aria-invalid'), 'true');
    equal(focused(el), field(el, 'Password'));
  });

  it('disables the submit button while the password is being checked', async () => {
    let answer!: () => void;
    server.on('/api/v1/flows/password', () => new Promise((resolve) => (answer = () => resolve({ body: secondStep() }))));
    const el = await mount();
    fill(el, 'Username', 'alice');
    fill(el, 'Password', 'pw');
    $<HTMLFormElement>(el, 'form').requestSubmit();
    await el.updateComplete;
    equal(control(el, 'Continue').disabled, true);
    answer();
  });

  it('does not send an empty form', async () => {
    const el = await mount();
    await submit(el);
    equal(server.calls('/api/v1/flows/password').length, 0);
  });
});

describe('focus on page load', () => {
  let server: FakeServer;
  beforeEach(() => {
    server = new FakeServer().on('/api/v1/flows', { body: passwordStep() }).install();
  });
  afterEach(() => cleanUp(server));

  it('leaves focus where the page has it', async () => {
    const el = await mount();
    equal(focused(el), null);
  });

  it('focuses the first field when the element has autofocus', async () => {
    const el = await mount({ 'client-id': 'demo', autofocus: '' });
    equal(focused(el), field(el, 'Username'));
  });
});

describe('invalid_request', () => {
  let server: FakeServer;
  afterEach(() => cleanUp(server));

  it('lists the issues the server found, by field label and kind, and marks the field they name', async () => {
    server = new FakeServer()
      .on('/api/v1/flows', { body: passwordStep() })
      .on('/api/v1/flows/password', errorReply(400, 'invalid_request', { issues: [{ path: 'username', code: 'too_big', message: 'Too long' }] }))
      .install();
    const el = await mount();
    fill(el, 'Username', 'x'.repeat(300));
    fill(el, 'Password', 'pw');
    await submit(el);
    match(alertText(el), /check what you entered.*Username: Too long\./);
    equal(field(el, 'Username').getAttribute('aria-invalid'), 'true');
    equal(field(el, 'Password').getAttribute('aria-invalid'), 'false');
    equal(focused(el), field(el, 'Username'));
  });

  it('also reads issues with an array path', async () => {
    server = new FakeServer()
      .on('/api/v1/flows', { body: passwordStep() })
      .on('/api/v1/flows/password', errorReply(400, 'invalid_request', { issues: [{ path: ['username'], message: 'Too long' }] }))
      .install();
    const el = await mount();
    fill(el, 'Username', 'x'.repeat(300));
    fill(el, 'Password', 'pw');
    await submit(el);
    match(alertText(el), /Username: Check this entry\./);
  });

  it('says it in its own words, never the server’s English, when no field is named', async () => {
    server = new FakeServer()
      .on('/api/v1/flows', { body: passwordStep() })
      .on('/api/v1/flows/password', errorReply(400, 'invalid_request', { message: 'The body is too large.' }))
      .install();
    const el = await mount();
    fill(el, 'Username', 'alice');
    fill(el, 'Password', 'pw');
    await submit(el);
    equal(alertText(el), 'Please check what you entered.');
  });
});
