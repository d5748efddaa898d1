import { html, nothing, type TemplateResult } from 'lit';
import { ltr, title } from '../screens/fields.js';
import { unbroken } from '../text.js';
import { type TotpAppActions, totpAppsList } from './totp-apps.js';
import type { Me, SettingsContext } from './types.js';

export interface FactorsActions extends TotpAppActions {
  startTotp(): void;
  changePhone(): void;
  newBackupCodes(): void;
}

/** Codes left at or below which the row warns, as the server's `backupCodesLow` does. */
const FEW_CODES = 2;

/** `warn`: the state needs acting on; shown by words, weight and a sign as well as colour. */
function factor(id: string, name: string, state: string, action: TemplateResult | typeof nothing = nothing, warn = false) {
  return html`<li class=${warn ? 'factor warn' : 'factor'}>
    <span class="factor-name" id=${`${id}-name`}>${name}</span>
    <span part=${warn ? 'warning' : nothing} class="factor-state" id=${`${id}-state`}>${
      warn
        ? html`<svg class="warn-sign" viewBox="0 0 16 16" aria-hidden="true"><path d="M8 1.5 15 14.5H1Z" /><path class="mark" d="M8 6v4M8 11.75v.5" /></svg>`
        : nothing
    }${state}</span>
    ${action}
  </li>`;
}

/** A button whose accessible description is its factor's state, e.g. "2 codes left". */
function action(ctx: SettingsContext, id: string, label: string, run: () => void) {
  return html`<button part="secondary-button" class="secondary" type="button" aria-describedby=${`${id}-name ${id}-state`}
    ?disabled=${ctx.busy} @click=${run}>${label}</button>`;
}

/** The user's factors, each with what can be done about it. */
export function factorsScreen(ctx: SettingsContext, me: Me, on: FactorsActions) {
  const { t } = ctx;
  const s = t.settings;
  const { totp, sms, email, backupCodes } = me.factors;
  return html`${title(s.title)}
    <ul part="factors" class="factors">
      ${factor('password', t.methods.password, s.isSet)}
      ${factor(
        'totp',
        t.methods.totp,
        totp.enrolled ? s.totpEnrolled : s.totpNotEnrolled,
        html`${action(ctx, 'totp', totp.enrolled ? s.addAnotherTotp : s.addTotp, on.startTotp)}${totpAppsList(ctx, totp.authenticators, on)}`,
      )}
      ${factor(
        'sms',
        t.methods.sms,
        sms.disabled ? s.smsDisabled : sms.phone ? ltr(ctx, unbroken(sms.phone)) : s.noPhone,
        sms.disabled ? nothing : action(ctx, 'sms', sms.phone ? s.changePhone : s.addPhone, on.changePhone),
      )}
      ${factor('email', t.methods.email, email.address ? ltr(ctx, email.address) : s.noEmail)}
      ${factor(
        'backup-codes',
        t.methods.backup_code,
        backupCodes.remaining <= FEW_CODES ? s.fewCodesLeft(backupCodes.remaining) : s.codesLeft(backupCodes.remaining),
        action(ctx, 'backup-codes', s.newCodes, on.newBackupCodes),
        backupCodes.remaining <= FEW_CODES,
      )}
    </ul>`;
}

/** New codes kill the old ones at once: say so before making them. */
export function confirmBackupCodesScreen(ctx: SettingsContext, on: { confirm(): void }) {
  const s = ctx.t.settings;
  return html`${title(s.newCodes)}
    <p class="hint">${s.newCodesWarning}</p>
    <button part="button" class="primary" type="button" ?disabled=${ctx.busy} @click=${on.confirm}>${s.newCodes}</button>`;
}
