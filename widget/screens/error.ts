import { html, nothing } from 'lit';
import type { Ending } from '../screen.js';
import type { ScreenContext } from './context.js';
import { title } from './fields.js';

export interface EndedActions {
  restart(): void;
}

/** Endings that say what happened themselves, so the error box would only repeat it. */
export const SELF_EXPLAINED = new Set<Ending>(['expired', 'locked']);

/** A flow that cannot go on: say why and offer a fresh one. */
export function endedScreen(ctx: ScreenContext, ending: Ending, on: EndedActions) {
  const { t } = ctx;
  const texts: Record<Ending, [string, string | undefined]> = {
    expired: [t.ended.expiredTitle, t.ended.expired],
    locked: [t.ended.lockedTitle, t.ended.locked],
    cancelled: [t.ended.cancelledTitle, t.ended.cancelled],
    unsupported: [t.ended.failedTitle, t.ended.unsupported],
    // The error box above already says what went wrong.
    failed: [t.ended.failedTitle, undefined],
  };
  const [heading, text] = texts[ending];
  return html`${title(heading)}
    ${text ? html`<p class="hint">${text}</p>` : nothing}
    ${
      ending === 'failed'
        ? nothing
        : html`<button part="button" class="primary" type="button" ?disabled=${ctx.busy} @click=${on.restart}>
          ${t.ended.startAgain}
        </button>`
    }`;
}
