import { deepEqual, equal, match, notOk, ok } from './assert.js';
import { errorReply, FakeServer } from './fake-server.js';
import { $, click, cleanUp, control, field, fill, has, mount, submit, title, until } from './fixture.js';
import { complete, HANDLE, pending } from './states.js';

const PNG = 'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==';

const notEnrolled = () =>
  pending([
    { method: 'totp', enrolled: false, canEnroll: true, attemptsRemaining: 5 },
    { method: 'sms', enrolled: true, canEnroll: true, phone: '+1 ••• ••• 0123' },
  ]);

const enrolling = (qrDataUrl = PNG, otpauthUri = 'otpauth://totp/Demo:alice?secret=JBSWY3DPEHPK3PXP&issuer=Demo') =>
  pending(notEnrolled().step!.options, {
    enrollment: {
      qrSvg: '<svg onload="alert(1)"></svg>',
      qrDataUrl,
      secret: 'JBSWY3DPEHPK3PXPABCD',
      otpauthUri,
    },
  });

/** What the element's live regions say. */
const statuses = (el: HTMLElement) => [...el.shadowRoot!.querySelectorAll('[role="status"]')].map((s) => s.textContent!.trim());

describe('authenticator app enrolment', () => {
  let server: FakeServer;
  let clipboard: string[];
  beforeEach(() => {
    server = new FakeServer().on('/api/v1/flows', { body: notEnrolled() }).install();
    clipboard = [];
    Object.defineProperty(navigator, 'clipboard', {
      configurable: true,
      value: { writeText: async (value: string) => void clipboard.push(value) },
    });
  });
  afterEach(() => {
    cleanUp(server);
    delete (navigator as { clipboard?: unknown }).clipboard;
  });

  it('introduces the set-up and starts it with totp/enroll', async () => {
    server.on('/api/v1/flows/totp/enroll', { body: enrolling() });
    const el = await mount();
    equal(title(el), 'Set up an authenticator app');
    await click(el, 'Set up authenticator app');
    deepEqual(server.last('/api/v1/flows/totp/enroll').body, { flow: HANDLE });
    const img = $<HTMLImageElement>(el, 'img[part="qr"]');
    equal(img.getAttribute('src'), PNG);
    match(img.alt, /QR code/);
  });

  it('never puts the server’s SVG markup into the page', async () => {
    server.on('/api/v1/flows', { body: enrolling() });
    const el = await mount();
    notOk(has(el, 'svg[onload]'), 'server SVG must not be rendered');
    notOk(el.shadowRoot!.innerHTML.includes('onload'));
  });

  it('shows the manual key in groups of four and copies it', async () => {
    server.on('/api/v1/flows', { body: enrolling() });
    const el = await mount();
    equal($(el, '[part="secret"]').textContent, 'JBSW Y3DP EHPK 3PXP ABCD');
    await click(el, 'Copy key');
    deepEqual(clipboard, ['JBSWY3DPEHPK3PXPABCD']);
  });

  it('says "Copied" on the button that copied, and to a screen reader, until the next error', async () => {
    server.on('/api/v1/flows', { body: enrolling() }).on('/api/v1/flows/totp/verify', errorReply(401, 'invalid_code'));
    const el = await mount();
    await click(el, 'Copy key');
    ok(control(el, 'Copied'), 'the button says it, where the user looks');
    ok(statuses(el).includes('Copied.'), 'a live region says it');
    fill(el, 'Code', '000000');
    await submit(el);
    ok(control(el, 'Copy key'), 'an error is the news now');
    notOk(statuses(el).includes('Copied.'));
  });

  it('lets "Copied" go back to "Copy key" after a moment', async () => {
    server.on('/api/v1/flows', { body: enrolling() });
    const el = await mount();
    await click(el, 'Copy key');
    ok(control(el, 'Copied'));
    await until(() => has(el, 'button.secondary') && /Copy key/.test($(el, '.secret-row button').textContent!), 'the label to come back', 3000);
  });

  it('says what to do when the clipboard refuses, beside the button', async () => {
    Object.defineProperty(navigator, 'clipboard', {
      configurable: true,
      value: { writeText: async () => Promise.reject(new DOMException('denied', 'NotAllowedError')) },
    });
    server.on('/api/v1/flows', { body: enrolling() });
    const el = await mount();
    await click(el, 'Copy key');
    match($(el, '.secret-row').textContent, /Could not copy\. Select the text and copy it instead\./);
  });

  it('shows a wrong code’s error under the code field, in view, not above the QR code', async () => {
    server.on('/api/v1/flows', { body: enrolling() }).on('/api/v1/flows/totp/verify', errorReply(401, 'invalid_code', { attemptsRemaining: 2 }));
    const el = await mount();
    // As on a phone: the field at the top of the screen, the QR code scrolled away above it.
    document.body.style.paddingBottom = '200vh';
    try {
      const code = fill(el, 'Code', '000000');
      code.scrollIntoView({ block: 'start' });
      await submit(el);
      const alert = $(el, '[role="alert"]');
      ok(code.compareDocumentPosition(alert) & Node.DOCUMENT_POSITION_FOLLOWING, 'after the field');
      equal(code.getAttribute('aria-invalid'), 'true');
      ok(code.getAttribute('aria-describedby')!.split(' ').includes(alert.id));
      const box = alert.getBoundingClientRect();
      ok(box.top >= 0 && box.bottom <= innerHeight, `in view: ${Math.round(box.top)}–${Math.round(box.bottom)} of ${innerHeight}`);
    } finally {
      document.body.style.paddingBottom = '';
    }
  });

  it('links to the otpauth URI for phones', async () => {
    server.on('/api/v1/flows', { body: enrolling() });
    const el = await mount();
    equal(control(el, 'Open in authenticator app').getAttribute('href'), 'otpauth://totp/Demo:alice?secret=JBSWY3DPEHPK3PXP&issuer=Demo');
  });

  it('drops a QR image or app link that is not what the contract promises', async () => {
    server.on('/api/v1/flows', { body: enrolling('javascript:alert(1)', 'javascript:alert(2)') });
    const el = await mount();
    notOk(has(el, 'img'));
    notOk(has(el, 'a[href^="javascript"]'));
    equal($(el, '[part="secret"]').textContent, 'JBSW Y3DP EHPK 3PXP ABCD');
  });

  it('confirms the enrolment with the first code', async () => {
    server.on('/api/v1/flows', { body: enrolling() }).on('/api/v1/flows/totp/verify', { body: complete() });
    const el = await mount();
    fill(el, 'Code', '654321');
    await submit(el);
    deepEqual(server.last('/api/v1/flows/totp/verify').body, { flow: HANDLE, code: '654321' });
  });

  it('resumes a pending enrolment after a reload', async () => {
    sessionStorage.setItem(`mfa-login:flow:${location.origin}:demo`, HANDLE);
    server.on('/api/v1/flows/introspect', { body: enrolling() });
    const el = await mount();
    ok(has(el, 'img[part="qr"]'));
    equal(server.calls('/api/v1/flows').length, 0);
    ok(field(el, 'Code'));
  });
});
