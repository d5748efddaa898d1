import { deepEqual, equal, match, ok } from './assert.js';
import { FakeServer } from './fake-server.js';
import { $, click, cleanUp, control, fill, mount, submit, title } from './fixture.js';
import { claims, complete, pending } from './states.js';
import type { MfaLoginCompleteDetail } from '../../widget/events.js';

const CODES = ['abcde-12345', 'fghij-67890', 'klmno-13579'];

const enrolling = () =>
  pending([{ method: 'totp', enrolled: false, canEnroll: true, attemptsRemaining: 5 }], {
    enrollment: { qrSvg: '', qrDataUrl: '', secret: 'JBSWY3DPEHPK3PXP', otpauthUri: 'otpauth://totp/Demo:alice?secret=JBSWY3DPEHPK3PXP' },
  });

describe('new backup codes', () => {
  let server: FakeServer;
  let clipboard: string[];
  let completed: CustomEvent<MfaLoginCompleteDetail>[];
  const onComplete = (e: CustomEvent<MfaLoginCompleteDetail>) => completed.push(e);

  beforeEach(async () => {
    server = new FakeServer()
      .on('/api/v1/flows', { body: enrolling() })
      .on('/api/v1/flows/totp/verify', { body: complete({ backupCodes: CODES }) })
      .install();
    clipboard = [];
    completed = [];
    Object.defineProperty(navigator, 'clipboard', {
      configurable: true,
      value: { writeText: async (value: string) => void clipboard.push(value) },
    });
    document.addEventListener('mfa-login-complete', onComplete);
  });
  afterEach(() => {
    cleanUp(server);
    delete (navigator as { clipboard?: unknown }).clipboard;
    document.removeEventListener('mfa-login-complete', onComplete);
  });

  async function finishEnrolment() {
    const el = await mount();
    fill(el, 'Code', '123456');
    await submit(el);
    return el;
  }

  it('shows the codes once, before the done screen, even though the flow is complete', async () => {
    const el = await finishEnrolment();
    equal(title(el), 'Save your backup codes');
    deepEqual(
      [...el.shadowRoot!.querySelectorAll('[part="codes"] li')].map((li) => li.textContent),
      CODES,
    );
  });

  it('keeps Continue disabled until "I have saved these codes" is ticked', async () => {
    const el = await finishEnrolment();
    const continueButton = control(el, 'Continue');
    equal(continueButton.disabled, true);
    $<HTMLInputElement>(el, '#saved').click();
    await el.updateComplete;
    equal(continueButton.disabled, false);
  });

  it('copies all codes, one a line', async () => {
    const el = await finishEnrolment();
    await click(el, 'Copy all');
    deepEqual(clipboard, [CODES.join('\n')]);
  });

  it('offers the codes as a .txt download', async () => {
    const el = await finishEnrolment();
    const link = control(el, 'Download .txt') as unknown as HTMLAnchorElement;
    match(link.download, /\.txt$/);
    match(link.href, /^blob:/);
    const body = await (await server.fetch(link.href)).text();
    for (const code of CODES) ok(body.includes(code), `download holds ${code}`);
    match(body, new RegExp(`^Backup codes for alice on ${location.host}\n`), 'names the account and the site');
  });

  it('fires mfa-login-complete only after the codes are confirmed, then shows done', async () => {
    const el = await finishEnrolment();
    equal(completed.length, 0, 'no completion while the codes are on screen');
    $<HTMLInputElement>(el, '#saved').click();
    await el.updateComplete;
    await click(el, 'Continue');
    equal(title(el), 'You are signed in');
    equal(completed.length, 1);
    deepEqual(completed[0]!.detail.claims, claims);
  });

  it('never hands the codes to page listeners in mfa-login-step', async () => {
    const states: unknown[] = [];
    const listen = (e: Event) => states.push((e as CustomEvent).detail);
    document.addEventListener('mfa-login-step', listen);
    await finishEnrolment();
    document.removeEventListener('mfa-login-step', listen);
    ok(states.length >= 2);
    ok(states.every((s) => !JSON.stringify(s).includes(CODES[0]!)));
  });
});
