import { css } from 'lit';

/** The factor list; everything else is the login's styles. */
export const settingsStyles = css`
  /* The step-up's screens sit inside this card, not in a card of their own. */
  /* As wide as this card; from this style sheet, as a page's CSP that refuses inline styles allows. */
  mfa-login {
    --mfa-login-max-width: 100%;
  }
  mfa-login::part(base) {
    border: 0;
    padding: 0.5em 0 0;
    background: transparent;
  }
  .factors,
  .totp-apps {
    margin: 0;
    padding: 0;
    list-style: none;
  }
  .factors {
    margin-top: 0.5em;
    container-type: inline-size;
  }
  .factor {
    display: grid;
    grid-template-columns: 1fr auto;
    gap: 0.25em 1em;
    align-items: center;
    padding: 0.75em 0;
  }
  .factor + .factor {
    border-top: 1px solid var(--_border);
  }
  .factor-name {
    font-weight: 600;
  }
  .factor-state {
    grid-column: 1;
    color: var(--_muted);
    font-size: 0.9375em;
  }
  /* A warning is a sentence: it takes the row's full width under the name and button. */
  .warn .factor-state {
    grid-column: 1 / -1;
    color: var(--_warning);
    font-weight: 600;
  }
  .warn .secondary {
    grid-row: 1;
  }
  .warn-sign {
    width: 1em;
    height: 1em;
    margin-inline-end: 0.35em;
    vertical-align: -0.125em;
    fill: currentColor;
  }
  .warn-sign .mark {
    fill: none;
    stroke: var(--_bg);
    stroke-width: 1.75;
    stroke-linecap: round;
  }
  .factor .secondary {
    grid-column: 2;
    grid-row: 1 / span 2;
    min-height: 2.667em;
    padding: 0.533em 1.067em;
    font-size: 0.9375em;
  }
  /*
   * Each app a row: its name, then Rename and Remove together (a .row), beside it when both fit,
   * else on a line under it: the name is never squeezed until its words break.
   */
  .totp-apps {
    grid-column: 1 / -1;
    width: 100%;
  }
  .totp-app {
    display: flex;
    flex-wrap: wrap;
    gap: 0 1em;
    align-items: baseline;
    padding: 0.25em 0;
  }
  /* break-word, not anywhere: the longest word stays the least the name can be given. */
  .totp-app-name {
    flex: 1 1 6em;
    overflow-wrap: break-word;
  }
  .totp-app .row {
    gap: 0 1em;
  }
  /* The new app's name field in the add-app panel, clear of the line under it. */
  .screen > .field {
    margin-bottom: 1em;
  }
  .cancel {
    margin-top: 0.75em;
  }
  /* Above the list, not under it (the login's status line is under its screen). */
  .card > .status:not(:empty) {
    margin: 0 0 0.857em;
  }
  /*
   * Passkeys and trusted devices (set off like the login's other methods), and the step-up's own
   * screens under "Confirm it's you": a heading under the card's.
   */
  .section .title,
  mfa-login::part(title) {
    font-size: 1.125em;
  }
  /* A narrow card (a phone, a zoomed page): each button goes under its factor, never past the edge. */
  @container (width < 24em) {
    .factor {
      display: flex;
      flex-direction: column;
      align-items: start;
    }
  }
`;
