import { deepEqual, equal, match, notOk, ok } from './assert.js';
import { errorReply, FakeServer } from './fake-server.js';
import { until } from './fixture.js';
import { click, control, GRANT, me, mountSettings, recordHeaders, settle, text, title, TOKEN, unmountAll } from './settings-fixture.js';
import { HANDLE, pending } from './states.js';
import type { MfaLoginSettings } from '../../widget/mfa-login-settings.js';

const CODES = ['aaaaa-bbbbb'];

/** The `<mfa-login>` the settings run the step-up in. */
const inner = (el: MfaLoginSettings) => el.shadowRoot!.querySelector('mfa-login')!;

/** Types a code into the step-up's TOTP screen and submits it. */
async function confirmWithCode(el: MfaLoginSettings, code: string) {
  const login = inner(el);
  await until(() => !!login.shadowRoot?.querySelector('input[name="code"]'), 'the step-up code field');
  const input = login.shadowRoot!.querySelector<HTMLInputElement>('input[name="code"]')!;
  input.value = code;
  input.dispatchEvent(new Event('input', { bubbles: true }));
  input.form!.requestSubmit();
  await until(() => el.settings.panel !== 'step-up', 'the step-up to end');
  await settle(el);
}

describe('<mfa-login-settings>: confirming it is you before a change', () => {
  let server: FakeServer;
  let headers: Headers[];
  let steps: CustomEvent[];
  let completions: CustomEvent[];
  const onStep = (e: Event) => steps.push(e as CustomEvent);
  const onComplete = (e: Event) => completions.push(e as CustomEvent);

  beforeEach(() => {
    server = new FakeServer()
      .on('/api/v1/me', { body: me() })
      .on('/api/v1/flows', {
        status: 201,
        body: pending([{ method: 'totp', enrolled: true, canEnroll: false, attemptsRemaining: 5 }], { purpose: 'settings' }),
      })
      .on('/api/v1/flows/totp/verify', {
        body: { flow: HANDLE, status: 'complete', purpose: 'settings', result: { settingsGrant: GRANT, tokenType: 'DPoP', expiresIn: 300 } },
      })
      .on('/api/v1/me/backup-codes', { body: { ...me(), backupCodes: CODES } })
      .install();
    headers = recordHeaders();
    steps = [];
    completions = [];
    document.addEventListener('mfa-login-step', onStep);
    document.addEventListener('mfa-login-complete', onComplete);
  });
  afterEach(() => {
    unmountAll();
    server.uninstall();
    document.removeEventListener('mfa-login-step', onStep);
    document.removeEventListener('mfa-login-complete', onComplete);
  });

  it('runs a step-up for the id_token’s user and client, bound to its own key, then makes the change', async () => {
    const el = await mountSettings({ 'id-token': TOKEN }, { confirmed: false });
    await click(el, 'Make new backup codes');
    await click(el, 'Make new backup codes');
    equal(el.settings.panel, 'step-up');
    match(text(el), /Confirm it’s you/);
    equal(server.calls('/api/v1/me/backup-codes').length, 0, 'nothing changes before the step-up');
    await until(() => server.calls('/api/v1/flows').length === 1, 'the step-up to start');
    const start = server.last('/api/v1/flows').body;
    deepEqual(start, { clientId: 'demo', purpose: 'settings', idToken: TOKEN, dpopKey: el.settings.key!.publicJwk });
    notOk('d' in (start.dpopKey as Record<string, unknown>), 'only the public half leaves');

    await confirmWithCode(el, '123456');
    equal(server.calls('/api/v1/me/backup-codes').length, 1, 'the change went ahead');
    equal(headers.at(-1)!.get('authorization'), `DPoP ${GRANT}`);
    ok(headers.at(-1)!.get('dpop'));
    match(title(el), /Save your backup codes/);
  });

  it('heads the step-up’s own screens under “Confirm it’s you”, as wide as the panel, and does not call it signing in', async () => {
    const el = await mountSettings({ 'id-token': TOKEN }, { confirmed: false });
    await click(el, 'Make new backup codes');
    await click(el, 'Make new backup codes');
    const login = inner(el);
    await until(() => !!login.shadowRoot?.querySelector('input[name="code"]'), 'the step-up code field');
    const [outer, own] = [el.shadowRoot!.querySelector('.title')!, login.shadowRoot!.querySelector('.title')!];
    equal(outer.textContent!.trim(), 'Confirm it’s you');
    const size = (e: Element) => parseFloat(getComputedStyle(e).fontSize);
    ok(size(own) < size(outer), `the step’s heading ${size(own)} px under the panel’s ${size(outer)} px`);
    notOk(/Signing in as/.test(login.shadowRoot!.textContent!), 'the user is the one signed in already');
    // As wide as the panel, set from the element's style sheet: a style attribute is what a strict CSP refuses.
    notOk(login.hasAttribute('style'));
    equal(getComputedStyle(login).maxWidth, '100%');
  });

  it('never hands the grant to the page: no mfa-login-complete, and the step event carries no result', async () => {
    const el = await mountSettings({ 'id-token': TOKEN }, { confirmed: false });
    await click(el, 'Add another authenticator app');
    server.on('/api/v1/me/totp/enroll', { body: { enrollment: { secret: 'JBSWY3DPEHPK3PXP' } } });
    await confirmWithCode(el, '123456');
    equal(completions.length, 0);
    ok(steps.length > 0);
    for (const step of steps) notOk(JSON.stringify(step.detail).includes(GRANT), 'no grant in mfa-login-step');
    notOk(sessionStorage.length > 0 && Object.values(sessionStorage).includes(HANDLE), 'a step-up handle is not kept for a reload');
  });

  it('makes the private key non-extractable', async () => {
    const el = await mountSettings({ 'id-token': TOKEN }, { confirmed: false });
    await click(el, 'Add another authenticator app');
    const key = (el.settings.key as unknown as { privateKey: CryptoKey }).privateKey;
    equal(key.extractable, false);
    let exported = true;
    await crypto.subtle.exportKey('jwk', key).catch(() => (exported = false));
    equal(exported, false);
  });

  it('takes a change’s client from client-id, else from the id_token', async () => {
    const el = await mountSettings({ 'id-token': TOKEN, 'client-id': 'shop' }, { confirmed: false });
    await click(el, 'Add another authenticator app');
    await until(() => server.calls('/api/v1/flows').length === 1, 'the step-up to start');
    equal(server.last('/api/v1/flows').body.clientId, 'shop');
  });

  it('confirms again when the server no longer takes the grant, then retries the change', async () => {
    server.on('/api/v1/me/backup-codes', errorReply(401, 'unauthorized', { stepUp: true }), { body: { ...me(), backupCodes: CODES } });
    const el = await mountSettings();
    await click(el, 'Make new backup codes');
    await click(el, 'Make new backup codes');
    equal(el.settings.panel, 'step-up');
    notOk(el.settings.reauthenticate, 'a step-up, not a new sign-in');
    await confirmWithCode(el, '123456');
    equal(server.calls('/api/v1/me/backup-codes').length, 2);
    match(title(el), /Save your backup codes/);
  });

  it('goes back to the list on Cancel, changing nothing', async () => {
    const el = await mountSettings({ 'id-token': TOKEN }, { confirmed: false });
    await click(el, 'Add another authenticator app');
    await click(el, 'Cancel');
    equal(title(el), 'Your sign-in methods');
    equal(server.calls('/api/v1/me/totp/enroll').length, 0);
    ok(control(el, 'Add another authenticator app'));
  });
});
