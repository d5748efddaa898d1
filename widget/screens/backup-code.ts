import { html, nothing } from 'lit';
import type { BackupCodeOption } from '../types.js';
import type { ScreenContext } from './context.js';
import { codeField, onSubmit, submitButton, title } from './fields.js';

export interface BackupCodeActions {
  verify(code: string): void;
}

/** From two left on, the user should hear it before being locked out. */
const FEW_LEFT = 2;

export function backupCodeScreen(ctx: ScreenContext, option: BackupCodeOption, on: BackupCodeActions) {
  const { t } = ctx;
  const remaining = option.remaining;
  return html`${title(t.backupCode.title)}
    <p class="hint">${t.backupCode.hint}</p>
    ${remaining !== undefined && remaining <= FEW_LEFT
      ? html`<p part="warning" class="warning">${t.backupCode.fewLeft(remaining)}</p>`
      : nothing}
    <form part="form" class="form" @submit=${onSubmit((data) => on.verify(String(data.get('code') ?? '').trim()))}
      aria-busy=${ctx.busy ? 'true' : 'false'}>
      ${codeField(ctx, { label: t.backupCode.label, kind: 'text' })}
      ${submitButton(ctx, t.code.submit)}
    </form>`;
}
