import type { MfaLogin } from '../../widget/mfa-login.js';
import { type ScreenName, selectScreen } from '../../widget/screen.js';
import type { MfaLoginSettings } from '../../widget/mfa-login-settings.js';
import { deepEqual, equal } from './assert.js';
import { violations } from './axe.js';
import { errorReply, FakeServer, type Route } from './fake-server.js';
import { $, cleanUp, mount, settle, until } from './fixture.js';
import { me, mountSettings, settle as settleSettings, TOKEN, unmountAll } from './settings-fixture.js';
import { complete, inMinutes, inSeconds, passwordStep, pending, secondStep } from './states.js';

const PNG = 'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==';
const ENROLLMENT = { qrSvg: '', qrDataUrl: PNG, secret: 'JBSWY3DPEHPK3PXPABCD', otpauthUri: 'otpauth://totp/Demo:alice?secret=JBSWY3DPEHPK3PXPABCD' };
const CODES = ['abcde-12345', 'fghij-67890', 'klmno-13579'];
const totp = { method: 'totp', enrolled: false, canEnroll: true, attemptsRemaining: 5 } as const;

/** Submits the screen's form with its fields filled, by name: the same in every language. */
async function submitWith(el: MfaLogin, values: Record<string, string>) {
  for (const [name, value] of Object.entries(values)) {
    const input = $<HTMLInputElement>(el, `input[name="${name}"]`);
    input.value = value;
    input.dispatchEvent(new Event('input', { bubbles: true }));
  }
  $<HTMLFormElement>(el, 'form').requestSubmit();
  await settle(el);
}

/** The screen on show (no method picked by hand in these tests). */
const shown = ({ flow }: MfaLogin) => selectScreen({ state: flow.state, error: flow.error, backupCodes: flow.backupCodes }).name;

interface LoginScreen {
  name: string;
  screen: ScreenName;
  routes: Record<string, Route>;
  /** What the user does to get there from the first screen. */
  reach?: (el: MfaLogin) => Promise<void>;
}

const LOGIN: LoginScreen[] = [
  { name: 'password', screen: 'password', routes: { '/api/v1/flows': { body: passwordStep() } } },
  {
    name: 'a wrong password (error box, invalid fields)',
    screen: 'password',
    routes: { '/api/v1/flows': { body: passwordStep() }, '/api/v1/flows/password': errorReply(401, 'invalid_credentials') },
    reach: (el) => submitWith(el, { username: 'alice', password: 'wrong' }),
  },
  {
    name: 'locked after too many attempts',
    screen: 'locked',
    routes: { '/api/v1/flows': { body: passwordStep() }, '/api/v1/flows/password': errorReply(429, 'too_many_attempts') },
    reach: (el) => submitWith(el, { username: 'alice', password: 'wrong' }),
  },
  { name: 'ended (expired flow)', screen: 'expired', routes: { '/api/v1/flows': errorReply(404, 'flow_not_found') } },
  { name: 'totp with the choice of other methods', screen: 'totp', routes: { '/api/v1/flows': { body: secondStep() } } },
  { name: 'totp-enroll intro', screen: 'totp-enroll', routes: { '/api/v1/flows': { body: pending([totp]) } } },
  { name: 'totp-enroll key and QR code', screen: 'totp-enroll', routes: { '/api/v1/flows': { body: pending([totp], { enrollment: ENROLLMENT }) } } },
  {
    name: 'sms, code sent',
    screen: 'sms',
    routes: {
      '/api/v1/flows': {
        body: pending([
          {
            method: 'sms',
            enrolled: true,
            canEnroll: true,
            phone: '+1 ••• ••• 0123',
            sent: true,
            resendAfter: inSeconds(30),
            codeExpiresAt: inMinutes(5),
          },
        ]),
      },
    },
  },
  { name: 'sms, new number', screen: 'sms', routes: { '/api/v1/flows': { body: pending([{ method: 'sms', enrolled: false, canEnroll: true }]) } } },
  { name: 'email', screen: 'email', routes: { '/api/v1/flows': { body: pending([{ method: 'email', email: 'a•••@example.com', sent: false }]) } } },
  { name: 'backup-code', screen: 'backup-code', routes: { '/api/v1/flows': { body: pending([{ method: 'backup_code', remaining: 2 }]) } } },
  {
    name: 'backup-codes',
    screen: 'backup-codes',
    routes: {
      '/api/v1/flows': { body: pending([totp], { enrollment: ENROLLMENT }) },
      '/api/v1/flows/totp/verify': { body: complete({ backupCodes: CODES }) },
    },
    reach: (el) => submitWith(el, { code: '123456' }),
  },
  { name: 'done', screen: 'done', routes: { '/api/v1/flows': { body: complete() } } },
];

const VARIANTS: { name: string; attributes: Record<string, string> }[] = [
  { name: 'light', attributes: { theme: 'light' } },
  { name: 'dark', attributes: { theme: 'dark' } },
  { name: 'Arabic', attributes: { theme: 'light', lang: 'ar' } },
];

/** The card in the language asked for: a language module arrives after the first render. */
async function inLanguage(el: HTMLElement, lang = 'en') {
  await until(() => el.shadowRoot!.querySelector('.card')?.getAttribute('lang') === lang, `the card in ${lang}`, 4000);
}

describe('accessibility checks', () => {
  let server: FakeServer;
  afterEach(() => cleanUp(server));

  it('see into the shadow root: a field without a label and faint text are found', async () => {
    server = new FakeServer().on('/api/v1/flows', { body: passwordStep() }).install();
    const el = await mount({ 'client-id': 'demo', theme: 'light' });
    const screen = $(el, '.screen');
    const field = screen.appendChild(document.createElement('input'));
    const faint = screen.appendChild(document.createElement('p'));
    faint.textContent = 'faint';
    faint.style.color = '#eeeeee';
    const found = (await violations(el)).map((v) => v.split(' ')[0]);
    field.remove();
    faint.remove();
    deepEqual(found, ['color-contrast', 'label']);
  });
});

for (const variant of VARIANTS) {
  describe(`accessibility (axe, WCAG 2.2 AA), ${variant.name}: <mfa-login>`, () => {
    let server: FakeServer;
    afterEach(() => cleanUp(server));

    for (const screen of LOGIN) {
      it(`has no violations on ${screen.name}`, async () => {
        server = new FakeServer();
        for (const [path, route] of Object.entries(screen.routes)) server.on(path, route);
        server.install();
        const el = await mount({ 'client-id': 'demo', ...variant.attributes });
        await inLanguage(el, variant.attributes.lang);
        // The flow starts once the language is in: until then the element only says it is loading.
        await until(() => shown(el) !== 'loading', 'the first screen', 4000);
        await settle(el);
        await screen.reach?.(el);
        await el.updateComplete;
        equal(shown(el), screen.screen, 'the screen under test');
        deepEqual(await violations(el), []);
      });
    }
  });

  describe(`accessibility (axe, WCAG 2.2 AA), ${variant.name}: <mfa-login-settings>`, () => {
    let server: FakeServer;
    beforeEach(() => {
      server = new FakeServer()
        .on('/api/v1/me', { body: me() })
        .on('/api/v1/me/totp/enroll', { body: { enrollment: ENROLLMENT } })
        .on('/api/v1/me/backup-codes', { body: { ...me(), backupCodes: CODES } })
        .on('/api/v1/flows', {
          status: 201,
          body: pending([{ method: 'totp', enrolled: true, canEnroll: false, attemptsRemaining: 5 }], { purpose: 'settings' }),
        })
        .install();
    });
    afterEach(() => {
      unmountAll();
      server.uninstall();
    });

    const open = async (confirmed = true) => {
      const el = await mountSettings({ 'id-token': TOKEN, ...variant.attributes }, { confirmed });
      await inLanguage(el, variant.attributes.lang);
      return el;
    };
    const check = async (el: MfaLoginSettings, panel: MfaLoginSettings['settings']['panel']) => {
      await settleSettings(el);
      equal(el.settings.panel, panel, 'the panel under test');
      deepEqual(await violations(el), []);
    };

    it('has no violations on the list of factors', async () => {
      await check(await open(), 'factors');
    });

    it('has no violations on the phone number panel', async () => {
      const el = await open();
      el.settings.open('phone');
      await check(el, 'phone');
    });

    it('has no violations on the authenticator app panel', async () => {
      const el = await open();
      await el.settings.startTotp();
      await check(el, 'totp');
    });

    it('has no violations on the backup code warning and the new codes', async () => {
      const el = await open();
      el.settings.open('confirm-backup-codes');
      await check(el, 'confirm-backup-codes');
      await el.settings.regenerateBackupCodes();
      await check(el, 'backup-codes');
    });

    it('has no violations on the step-up panel, the login inside it included', async () => {
      const el = await open(false);
      void el.settings.regenerateBackupCodes();
      await until(() => server.calls('/api/v1/flows').length === 1, 'the step-up to start');
      const login = () => el.shadowRoot!.querySelector('mfa-login');
      await until(() => !!login()?.shadowRoot?.querySelector('input[name="code"]'), 'the step-up code field', 4000);
      await check(el, 'step-up');
    });
  });
}
