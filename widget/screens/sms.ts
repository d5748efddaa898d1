import { html } from 'lit';
import type { SmsOption } from '../types.js';
import type { ScreenContext } from './context.js';
import { type DeliveryActions, deliveredCodeForm, sendButton } from './delivery.js';
import { onSubmit, submitButton, title, unbroken } from './fields.js';

export interface SmsActions extends DeliveryActions {
  enroll(phone: string): void;
}

export function smsScreen(ctx: ScreenContext, option: SmsOption, on: SmsActions) {
  const { t } = ctx;
  const phone = option.phone && unbroken(option.phone);
  if (option.sent) {
    return html`${title(t.sms.title)}
      <p class="hint">${phone ? t.sms.sentTo(phone) : t.sms.sentToYourPhone}</p>
      ${deliveredCodeForm(ctx, option, on)}`;
  }
  // Offered without a phone only when one may be added here.
  if (!option.enrolled) {
    return html`${title(t.sms.title)}
      <p class="hint">${t.sms.enrollIntro}</p>
      <form part="form" class="form" @submit=${onSubmit((data) => on.enroll(String(data.get('phone') ?? '').trim()))}
        aria-busy=${ctx.busy ? 'true' : 'false'}>
        <div class="field">
          <label part="label" for="phone">${t.sms.phone}</label>
          <input part="input" id="phone" name="phone" type="tel" required autocomplete="tel"
            aria-invalid=${ctx.invalid ? 'true' : 'false'}
            aria-describedby=${ctx.errorId ? `phone-hint ${ctx.errorId}` : 'phone-hint'} />
          <p class="note" id="phone-hint">${t.sms.phoneHint}</p>
        </div>
        ${submitButton(ctx, t.sms.enrollSubmit)}
      </form>`;
  }
  return html`${title(t.sms.title)}
    <p class="hint">${phone ? t.sms.sendTo(phone) : t.sms.sendToYourPhone}</p>
    ${sendButton(ctx, t.sms.send, on.send)}`;
}

