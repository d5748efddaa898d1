import { html, nothing } from 'lit';
import type { BackupCodeOption } from '../types.js';
import type { ScreenContext } from './context.js';
import { codeField, onSubmit, submitButton, title } from './fields.js';

export interface BackupCodeActions {
  verify(code: string): void;
}

export function backupCodeScreen(ctx: ScreenContext, option: BackupCodeOption, on: BackupCodeActions) {
  const { t } = ctx;
  return html`${title(t.backupCode.title)}
    <p class="hint">${t.backupCode.hint}</p>
    ${option.low ? html`<p part="warning" class="warning">${t.backupCode.fewLeft(option.remaining)}</p>` : nothing}
    <form part="form" class="form" @submit=${onSubmit((data) => on.verify(String(data.get('code') ?? '').trim()))}
      aria-busy=${ctx.busy ? 'true' : 'false'}>
      ${codeField(ctx, { label: t.backupCode.label, kind: 'text' })}
      ${submitButton(ctx, t.code.submit)}
    </form>`;
}
