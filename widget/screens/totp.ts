import { html } from 'lit';
import type { ScreenContext } from './context.js';
import { codeField, codeFrom, onSubmit, submitButton, title } from './fields.js';

export interface TotpActions {
  verify(code: string): void;
}

export function totpForm(ctx: ScreenContext, on: TotpActions) {
  return html`<form part="form" class="form" @submit=${onSubmit((data) => on.verify(codeFrom(data)))}
    aria-busy=${ctx.busy ? 'true' : 'false'}>
    ${codeField(ctx, { label: ctx.t.code.label, kind: 'numeric' })}
    ${submitButton(ctx, ctx.t.code.submit)}
  </form>`;
}

export function totpScreen(ctx: ScreenContext, on: TotpActions) {
  return html`${title(ctx.t.totp.title)}
    <p class="hint">${ctx.t.totp.hint}</p>
    ${totpForm(ctx, on)}`;
}
