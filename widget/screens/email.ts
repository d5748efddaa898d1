import { html } from 'lit';
import type { EmailOption } from '../types.js';
import type { ScreenContext } from './context.js';
import { type DeliveryActions, deliveredCodeForm, isDead, sendButton } from './delivery.js';
import { ltr, title } from './fields.js';

export function emailScreen(ctx: ScreenContext, option: EmailOption, on: DeliveryActions, resent = false) {
  const { t } = ctx;
  if (option.sent) {
    return html`${title(t.email.title)}
      <p class="hint">${option.email ? t.email.sentTo(ltr(ctx, option.email)) : t.email.sentToYourAddress}</p>
      ${deliveredCodeForm(ctx, option, on, resent)}`;
  }
  if (isDead(option)) {
    return html`${title(t.email.title)}
      <p class="hint">${t.delivery.dead}</p>
      ${sendButton(ctx, t.sendNewCode, option, on.send)}`;
  }
  return html`${title(t.email.title)}
    <p class="hint">${option.email ? t.email.sendTo(ltr(ctx, option.email)) : t.email.sendToYourAddress}</p>
    ${sendButton(ctx, t.email.send, option, on.send)}`;
}
