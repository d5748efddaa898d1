import { deepEqual, equal, match, notOk, ok } from './assert.js';
import { errorReply, FakeServer } from './fake-server.js';
import { $, cleanUp, fill, has, mount, submit, title } from './fixture.js';
import { HANDLE, inMinutes, inSeconds, passwordStep, pending, secondStep } from './states.js';

const status = (el: HTMLElement) => el.shadowRoot!.querySelector('[role="status"]')!.textContent!.trim();

describe('a flow changed elsewhere', () => {
  let server: FakeServer;
  beforeEach(() => {
    server = new FakeServer().on('/api/v1/flows', { body: secondStep() }).install();
  });
  afterEach(() => cleanUp(server));

  it('reads the flow again after a 409 flow_conflict and shows it as it is now', async () => {
    const moved = pending([
      { method: 'sms', enrolled: true, phone: '+1 ••• ••• 0123', sent: true, resendAfter: inSeconds(30), codeExpiresAt: inMinutes(5) },
    ]);
    server.on('/api/v1/flows/totp/verify', errorReply(409, 'flow_conflict', { conflict: true })).on('/api/v1/flows/introspect', { body: moved });
    const el = await mount();
    fill(el, 'Code', '123456');
    await submit(el);
    deepEqual(server.last('/api/v1/flows/introspect').body, { flow: HANDLE });
    equal(title(el), 'Verify with a text message');
    notOk(has(el, '[role="alert"]'), 'a conflict is not the user’s mistake');
    match(status(el), /changed in another window/);
  });

  it('treats invalid_request with conflict: true the same way, without marking the field', async () => {
    server
      .on('/api/v1/flows', { body: passwordStep() })
      .on('/api/v1/flows/password', errorReply(400, 'invalid_request', { conflict: true }))
      .on('/api/v1/flows/introspect', { body: secondStep() });
    const el = await mount();
    fill(el, 'Username', 'alice');
    fill(el, 'Password', 'pw');
    await submit(el);
    equal(server.calls('/api/v1/flows/introspect').length, 1);
    equal(title(el), 'Enter the code from your authenticator app');
    notOk(has(el, '[aria-invalid="true"]'));
    notOk(has(el, '[role="alert"]'));
  });

  it('reads the flow again after method_not_allowed and offers what the step has now', async () => {
    server
      .on('/api/v1/flows/totp/verify', errorReply(403, 'method_not_allowed'))
      .on('/api/v1/flows/introspect', { body: pending([{ method: 'backup_code', remaining: 9 }]) });
    const el = await mount();
    fill(el, 'Code', '123456');
    await submit(el);
    equal(title(el), 'Use a backup code');
    notOk(has(el, '[part="methods"]'), 'the authenticator is no longer offered');
    match(status(el), /can no longer be used for this step/);
  });

  it('shows the expired screen when the flow is gone by the time it is read again', async () => {
    server.on('/api/v1/flows/totp/verify', errorReply(409, 'flow_conflict')).on('/api/v1/flows/introspect', errorReply(404, 'flow_not_found'));
    const el = await mount();
    fill(el, 'Code', '123456');
    await submit(el);
    equal(title(el), 'This sign-in has expired');
  });

  it('clears the notice with the next call', async () => {
    server
      .on('/api/v1/flows/totp/verify', errorReply(409, 'flow_conflict'), errorReply(400, 'invalid_code', { attemptsRemaining: 3 }))
      .on('/api/v1/flows/introspect', { body: secondStep() });
    const el = await mount();
    fill(el, 'Code', '123456');
    await submit(el);
    ok(status(el));
    fill(el, 'Code', '000000');
    await submit(el);
    equal(status(el), '');
    match($(el, '[role="alert"]').textContent, /not right/);
  });
});
