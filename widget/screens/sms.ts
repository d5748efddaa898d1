import { html } from 'lit';
import type { SmsOption } from '../types.js';
import type { ScreenContext } from './context.js';
import { type DeliveryActions, deliveredCodeForm, isSent, sendButton } from './delivery.js';
import { onSubmit, submitButton, title } from './fields.js';

export interface SmsActions extends DeliveryActions {
  enroll(phone: string): void;
}

/** A masked number should not break across lines on a narrow phone. */
const unbroken = (phone: string) => phone.replace(/ /g, '\u00a0');

export function smsScreen(ctx: ScreenContext, option: SmsOption, on: SmsActions) {
  const { t } = ctx;
  const phone = option.phone && unbroken(option.phone);
  if (isSent(option)) {
    return html`${title(t.sms.title)}
      <p class="hint">${phone ? t.sms.sentTo(phone) : t.sms.sentToYourPhone}</p>
      ${deliveredCodeForm(ctx, option, on)}`;
  }
  if (option.enrolled === false && option.canEnroll) {
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
  if (option.enrolled === false) {
    return html`${title(t.sms.title)}<p class="hint">${t.sms.notRegistered}</p>`;
  }
  return html`${title(t.sms.title)}
    <p class="hint">${phone ? t.sms.sendTo(phone) : t.sms.sendToYourPhone}</p>
    ${sendButton(ctx, t.sms.send, on.send)}`;
}

