import { deepEqual, equal, match } from './assert.js';
import { errorReply, FakeServer } from './fake-server.js';
import { alertText, click, cleanUp, field, fill, mount, submit, text, title } from './fixture.js';
import { complete, HANDLE, inMinutes, inSeconds, pending } from './states.js';

const email = (extra = {}) => pending([{ method: 'email', email: 'a•••@example.com', sent: false, ...extra }]);
const sent = () => email({ sent: true, resendAfter: inSeconds(30), codeExpiresAt: inMinutes(10) });

describe('e-mail code screen', () => {
  let server: FakeServer;
  beforeEach(() => {
    server = new FakeServer().on('/api/v1/flows', { body: email() }).install();
  });
  afterEach(() => cleanUp(server));

  it('shows the masked address and sends the code with email/send', async () => {
    server.on('/api/v1/flows/email/send', { body: sent() });
    const el = await mount();
    equal(title(el), 'Verify with an e-mailed code');
    match(text(el), /We will send a code to a•••@example\.com/);
    await click(el, 'Send code');
    deepEqual(server.last('/api/v1/flows/email/send').body, { flow: HANDLE });
    match(text(el), /We sent a code to a•••@example\.com/);
    match(text(el), /You can ask for a new code in \d+\u00a0s/);
  });

  it('posts the code to email/verify', async () => {
    server.on('/api/v1/flows', { body: sent() }).on('/api/v1/flows/email/verify', { body: complete() });
    const el = await mount();
    fill(el, 'Code', '13579');
    await submit(el);
    deepEqual(server.last('/api/v1/flows/email/verify').body, { flow: HANDLE, code: '13579' });
  });

  it('offers a new code when the old one expired, and empties the field for it', async () => {
    server
      .on('/api/v1/flows', { body: email({ sent: true, resendAfter: inSeconds(-1), codeExpiresAt: inMinutes(10) }) })
      .on('/api/v1/flows/email/verify', errorReply(400, 'code_expired'))
      .on('/api/v1/flows/email/send', { body: email({ sent: true, resendAfter: inSeconds(30), codeExpiresAt: inMinutes(11) }) });
    const el = await mount();
    fill(el, 'Code', '13579');
    await submit(el);
    match(alertText(el), /That code has expired/);
    await click(el, 'Send a new code');
    equal(server.calls('/api/v1/flows/email/send').length, 1);
    equal(field(el, 'Code').value, '');
    equal(el.shadowRoot!.activeElement, field(el, 'Code'));
  });
});
