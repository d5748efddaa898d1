import { html } from 'lit';
import type { FlowState } from '../types.js';
import type { ScreenContext } from './context.js';
import { title } from './fields.js';

export function doneScreen(ctx: ScreenContext, user: FlowState['user']) {
  const name = user?.displayName || user?.username;
  return html`<div class="done">
    <svg class="tick" viewBox="0 0 24 24" aria-hidden="true"><path d="M5 12.5l4.5 4.5L19 7.5" /></svg>
    ${title(ctx.t.done.title)}
    ${name ? html`<p class="hint">${ctx.t.done.as(name)}</p>` : ''}
  </div>`;
}
