import { html } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import type { ScreenContext } from './context.js';
import { onSubmit, submitButton, title } from './fields.js';

export interface PasswordActions {
  submit(username: string, password: string): void;
}

/** `webauthn`: the step offers a passkey too, which the browser may list under the username field (conditional UI). */
export function passwordScreen(ctx: ScreenContext, loginHint: string | undefined, on: PasswordActions, webauthn: boolean) {
  const { t } = ctx;
  const submit = onSubmit((data) => on.submit(String(data.get('username') ?? '').trim(), String(data.get('password') ?? '')));
  return html`${title(t.password.title)}
    <form part="form" class="form" @submit=${submit} aria-busy=${ctx.busy ? 'true' : 'false'}>
      <div class="field">
        <label part="label" for="username">${t.password.username}</label>
        <input part="input" id="username" name="username" type="text" required autocomplete="username${webauthn ? ' webauthn' : ''}"
          autocapitalize="none" spellcheck="false" value=${ifDefined(loginHint)}
          aria-invalid=${ctx.invalid('username', false) ? 'true' : 'false'} aria-describedby=${ifDefined(ctx.errorId)} />
      </div>
      <div class="field">
        <label part="label" for="password">${t.password.password}</label>
        <input part="input" id="password" name="password" type="password" required autocomplete="current-password"
          aria-invalid=${ctx.invalid('password') ? 'true' : 'false'} aria-describedby=${ifDefined(ctx.errorId)} />
        ${ctx.errorBox()}
      </div>
      ${submitButton(ctx, t.password.submit)}
    </form>`;
}
