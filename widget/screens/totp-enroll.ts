import { html, nothing } from 'lit';
import type { TotpEnrollment } from '../types.js';
import type { ScreenContext } from './context.js';
import { type CopyActions, copyButton, title } from './fields.js';
import { totpForm } from './totp.js';

export interface TotpEnrollActions extends CopyActions {
  enroll(): void;
  verify(code: string): void;
}

/** Only a PNG/GIF/JPEG data URL goes into `src`; the SVG string is never put into the DOM. */
function safeQrSrc(url: string | undefined): string | undefined {
  return url && /^data:image\/(png|gif|jpeg);base64,[A-Za-z0-9+/=]+$/.test(url) ? url : undefined;
}

/** A compromised server must not be able to hand out a `javascript:` link. */
function safeOtpauth(uri: string | undefined): string | undefined {
  return uri && /^otpauth:\/\//i.test(uri) ? uri : undefined;
}

export function groupKey(secret: string): string {
  return (
    secret
      .replace(/\s+/g, '')
      .match(/.{1,4}/g)
      ?.join(' ') ?? ''
  );
}

/** Offered only when an authenticator may be set up here: first the intro, then the key; `fields` go above the code. */
export function totpEnrollScreen(ctx: ScreenContext, enrollment: TotpEnrollment | undefined, on: TotpEnrollActions, fields: unknown = nothing) {
  const { t } = ctx;
  if (!enrollment) {
    return html`${title(t.totpEnroll.title)}
      <p class="hint">${t.totpEnroll.intro}</p>
      <button part="button" class="primary" type="button" ?disabled=${ctx.busy} @click=${on.enroll}>
        ${t.totpEnroll.start}
      </button>`;
  }
  const src = safeQrSrc(enrollment.qrDataUrl);
  const uri = safeOtpauth(enrollment.otpauthUri);
  return html`${title(t.totpEnroll.title)}
    ${
      src
        ? html`<p class="hint">${t.totpEnroll.scan}</p>
          <img part="qr" class="qr" src=${src} alt=${t.totpEnroll.qrAlt} width="200" height="200" />`
        : nothing
    }
    <p class="hint">${t.totpEnroll.manual}</p>
    <div class="secret-row">
      <code part="secret" class="secret" dir="ltr">${groupKey(enrollment.secret)}</code>
      ${copyButton(ctx, t.totpEnroll.copyKey, enrollment.secret, on)}
    </div>
    ${uri ? html`<p class="open-in-app"><a part="link" href=${uri}>${t.totpEnroll.openInApp}</a></p>` : nothing}
    ${fields}
    <p class="hint">${t.totpEnroll.confirm}</p>
    ${totpForm(ctx, on)}`;
}
