import type { MfaLogin } from '../../widget/mfa-login.js';
import { equal, notOk, ok } from './assert.js';
import { FakeServer } from './fake-server.js';
import { $, cleanUp, control, fill, headings, mount, submit, until } from './fixture.js';
import { DEVICE, me, mountSettings, PASSKEY, TOKEN, unmountAll } from './settings-fixture.js';
import { passwordStep, pending, trustOffer } from './states.js';

/** The words of passkeys and trusted devices come with the chunks that show them, in the element's language. */

/** A step with a passkey alone: its screen shows at once. */
const passkeyStep = () => pending([{ method: 'passkey', discoverable: false, attemptsRemaining: 5 }]);

const heading = (el: HTMLElement) => el.shadowRoot!.querySelector('.title')?.textContent?.trim();

async function untilTitle(el: HTMLElement, wanted: string) {
  await until(() => heading(el) === wanted, `the title “${wanted}” (now “${heading(el)}”)`, 4000);
}

describe('passkeys and trusted devices in the element’s language', () => {
  let server: FakeServer;
  afterEach(() => {
    cleanUp(server);
    unmountAll();
  });

  it('shows the passkey screen in German, never in English for a moment', async () => {
    server = new FakeServer().on('/api/v1/flows', { body: passkeyStep() }).install();
    const el = await mount({ 'client-id': 'demo', lang: 'de' });
    const seen: string[] = [];
    const observer = new MutationObserver(() => seen.push(el.shadowRoot!.querySelector('.screen')?.textContent ?? ''));
    observer.observe(el.shadowRoot!, { subtree: true, childList: true, characterData: true });
    await untilTitle(el, 'Mit Passkey anmelden');
    observer.disconnect();
    ok(control(el, 'Passkey verwenden'));
    notOk(
      seen.some((text) => /Sign in with a passkey|Use a passkey/.test(text)),
      seen.join(' | '),
    );
  });

  it('offers to trust the device in German, with the client’s days', async () => {
    server = new FakeServer().on('/api/v1/flows', { body: passwordStep() }).on('/api/v1/flows/password', { body: trustOffer() }).install();
    const el: MfaLogin = await mount({ 'client-id': 'demo', lang: 'de' });
    await untilTitle(el, 'Anmelden');
    fill(el, 'Benutzername', 'alice');
    fill(el, 'Passwort', 'secret');
    await submit(el);
    await untilTitle(el, 'Diesem Gerät 30\u00a0Tage lang vertrauen?');
    ok(control(el, 'Diesem Gerät vertrauen'));
    ok(control(el, 'Jetzt nicht'));
  });

  it('lets the page’s i18n win over the language’s words', async () => {
    server = new FakeServer().on('/api/v1/flows', { body: passkeyStep() }).install();
    const el = document.createElement('mfa-login');
    el.i18n = { de: { passkey: { title: 'Mit Ihrem Passkey bei Beispiel anmelden' } } };
    el.setAttribute('client-id', 'demo');
    el.lang = 'de';
    document.body.append(el);
    try {
      await untilTitle(el, 'Mit Ihrem Passkey bei Beispiel anmelden');
      // The rest still from the German module.
      ok(control(el, 'Passkey verwenden'));
    } finally {
      el.remove();
    }
  });

  it('lays the passkey screen out right to left in Arabic', async () => {
    server = new FakeServer().on('/api/v1/flows', { body: passkeyStep() }).install();
    const el = await mount({ 'client-id': 'demo', lang: 'ar' });
    await untilTitle(el, 'تسجيل الدخول باستخدام مفتاح مرور');
    equal($(el, '.card').getAttribute('dir'), 'rtl');
  });

  it('shows the settings’ passkeys and trusted devices in French', async () => {
    server = new FakeServer()
      .on('/api/v1/me', { body: me({ passkeys: [PASSKEY] }) })
      .on('/api/v1/me/devices', {
        body: { devices: [{ ...DEVICE, lastUsedAt: DEVICE.createdAt }] },
      })
      .install();
    const el = await mountSettings({ 'id-token': TOKEN, lang: 'fr' });
    await until(() => headings(el).includes('Appareils de confiance'), `the French devices section (now ${headings(el).join(' | ')})`, 4000);
    ok(headings(el).includes('Clés d’accès'));
    const card = el.shadowRoot!.querySelector('.card')!.textContent!;
    ok(card.includes('Créée le 1 nov. 2026, pas encore utilisée'), card);
    ok(card.includes('Approuvé le 1 nov. 2026, dernière utilisation le 1 nov. 2026'), card);
    notOk(/Trusted|Passkeys|Created/.test(card), card);
    el.i18n = { fr: { settings: { devicesTitle: 'Vos navigateurs de confiance' } } };
    await until(() => headings(el).includes('Vos navigateurs de confiance'), 'the page’s own title', 4000);
  });
});
