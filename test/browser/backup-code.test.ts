import { deepEqual, equal, match, notOk } from './assert.js';
import { errorReply, FakeServer } from './fake-server.js';
import { alertText, cleanUp, field, fill, has, mount, submit, title } from './fixture.js';
import { complete, HANDLE, pending } from './states.js';

/** `low` as the server sets it. */
const backup = (remaining: number, low = remaining <= 2) => pending([{ method: 'backup_code', remaining, ...(low ? { low } : {}) }]);

describe('backup code screen', () => {
  let server: FakeServer;
  beforeEach(() => {
    server = new FakeServer().on('/api/v1/flows', { body: backup(10) }).install();
  });
  afterEach(() => cleanUp(server));

  it('asks for one code in a text field', async () => {
    const el = await mount();
    equal(title(el), 'Use a backup code');
    const code = field(el, 'Backup code');
    equal(code.inputMode, 'text');
    equal(code.autocomplete, 'one-time-code');
    notOk(has(el, '[part="warning"]'));
  });

  it('posts the code as typed (with its dash) to backup-code/verify', async () => {
    server.on('/api/v1/flows/backup-code/verify', { body: complete() });
    const el = await mount();
    fill(el, 'Backup code', ' abcde-12345 ');
    await submit(el);
    deepEqual(server.last('/api/v1/flows/backup-code/verify').body, { flow: HANDLE, code: 'abcde-12345' });
  });

  it('warns when two or fewer codes are left', async () => {
    server.on('/api/v1/flows', { body: backup(2) });
    const el = await mount();
    match(el.shadowRoot!.querySelector('[part="warning"]')!.textContent, /Only 2 backup codes left/);
  });

  it('warns exactly when the server flags the codes as low', async () => {
    server.on('/api/v1/flows', { body: backup(4, true) }, { body: backup(1, false) });
    const first = await mount();
    match(first.shadowRoot!.querySelector('[part="warning"]')!.textContent, /Only 4 backup codes left/);
    sessionStorage.clear();
    const second = await mount();
    notOk(has(second, '[part="warning"]'));
  });

  it('shows a wrong code inline', async () => {
    server.on('/api/v1/flows/backup-code/verify', errorReply(400, 'invalid_code', { attemptsRemaining: 4 }));
    const el = await mount();
    fill(el, 'Backup code', 'zzzzz-00000');
    await submit(el);
    match(alertText(el), /not right\. 4 attempts left/);
  });
});
