import { html, nothing } from 'lit';
import type { FlowOption, Method } from '../types.js';
import type { ScreenContext } from './context.js';

export interface ChooseActions {
  choose(method: Method): void;
}

/** The other ways to satisfy the current step, in the server's order. */
export function chooseMethod(ctx: ScreenContext, alternatives: FlowOption[], on: ChooseActions) {
  if (!alternatives.length) return nothing;
  const { t } = ctx;
  return html`<nav part="methods" class="methods" aria-labelledby="other-methods">
    <p id="other-methods" class="methods-title">${t.useAnotherMethod}</p>
    <ul>
      ${alternatives.map(
        (option) => html`<li>
          <button part="link-button" class="link" type="button" data-method=${option.method}
            @click=${() => on.choose(option.method)}>
            ${t.methods[option.method] ?? option.method}
          </button>
        </li>`,
      )}
    </ul>
  </nav>`;
}
