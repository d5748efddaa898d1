import { equal, match, notOk, ok } from './assert.js';
import { FakeServer } from './fake-server.js';
import { cleanUp, headings, until } from './fixture.js';
import { click, control, DEVICE, enter, me, mountSettings, status, TOKEN, unmountAll } from './settings-fixture.js';

const DROPPED = 'The devices you trusted will ask for your second factor again.';
const ENROLLMENT = {
  enrollment: {
    qrSvg: '<svg></svg>',
    qrDataUrl: 'data:image/png;base64,AA==',
    secret: 'JBSWY3DPEHPK3PXP',
    otpauthUri: 'otpauth://totp/x:alice?secret=JBSWY3DPEHPK3PXP',
  },
};

/** The trusted devices' section, or null. */
const devicesSection = (el: Element) =>
  [...el.shadowRoot!.querySelectorAll('section')].find((s) => s.querySelector('.title')?.textContent?.trim() === 'Trusted devices') ?? null;

/** A change the server answers by no longer trusting any device: the section says so instead of just going. */
describe('<mfa-login-settings> trusted devices after a change', () => {
  let server: FakeServer | undefined;
  afterEach(() => {
    cleanUp(server);
    unmountAll();
  });

  /** Settings listing DEVICE until the next read of the devices, which answers `after`. */
  async function withDevice(after: unknown[]) {
    server = new FakeServer()
      .on('/api/v1/me', { body: me() })
      .on('/api/v1/me/devices', { body: { devices: [DEVICE] } }, { body: { devices: after } })
      .on('/api/v1/me/totp/enroll', { body: ENROLLMENT })
      .on('/api/v1/me/totp/verify', { body: me() })
      .install();
    const el = await mountSettings({ 'id-token': TOKEN });
    await until(() => headings(el).includes('Trusted devices'), `the devices section (now ${headings(el).join(' | ')})`, 4000);
    return el;
  }

  it('keeps the section after a new authenticator app, saying the devices will ask for the second factor again', async () => {
    const el = await withDevice([]);
    await click(el, 'Add another authenticator app');
    await enter(el, 'Code', '123456');
    match(status(el), /authenticator app is added/);
    await until(() => devicesSection(el)?.textContent?.includes(DROPPED) ?? false, 'the note where the devices were', 4000);
    const section = devicesSection(el)!;
    notOk(section.textContent!.includes(DEVICE.name), 'the device is no longer listed');
    equal(section.querySelectorAll('button').length, 0, 'nothing left to revoke');
    equal(section.querySelector('.hint')!.getAttribute('role'), 'status', 'announced, as the change’s own line is');

    // The next panel opened ends what the change said: the section goes with the list it stood for.
    await click(el, 'Change phone number');
    await click(el, 'Cancel');
    equal(devicesSection(el), null);
  });

  it('says nothing more after the user stops trusting the last device: the status line says it', async () => {
    const el = await withDevice([DEVICE]);
    server!.on('/api/v1/me/devices/revoke', { body: { devices: [] } });
    await click(el, 'Stop trusting');
    match(status(el), /That device will ask for your second factor again/);
    await el.updateComplete;
    equal(devicesSection(el), null);
  });

  it('says the devices, not "that device", will ask again after the user stops trusting all of them at once', async () => {
    server = new FakeServer()
      .on('/api/v1/me', { body: me() })
      .on('/api/v1/me/devices', { body: { devices: [DEVICE, { ...DEVICE, id: 'd-2', name: 'Firefox on Android' }] } })
      .on('/api/v1/me/devices/revoke-all', { body: { devices: [] } })
      .install();
    const el = await mountSettings({ 'id-token': TOKEN });
    await until(() => headings(el).includes('Trusted devices'), 'the devices section', 4000);
    await click(el, 'Stop trusting all devices');
    equal(status(el), DROPPED);
    await el.updateComplete;
    equal(devicesSection(el), null, 'the status line says it: no section repeats it');
  });

  it('lists the devices still trusted after a change that kept them', async () => {
    const el = await withDevice([DEVICE]);
    await click(el, 'Add another authenticator app');
    await enter(el, 'Code', '123456');
    await until(() => server!.calls('/api/v1/me/devices').length >= 2, 'the devices read again');
    await el.updateComplete;
    const section = devicesSection(el)!;
    ok(section.textContent!.includes(DEVICE.name));
    notOk(section.textContent!.includes(DROPPED));
    ok(control(el, 'Stop trusting'));
  });
});
