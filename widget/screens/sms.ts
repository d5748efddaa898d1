import { html } from 'lit';
import type { SmsOption } from '../types.js';
import type { ScreenContext } from './context.js';
import { type DeliveryActions, deliveredCodeForm, isDead, sendButton } from './delivery.js';
import { keepNumbers, unbroken } from '../text.js';
import { ltr, onSubmit, submitButton, title } from './fields.js';

export interface SmsActions extends DeliveryActions {
  enroll(phone: string): void;
}

export interface SmsView {
  /** Own wording for another use of the screen (the settings' phone change). */
  title?: string;
  intro?: string;
  /** The code on screen replaced an earlier one. */
  resent?: boolean;
}

export function smsScreen(ctx: ScreenContext, option: SmsOption, on: SmsActions, view: SmsView = {}) {
  const { t } = ctx;
  const phone = option.phone && ltr(ctx, unbroken(option.phone));
  const heading = title(view.title ?? t.sms.title);
  if (option.sent) {
    return html`${heading}
      <p class="hint">${phone ? t.sms.sentTo(phone) : t.sms.sentToYourPhone}</p>
      ${deliveredCodeForm(ctx, option, on, view.resent)}`;
  }
  if (isDead(option)) {
    return html`${heading}
      <p class="hint">${t.delivery.dead}</p>
      ${sendButton(ctx, t.sendNewCode, option, on.send)}`;
  }
  // Offered without a phone only when one may be added here.
  if (!option.enrolled) {
    return html`${heading}
      <p class="hint">${view.intro ?? t.sms.enrollIntro}</p>
      <form part="form" class="form" @submit=${onSubmit((data) => on.enroll(String(data.get('phone') ?? '').trim()))}
        aria-busy=${ctx.busy ? 'true' : 'false'}>
        <div class="field">
          <label part="label" for="phone">${t.sms.phone}</label>
          <input part="input" id="phone" name="phone" type="tel" dir="ltr" required autocomplete="tel"
            aria-invalid=${ctx.invalid('phone') ? 'true' : 'false'}
            aria-describedby=${ctx.errorId ? `phone-hint ${ctx.errorId}` : 'phone-hint'} />
          <p class="note" id="phone-hint">${keepNumbers(t.sms.phoneHint)}</p>
          ${ctx.errorBox()}
        </div>
        ${submitButton(ctx, t.sms.enrollSubmit)}
      </form>`;
  }
  return html`${heading}
    <p class="hint">${phone ? t.sms.sendTo(phone) : t.sms.sendToYourPhone}</p>
    ${sendButton(ctx, t.sms.send, option, on.send)}`;
}
