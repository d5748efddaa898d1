import type { MfaLoginCompleteDetail } from '../../widget/mfa-login.js';
import { deepEqual, equal, match, notOk, ok } from './assert.js';
import { errorReply, FakeServer } from './fake-server.js';
import { $, alertText, cleanUp, field, fill, has, mount, submit, title } from './fixture.js';
import { complete, HANDLE, pending, secondStep } from './states.js';

/** The final answer of backup-code/verify, with the fields the server adds to it. */
const signedIn = (remaining: number) => complete({ backupCodesRemaining: remaining, ...(remaining <= 2 ? { backupCodesLow: true } : {}) });

/** The live region under the done screen that says how few backup codes are left. */
const fewCodes = (el: HTMLElement) => el.shadowRoot!.querySelector('[role="status"].few-codes')!.textContent!.trim();

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

describe('done after a backup code', () => {
  let server: FakeServer;
  let events: CustomEvent<MfaLoginCompleteDetail>[];
  const listen = (e: CustomEvent<MfaLoginCompleteDetail>) => events.push(e);
  beforeEach(() => {
    events = [];
    document.addEventListener('mfa-login-complete', listen);
    server = new FakeServer().on('/api/v1/flows', { body: backup(3, false) }).install();
  });
  afterEach(() => {
    document.removeEventListener('mfa-login-complete', listen);
    cleanUp(server);
  });

  async function useCode(answer: ReturnType<typeof complete>) {
    server.on('/api/v1/flows/backup-code/verify', { body: answer });
    const el = await mount();
    fill(el, 'Backup code', 'abcde-12345');
    await submit(el);
    equal(title(el), 'You are signed in');
    return el;
  }

  it('warns in a status region, there and empty from the start, when 2 codes are left', async () => {
    const el = await mount();
    equal(fewCodes(el), '', 'the live region is in the page before it speaks');
    const region = $(el, '[role="status"].few-codes');
    fill(el, 'Backup code', 'abcde-12345');
    server.on('/api/v1/flows/backup-code/verify', { body: signedIn(2) });
    await submit(el);
    equal(title(el), 'You are signed in');
    equal(fewCodes(el), 'You have 2 backup codes left. Make new ones in your account settings.');
    equal($(el, '[role="status"].few-codes'), region, 'the same region, so it is announced');
    ok($(el, '.few-codes [part="warning"]').checkVisibility(), 'seen as well as heard');
  });

  it('says one code and no codes as a person would', async () => {
    equal(fewCodes(await useCode(signedIn(1))), 'You have 1 backup code left. Make new ones in your account settings.');
    cleanUp();
    equal(fewCodes(await useCode(signedIn(0))), 'You have no backup codes left. Make new ones in your account settings.');
  });

  it('does not warn when more than 2 are left', async () => {
    const el = await useCode(signedIn(3));
    equal(fewCodes(el), '');
  });

  it('puts the codes left into mfa-login-complete', async () => {
    await useCode(signedIn(2));
    equal(events.length, 1);
    equal(events[0]!.detail.backupCodesRemaining, 2);
    cleanUp();
    await useCode(signedIn(7));
    equal(events[1]!.detail.backupCodesRemaining, 7);
  });

  it('leaves backupCodesRemaining out of the event and the warning off after any other factor', async () => {
    server.on('/api/v1/flows', { body: secondStep() }).on('/api/v1/flows/totp/verify', { body: complete() });
    const el = await mount();
    fill(el, 'Code', '123456');
    await submit(el);
    equal(title(el), 'You are signed in');
    equal(events.length, 1);
    notOk('backupCodesRemaining' in events[0]!.detail);
    equal(fewCodes(el), '');
  });

  it('forgets the count when the page starts another sign-in', async () => {
    server.on('/api/v1/flows', { body: backup(3, false) }, { body: complete() });
    const el = await useCode(signedIn(1));
    await el.restart();
    await el.updateComplete;
    equal(title(el), 'You are signed in');
    equal(fewCodes(el), '');
    notOk('backupCodesRemaining' in events[1]!.detail);
  });
});
