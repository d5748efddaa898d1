import { setViewport } from '@web/test-runner-commands';
import { deepEqual, equal, match, notOk, ok } from './assert.js';
import { errorReply, FakeServer } from './fake-server.js';
import { until } from './fixture.js';
import { $, click, control, enter, factors, field, me, mountSettings, status, TOKEN, text, title, unmountAll } from './settings-fixture.js';
import { inMinutes, inSeconds } from './states.js';

const PNG = 'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==';
const CODES = ['abcde-12345', 'fghij-67890', 'klmno-13579'];

describe('<mfa-login-settings>: changes', () => {
  let server: FakeServer;
  let clipboard: string[];
  beforeEach(() => {
    server = new FakeServer().on('/api/v1/me', { body: me() }).install();
    clipboard = [];
    Object.defineProperty(navigator, 'clipboard', {
      configurable: true,
      value: { writeText: async (value: string) => void clipboard.push(value) },
    });
  });
  afterEach(() => {
    unmountAll();
    server.uninstall();
    delete (navigator as { clipboard?: unknown }).clipboard;
  });

  describe('a new authenticator app', () => {
    beforeEach(() => {
      server.on('/api/v1/me/totp/enroll', {
        body: {
          enrollment: {
            qrSvg: '<svg onload="alert(1)"></svg>',
            qrDataUrl: PNG,
            secret: 'JBSWY3DPEHPK3PXPABCD',
            otpauthUri: 'otpauth://totp/x:alice?secret=JBSWY3DPEHPK3PXPABCD',
          },
        },
      });
    });

    it('shows the QR code and the manual key, then confirms a code', async () => {
      server.on('/api/v1/me/totp/verify', { body: me() });
      const el = await mountSettings();
      await click(el, 'Add another authenticator app');
      deepEqual(server.last('/api/v1/me/totp/enroll').body, {});
      equal($<HTMLImageElement>(el, 'img[part="qr"]').getAttribute('src'), PNG);
      match($<HTMLImageElement>(el, 'img[part="qr"]').alt, /QR code/);
      equal($(el, '[part="secret"]').textContent, 'JBSW Y3DP EHPK 3PXP ABCD');
      notOk(el.shadowRoot!.innerHTML.includes('onload'), 'the server’s SVG is never put in the page');
      equal(el.shadowRoot!.activeElement, $(el, '.title'), 'focus moves to the panel’s heading');
      await click(el, 'Copy key');
      deepEqual(clipboard, ['JBSWY3DPEHPK3PXPABCD']);

      await enter(el, 'Code', '123456');
      deepEqual(server.last('/api/v1/me/totp/verify').body, { code: '123456' });
      equal(title(el), 'Your sign-in methods');
      match(status(el), /authenticator app is added/);
    });

    it('says so above the list it returns to, in view on a phone where the list runs past the screen', async () => {
      await setViewport({ width: 390, height: 640 });
      try {
        server.on('/api/v1/me/totp/verify', { body: me() });
        const el = await mountSettings();
        await click(el, 'Add another authenticator app');
        await enter(el, 'Code', '123456');
        equal(title(el), 'Your sign-in methods');
        const said = $(el, '[part="status"]');
        match(said.textContent!, /authenticator app is added/);
        const heading = $(el, '.title');
        equal(el.shadowRoot!.activeElement, heading, 'focus back on the list’s heading');
        ok(said.getBoundingClientRect().bottom <= heading.getBoundingClientRect().top, 'above the heading');
        ok(said.getBoundingClientRect().bottom <= innerHeight, 'on the screen with it');
        ok(el.getBoundingClientRect().bottom > innerHeight, 'the list itself runs past the screen');
      } finally {
        await setViewport({ width: 800, height: 600 });
      }
    });

    it('sets the new app’s name field clear of the line under it, its text in its own direction', async () => {
      const el = await mountSettings();
      await click(el, 'Add another authenticator app');
      const name = field(el, 'Name of this app');
      const next = name.closest('.field')!.nextElementSibling!;
      ok(
        next.getBoundingClientRect().top - name.getBoundingClientRect().bottom >= 15,
        `${name.getBoundingClientRect().bottom} then ${next.getBoundingClientRect().top}`,
      );
      // A left-to-right name in a right-to-left card starts at its left, where it is read from.
      equal(name.getAttribute('dir'), 'auto');
    });

    it('sends the name typed for the new app with its code, and keeps both after a wrong code', async () => {
      server.on('/api/v1/me/totp/verify', errorReply(401, 'invalid_code', { attemptsRemaining: 4 }));
      const el = await mountSettings();
      await click(el, 'Add another authenticator app');
      const name = field(el, 'Name of this app');
      name.value = 'Tablet';
      name.dispatchEvent(new Event('input', { bubbles: true }));
      await enter(el, 'Code', '123456');
      deepEqual(server.last('/api/v1/me/totp/verify').body, { code: '123456', name: 'Tablet' });
      // Nothing to scan again: the same key, the same name.
      equal($(el, '[part="secret"]').textContent, 'JBSW Y3DP EHPK 3PXP ABCD');
      equal(field(el, 'Name of this app').value, 'Tablet');
      equal(server.calls('/api/v1/me/totp/enroll').length, 1);
    });

    it('marks a wrong code and says how many attempts are left', async () => {
      server.on('/api/v1/me/totp/verify', errorReply(401, 'invalid_code', { attemptsRemaining: 4 }));
      const el = await mountSettings();
      await click(el, 'Add another authenticator app');
      await enter(el, 'Code', '000000');
      const alert = $(el, '[role="alert"]');
      match(alert.textContent, /That code is not right\.\s+4 attempts left\./);
      equal(field(el, 'Code').getAttribute('aria-invalid'), 'true');
      equal(field(el, 'Code').getAttribute('aria-describedby'), alert.id);
      ok($(el, 'img[part="qr"]').compareDocumentPosition(alert) & Node.DOCUMENT_POSITION_FOLLOWING, 'not above the QR code');
      ok(field(el, 'Code').compareDocumentPosition(alert) & Node.DOCUMENT_POSITION_FOLLOWING, 'right under the field');
    });

    it('goes back to the list on Cancel', async () => {
      const el = await mountSettings();
      await click(el, 'Add another authenticator app');
      await click(el, 'Cancel');
      equal(title(el), 'Your sign-in methods');
      equal(server.calls('/api/v1/me/totp/verify').length, 0);
    });
  });

  describe('a new phone number', () => {
    const sent = () => ({
      body: { phone: '+1 ••• ••• 0199', sent: true, resendAfter: inSeconds(30), codeExpiresAt: inMinutes(5), attemptsRemaining: 3 },
    });

    it('asks for the number, texts a code to it and confirms it', async () => {
      server.on('/api/v1/me/phone', sent()).on('/api/v1/me/phone/verify', { body: me({ sms: { phone: '+1 ••• ••• 0199', disabled: false } }) });
      const el = await mountSettings();
      await click(el, 'Change phone number');
      equal(el.shadowRoot!.activeElement, $(el, '.title'), 'focus moves to the panel’s heading');
      equal(field(el, 'Mobile number').type, 'tel');
      await enter(el, 'Mobile number', '+1 201 555 0199');
      deepEqual(server.last('/api/v1/me/phone').body, { phone: '+1 201 555 0199' });
      match(text(el), /We sent a code to \+1\u00a0•••\u00a0•••\u00a00199/);
      match(text(el), /You can ask for a new code in \d+\u00a0s/);
      equal(el.shadowRoot!.activeElement, field(el, 'Code'), 'the next step on the same panel: its code field');

      await enter(el, 'Code', '654321');
      deepEqual(server.last('/api/v1/me/phone/verify').body, { code: '654321' });
      ok(factors(el).includes('Text message (SMS): +1\u00a0•••\u00a0•••\u00a00199'));
      match(status(el), /phone number is changed/);
    });

    it('is titled and worded as a change of number', async () => {
      const el = await mountSettings();
      await click(el, 'Change phone number');
      equal(title(el), 'Change your phone number');
      match(text(el), /We will text a code to the new number\./);
      notOk(/Verify with a text message|Add a mobile number/.test(text(el)), 'not the sign-in’s wording');
    });

    it('is titled as adding a number when there is none', async () => {
      server.on('/api/v1/me', { body: me({ sms: { phone: null, disabled: false } }) });
      const el = await mountSettings();
      await click(el, 'Add phone number');
      equal(title(el), 'Add a phone number');
    });

    it('shows a refused number under its field, in the element’s words', async () => {
      server.on(
        '/api/v1/me/phone',
        errorReply(400, 'invalid_request', {
          message: 'That phone number is not valid.',
          issues: [{ path: 'phone', code: 'invalid_format', message: 'Invalid phone' }],
        }),
      );
      const el = await mountSettings();
      await click(el, 'Change phone number');
      await enter(el, 'Mobile number', '+1 555');
      const alert = $(el, '[role="alert"]');
      equal(alert.textContent!.replace(/\s+/g, ' ').trim(), 'Please check what you entered. Mobile number: Not in the right format.');
      const phone = field(el, 'Mobile number');
      equal(phone.getAttribute('aria-invalid'), 'true');
      ok(phone.getAttribute('aria-describedby')!.split(' ').includes(alert.id));
      ok(phone.compareDocumentPosition(alert) & Node.DOCUMENT_POSITION_FOLLOWING, 'under the field');
      equal(el.shadowRoot!.activeElement, phone, 'the number is selected for a retry');
    });

    it('after too many wrong codes, drops the dead code field and holds "Send a new code" until the wait is over', async () => {
      server
        .on('/api/v1/me/phone', { body: { ...sent().body, resendAfter: inSeconds(20) } })
        .on('/api/v1/me/phone/verify', errorReply(429, 'too_many_attempts'));
      const el = await mountSettings();
      await click(el, 'Change phone number');
      await enter(el, 'Mobile number', '+12015550199');
      await enter(el, 'Code', '000000');
      match($(el, '[role="alert"]').textContent, /Too many wrong attempts/);
      notOk(el.shadowRoot!.querySelector('input'), 'no field for a code that can only be refused');
      ok(control(el, 'Send a new code').disabled);
      match(text(el), /You can ask for a new code in (19|20)\u00a0s\./);
    });

    it('resends to the number typed', async () => {
      server.on('/api/v1/me/phone', { body: { ...sent().body, resendAfter: inSeconds(-1) } });
      const el = await mountSettings();
      await click(el, 'Change phone number');
      await enter(el, 'Mobile number', '+12015550199');
      await click(el, 'Resend code');
      deepEqual(
        server.calls('/api/v1/me/phone').map((r) => r.body),
        [{ phone: '+12015550199' }, { phone: '+12015550199' }],
      );
    });

    it('shows why a number is refused, with the wait in words', async () => {
      server.on(
        '/api/v1/me/phone',
        errorReply(429, 'rate_limited', { retryAfter: 1813, message: 'Too many codes were sent. Please try again later.' }),
      );
      const el = await mountSettings();
      await click(el, 'Change phone number');
      await enter(el, 'Mobile number', '+12015550199');
      match($(el, '[role="alert"]').textContent, /Too many requests\. Try again in about 31\u00a0minutes\./);
    });
  });

  describe('new backup codes', () => {
    beforeEach(() => {
      server.on('/api/v1/me/backup-codes', { body: { ...me({ backupCodes: { remaining: 3 } }), backupCodes: CODES } });
    });

    async function makeCodes() {
      const el = await mountSettings();
      await click(el, 'Make new backup codes');
      match(text(el), /old ones stop working/);
      equal(server.calls('/api/v1/me/backup-codes').length, 0, 'nothing happens before the warning is confirmed');
      await click(el, 'Make new backup codes');
      return el;
    }

    it('shows the new codes once, with copy and a .txt download', async () => {
      const el = await makeCodes();
      equal(title(el), 'Save your backup codes');
      deepEqual(
        [...el.shadowRoot!.querySelectorAll('[part="codes"] li')].map((li) => li.textContent),
        CODES,
      );
      await click(el, 'Copy all');
      deepEqual(clipboard, [CODES.join('\n')]);
      const link = control(el, 'Download .txt') as unknown as HTMLAnchorElement;
      match(link.download, /\.txt$/);
      const body = await (await server.fetch(link.href)).text();
      for (const code of CODES) ok(body.includes(code), `download holds ${code}`);
      match(body, new RegExp(`^Backup codes for alice on ${location.host}\n`), 'names the account and the site');
    });

    it('goes back to the list only once the user says the codes are saved, and forgets them', async () => {
      const el = await makeCodes();
      const proceed = control(el, 'Continue');
      equal(proceed.disabled, true);
      $<HTMLInputElement>(el, '#saved').click();
      await el.updateComplete;
      equal(proceed.disabled, false);
      await click(el, 'Continue');
      ok(factors(el).includes('Backup code: 3 codes left'));
      match(status(el), /new backup codes are ready/);
      notOk(el.shadowRoot!.innerHTML.includes(CODES[0]!), 'the codes are not kept on screen');
      equal(el.settings.backupCodes, undefined);
    });

    it('can be called off at the warning', async () => {
      const el = await mountSettings();
      await click(el, 'Make new backup codes');
      await click(el, 'Cancel');
      equal(title(el), 'Your sign-in methods');
      equal(server.calls('/api/v1/me/backup-codes').length, 0);
    });
  });

  describe('several authenticator apps', () => {
    const apps = [
      { id: 'a-1', name: 'Phone', createdAt: '2026-11-01T10:00:00.000Z', lastUsedAt: null },
      { id: 'a-2', name: 'YubiKey', createdAt: '2026-11-02T10:00:00.000Z', lastUsedAt: null },
    ];
    const appRows = (el: HTMLElement) => [...el.shadowRoot!.querySelectorAll('[part="totp-apps"] li')] as HTMLElement[];
    const rowButton = (row: HTMLElement, label: string) => [...row.querySelectorAll('button')].find((b) => b.textContent!.trim() === label);

    it('lists each app by name with Rename and Remove; the last one has no Remove', async () => {
      server.on('/api/v1/me', { body: me({ totp: { enrolled: true, authenticators: apps } }) });
      const el = await mountSettings();
      deepEqual(
        appRows(el).map((r) => r.querySelector('.totp-app-name')!.textContent),
        ['Phone', 'YubiKey'],
      );
      ok(rowButton(appRows(el)[1]!, 'Remove'));
      server.on('/api/v1/me', { body: me({ totp: { enrolled: true, authenticators: [apps[1]!] } }) });
      const one = await mountSettings();
      ok(rowButton(appRows(one)[0]!, 'Rename'));
      notOk(rowButton(appRows(one)[0]!, 'Remove'), 'the last app cannot be removed');
    });

    it('removes an app after saying which one stops working', async () => {
      server.on('/api/v1/me', { body: me({ totp: { enrolled: true, authenticators: apps } }) });
      server.on('/api/v1/me/totp/remove', { body: me({ totp: { enrolled: true, authenticators: [apps[1]!] } }) });
      const el = await mountSettings();
      rowButton(appRows(el)[0]!, 'Remove')!.click();
      await el.updateComplete;
      equal(title(el), 'Remove “Phone”?', 'the heading names the app');
      match(text(el), /Codes from “Phone” will stop working at once/);
      await click(el, 'Remove');
      deepEqual(server.last('/api/v1/me/totp/remove').body, { id: 'a-1' });
      equal(title(el), 'Your sign-in methods');
      deepEqual(
        appRows(el).map((r) => r.querySelector('.totp-app-name')!.textContent),
        ['YubiKey'],
      );
      match(status(el), /authenticator apps are updated/);
    });

    describe('on a phone', () => {
      const long = { ...apps[1]!, name: 'YubiKey 5C NFC on the key ring by the door' };
      const withApps = () => server.on('/api/v1/me', { body: me({ totp: { enrolled: true, authenticators: [apps[0]!, long] } }) });
      const box = (e: Element) => e.getBoundingClientRect();
      /** Rename and Remove, in that order, in any language. */
      const links = (row: HTMLElement) => [...row.querySelectorAll('button')].map(box);
      const lineHeight = (e: Element) => parseFloat(getComputedStyle(e).lineHeight);
      afterEach(() => setViewport({ width: 800, height: 600 }));
      /** The settings in `lang` on a 320 px phone, the card `width` px wide. */
      const narrowIn = async (lang: string, width: number) => {
        await setViewport({ width: 320, height: 640 });
        const el = await mountSettings({ 'id-token': TOKEN, lang });
        el.style.width = `${width}px`;
        await until(() => title(el) !== 'Your sign-in methods', `the strings in ${lang}`);
        await el.updateComplete;
        return el;
      };

      it('sets each app on a row: no bullet or indent, its name beside Rename and Remove, a long name wrapped there', async () => {
        await setViewport({ width: 390, height: 640 });
        withApps();
        const el = await mountSettings();
        const list = $(el, '[part="totp-apps"]');
        equal(getComputedStyle(list).listStyleType, 'none');
        equal(parseFloat(getComputedStyle(list).paddingInlineStart), 0);
        // Flush with the factor's name above it, not indented.
        equal(Math.round(box(list).left), Math.round(box($(el, '#totp-name')).left));
        for (const row of appRows(el)) {
          const name = box(row.querySelector('.totp-app-name')!);
          const [rename, remove] = links(row);
          ok(rename!.left >= name.right && remove!.left >= rename!.right, `${name.right}, ${rename!.left}–${rename!.right}, ${remove!.left}`);
          // On the name's first line, never under it.
          ok(rename!.top < name.top + lineHeight(row) && remove!.top === rename!.top, `name from ${name.top}, links at ${rename!.top}`);
          ok(remove!.right <= box(list).right + 0.5, 'within the card');
        }
        const longName = appRows(el)[1]!.querySelector('.totp-app-name')!;
        ok(box(longName).height >= 2 * lineHeight(longName), 'the long name wraps beside the links');
      });

      it('never breaks a one-word name to fit Rename beside it', async () => {
        server.on('/api/v1/me', { body: me({ totp: { enrolled: true, authenticators: [{ ...apps[0]!, name: 'Authenticator' }] } }) });
        // The card on the demo page at 320 px.
        const el = await narrowIn('ar', 244);
        const name = appRows(el)[0]!.querySelector('.totp-app-name')!;
        ok(box(name).height < 1.5 * lineHeight(name), `${box(name).height} against a line of ${lineHeight(name)}`);
        const [rename] = links(appRows(el)[0]!);
        ok(rename!.right <= box(name).left + 0.5 || rename!.top >= box(name).bottom - 1, 'beside it or under it, not over it');
      });

      it('keeps an app’s links together, apart from the next app, when they go one under the other', async () => {
        withApps();
        const el = await narrowIn('de', 210);
        const [first, second] = appRows(el);
        const [rename, remove] = links(first!);
        ok(remove!.top >= rename!.bottom - 1, 'Entfernen under Umbenennen at this width');
        const nextName = box(second!.querySelector('.totp-app-name')!);
        ok(remove!.top - rename!.bottom < nextName.top - remove!.bottom, `${rename!.bottom} → ${remove!.top}, then the next app at ${nextName.top}`);
      });

      it('puts the links under a name they do not fit beside, rather than break its words; in Arabic the name starts the row', async () => {
        withApps();
        // As narrow as on the demo page at 340 px, inside its own margins.
        const el = await narrowIn('ar', 266);
        const list = $(el, '[part="totp-apps"]');
        for (const row of appRows(el)) {
          const nameEl = row.querySelector('.totp-app-name')!;
          const [rename, remove] = links(row);
          equal(rename!.top, remove!.top, 'Rename and Remove on one line');
          ok(rename!.left >= box(list).left - 0.5 && remove!.right <= box(list).right + 0.5, 'within the card');
          ok(rename!.top >= box(nameEl).bottom - 1, `under the name (${box(nameEl).bottom}, ${rename!.top})`);
          // The name's text sits at the row's start: its right edge in a right-to-left card.
          const text = box(nameEl.querySelector('bdi')!);
          ok(Math.abs(text.right - box(list).right) < 1, `${text.right} against ${box(list).right}`);
        }
        // One word, one line: the name was not squeezed until it broke.
        const word = appRows(el)[0]!.querySelector('.totp-app-name')!;
        ok(box(word).height < 1.5 * lineHeight(word), `${box(word).height} against a line of ${lineHeight(word)}`);
      });
    });

    it('renames an app', async () => {
      server.on('/api/v1/me', { body: me({ totp: { enrolled: true, authenticators: apps } }) });
      server.on('/api/v1/me/totp/rename', { body: me({ totp: { enrolled: true, authenticators: [apps[0]!, { ...apps[1]!, name: 'Key' }] } }) });
      const el = await mountSettings();
      rowButton(appRows(el)[1]!, 'Rename')!.click();
      await el.updateComplete;
      equal(field(el, 'Name of this app').value, 'YubiKey');
      await enter(el, 'Name of this app', 'Key');
      deepEqual(server.last('/api/v1/me/totp/rename').body, { id: 'a-2', name: 'Key' });
      deepEqual(
        appRows(el).map((r) => r.querySelector('.totp-app-name')!.textContent),
        ['Phone', 'Key'],
      );
    });
  });
});
