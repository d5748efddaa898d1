import { deepEqual, equal, match, notOk, ok } from './assert.js';
import { FakeServer } from './fake-server.js';
import { $, click, cleanUp, control, field, fill, has, mount, submit, title } from './fixture.js';
import { complete, HANDLE, pending } from './states.js';

const PNG = 'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==';

const notEnrolled = () =>
  pending([
    { method: 'totp', enrolled: false, canEnroll: true },
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
    match($(el, '[role="status"]').textContent, /Copied/);
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
