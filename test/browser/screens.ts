import type { MfaLogin } from '../../widget/mfa-login.js';
import { type ScreenName, selectScreen } from '../../widget/screen.js';
import type { MfaLoginSettings } from '../../widget/mfa-login-settings.js';
import { equal } from './assert.js';
import { errorReply, FakeServer, type Route } from './fake-server.js';
import { $, mount, settle, until } from './fixture.js';
import { DEVICE, me, mountSettings, settle as settleSettings, TOKEN } from './settings-fixture.js';
import { complete, inMinutes, inSeconds, passwordStep, pending, secondStep, trustOffer } from './states.js';

/** Every screen and panel of both elements, for tests that look at all of them (axe, layout). */

const PNG = 'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==';
export const ENROLLMENT = {
  qrSvg: '',
  qrDataUrl: PNG,
  secret: 'JBSWY3DPEHPK3PXPABCD',
  otpauthUri: 'otpauth://totp/Demo:alice?secret=JBSWY3DPEHPK3PXPABCD',
};
export const CODES = ['abcde-12345', 'fghij-67890', 'klmno-13579'];
const totp = { method: 'totp', enrolled: false, canEnroll: true, attemptsRemaining: 5 } as const;

/** Submits the screen's form with its fields filled, by name: the same in every language. */
export async function submitWith(el: MfaLogin, values: Record<string, string>) {
  for (const [name, value] of Object.entries(values)) {
    const input = $<HTMLInputElement>(el, `input[name="${name}"]`);
    input.value = value;
    input.dispatchEvent(new Event('input', { bubbles: true }));
  }
  $<HTMLFormElement>(el, 'form').requestSubmit();
  await settle(el);
}

/** The screen on show (no method picked by hand in these tests). */
export const shown = ({ flow }: MfaLogin) => selectScreen({ state: flow.state, error: flow.error, backupCodes: flow.backupCodes }).name;

export interface LoginScreen {
  name: string;
  screen: ScreenName;
  routes: Record<string, Route>;
  /** What the user does to get there from the first screen. */
  reach?: (el: MfaLogin) => Promise<void>;
}

/** Every screen of `<mfa-login>`, reached from the replies of a fake server. */
export const LOGIN: LoginScreen[] = [
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
  {
    name: 'the trust-device offer after a login',
    screen: 'done',
    routes: {
      '/api/v1/flows': { body: passwordStep() },
      '/api/v1/flows/password': { body: trustOffer() },
    },
    reach: async (el) => {
      await submitWith(el, { username: 'alice', password: 'secret' });
      // Its chunk and words load on demand; the done screen itself has no submit button.
      await until(() => !!el.shadowRoot!.querySelector('form button.primary[type="submit"]'), 'the trust-device offer', 4000);
    },
  },
];

/** The card in the language asked for: a language module arrives after the first render. */
export async function inLanguage(el: HTMLElement, lang = 'en') {
  await until(() => el.shadowRoot!.querySelector('.card')?.getAttribute('lang') === lang, `the card in ${lang}`, 4000);
}

/** Mounts `<mfa-login>` with `attributes` (theme, lang) and takes it to `screen`; uninstall the server after. */
export async function showLogin(screen: LoginScreen, attributes: Record<string, string>) {
  const server = new FakeServer();
  for (const [path, route] of Object.entries(screen.routes)) server.on(path, route);
  server.install();
  const el = await mount({ 'client-id': 'demo', ...attributes });
  await inLanguage(el, attributes.lang);
  // The flow starts once the language is in: until then the element only says it is loading.
  await until(() => shown(el) !== 'loading', 'the first screen', 4000);
  await settle(el);
  await screen.reach?.(el);
  await el.updateComplete;
  equal(shown(el), screen.screen, 'the screen under test');
  return { el, server };
}

type Panel = MfaLoginSettings['settings']['panel'];

export interface SettingsPanel {
  name: string;
  panel: Panel;
  /** Without a settings grant: the change asks for a step-up first. */
  unconfirmed?: boolean;
  reach?: (el: MfaLoginSettings, server: FakeServer) => Promise<void>;
}

/** Every panel of `<mfa-login-settings>`, opened through its controller (the same in every language). */
export const PANELS: SettingsPanel[] = [
  { name: 'the list of factors', panel: 'factors' },
  { name: 'the phone number panel', panel: 'phone', reach: async (el) => el.settings.open('phone') },
  { name: 'the authenticator app panel', panel: 'totp', reach: (el) => el.settings.startTotp() },
  { name: 'the backup code warning', panel: 'confirm-backup-codes', reach: async (el) => el.settings.open('confirm-backup-codes') },
  { name: 'the new backup codes', panel: 'backup-codes', reach: (el) => el.settings.regenerateBackupCodes() },
  {
    name: 'the step-up panel, the login inside it included',
    panel: 'step-up',
    unconfirmed: true,
    reach: async (el, server) => {
      void el.settings.regenerateBackupCodes();
      await until(() => server.calls('/api/v1/flows').length === 1, 'the step-up to start');
      const login = () => el.shadowRoot!.querySelector('mfa-login');
      await until(() => !!login()?.shadowRoot?.querySelector('input[name="code"]'), 'the step-up code field', 4000);
    },
  },
];

/** Mounts `<mfa-login-settings>` with `attributes` and opens `panel`; uninstall the server after. */
export async function showPanel(panel: SettingsPanel, attributes: Record<string, string>) {
  const server = new FakeServer()
    .on('/api/v1/me', { body: me() })
    // The list of factors with a trusted device, so that its section is looked at too.
    .on('/api/v1/me/devices', { body: { devices: [DEVICE] } })
    .on('/api/v1/me/totp/enroll', { body: { enrollment: ENROLLMENT } })
    .on('/api/v1/me/backup-codes', { body: { ...me(), backupCodes: CODES } })
    .on('/api/v1/flows', {
      status: 201,
      body: pending([{ method: 'totp', enrolled: true, canEnroll: false, attemptsRemaining: 5 }], { purpose: 'settings' }),
    })
    .install();
  const el = await mountSettings({ 'id-token': TOKEN, ...attributes }, { confirmed: !panel.unconfirmed });
  await inLanguage(el, attributes.lang);
  await panel.reach?.(el, server);
  await settleSettings(el);
  equal(el.settings.panel, panel.panel, 'the panel under test');
  return { el, server };
}
