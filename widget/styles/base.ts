import { css } from 'lit';

/**
 * The card, type, fields and buttons; every colour and size goes through a custom property.
 * Sizes are in `em` of the element's own font size, never the page's `rem`.
 */
export const baseStyles = css`
  :host {
    /* No inherited text style of the page (text-transform, letter-spacing, text-align, …) gets in. */
    all: initial;
    /* Hidden with its container. */
    visibility: inherit;
    direction: ltr;
    display: block;
    box-sizing: border-box;
    max-width: var(--mfa-login-max-width, 26em);
    font-family: var(--mfa-login-font, system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif);
    font-size: var(--mfa-login-font-size, 16px);
    line-height: 1.45;
    color: var(--_text);
    /* Light or dark as the system prefers, unless the theme attribute says which. */
    color-scheme: light dark;
    --_accent: var(--mfa-login-accent, light-dark(#2557d6, #8fb0ff));
    --_accent-text: var(--mfa-login-accent-contrast, light-dark(#fff, #0b1220));
    --_radius: var(--mfa-login-radius, 10px);
    --_text: var(--mfa-login-text, light-dark(#1d2330, #e6e9ef));
    --_muted: var(--mfa-login-muted, light-dark(#5b6475, #a7b0c0));
    --_bg: var(--mfa-login-background, light-dark(#fff, #161b24));
    --_border: var(--mfa-login-border, light-dark(#d4d9e2, #3a4252));
    /* Fields and their outlines are controls: 3:1 against the background (WCAG 1.4.11). */
    --_field-border: var(--mfa-login-field-border, light-dark(#7b8494, #8590a3));
    --_error: var(--mfa-login-error, light-dark(#b42318, #ff8a80));
    --_warning: var(--mfa-login-warning, light-dark(#8a5a00, #f5c04d));
  }
  :host([theme='light']) {
    color-scheme: light;
  }
  :host([theme='dark']) {
    color-scheme: dark;
  }
  :host(:state(rtl)) {
    direction: rtl;
  }
  :host([hidden]) {
    display: none;
  }
  *,
  *::before,
  *::after {
    box-sizing: inherit;
  }
  /* Japanese lines break between phrases, not before a heading's last character. */
  .card:lang(ja) {
    word-break: auto-phrase;
  }
  .card {
    background: var(--_bg);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    padding: 1.25em 1em;
  }
  @media (min-width: 480px) {
    .card {
      padding: 1.75em 2em;
    }
  }
  .header {
    display: flex;
    flex-wrap: wrap;
    justify-content: space-between;
    gap: 0.286em 1.143em;
    font-size: 0.875em;
    color: var(--_muted);
    margin-bottom: 0.857em;
  }
  .header p {
    margin: 0;
  }
  /* A long compound ("Anmeldemethoden") breaks rather than run past the card. */
  .title {
    font-size: 1.25em;
    line-height: 1.3;
    margin: 0 0 0.4em;
    outline: none;
    overflow-wrap: break-word;
    hyphens: auto;
  }
  .hint,
  .note {
    margin: 0 0 1em;
    color: var(--_muted);
  }
  .note {
    font-size: 0.875em;
    margin: 0.286em 0 0;
  }
  .form {
    display: grid;
    gap: 1em;
  }
  .field {
    display: grid;
    gap: 0.35em;
  }
  label {
    font-weight: 600;
    font-size: 0.9375em;
  }
  input[type='text'],
  input[type='password'],
  input[type='tel'] {
    width: 100%;
    min-height: 2.75em;
    padding: 0.5em 0.75em;
    font: inherit;
    color: inherit;
    background: var(--_bg);
    border: 1px solid var(--_field-border);
    border-radius: calc(var(--_radius) * 0.6);
  }
  /* Bigger type, the same box: padding and height in this font's em. */
  input.code {
    min-height: 2em;
    padding: 0.364em 0.545em;
    font-size: 1.375em;
    letter-spacing: 0.2em;
    font-variant-numeric: tabular-nums;
  }
  input.code.text {
    min-height: 2.444em;
    padding: 0.444em 0.667em;
    font-size: 1.125em;
    letter-spacing: 0.05em;
  }
  /* Solid accent, clear of the control: 3:1 against the background like the accent itself. */
  input:focus-visible,
  button:focus-visible,
  a:focus-visible {
    outline: 2px solid var(--_accent);
    outline-offset: 2px;
  }
  input[aria-invalid='true'] {
    border-color: var(--_error);
  }
  button {
    font: inherit;
    cursor: pointer;
  }
  .primary,
  .secondary {
    display: inline-flex;
    align-items: center;
    justify-content: center;
    min-height: 2.75em;
    padding: 0.5em 1em;
    border-radius: calc(var(--_radius) * 0.6);
    font-weight: 600;
    text-decoration: none;
  }
  .primary {
    width: 100%;
    border: 0;
    background: var(--_accent);
    color: var(--_accent-text);
  }
  .secondary {
    border: 1px solid var(--_field-border);
    background: var(--_bg);
    color: var(--_text);
  }
  button:disabled {
    opacity: 0.55;
    cursor: not-allowed;
  }
  /* A link that wraps reads from the line's start, not centred as a button's text is. */
  .link {
    text-align: start;
    padding: 0.25em 0;
    border: 0;
    background: none;
    color: var(--_accent);
    text-decoration: underline;
    text-underline-offset: 0.15em;
  }
  a {
    color: var(--_accent);
  }
  .row {
    display: flex;
    flex-wrap: wrap;
    gap: 0.5em;
    align-items: center;
  }
  .error {
    margin: 0 0 1em;
    padding: 0.75em;
    border-inline-start: 4px solid var(--_error);
    border-radius: calc(var(--_radius) * 0.4);
    background: color-mix(in srgb, var(--_error) 8%, var(--_bg));
    color: var(--_error);
  }
  .error p,
  .error ul {
    margin: 0;
  }
  /* Under the field it is about. */
  .field .error {
    margin: 0.25em 0 0;
  }
  .copy-failed {
    flex-basis: 100%;
    margin: 0;
  }
  /* Heard, not seen: what it says is shown beside the control it is about. */
  .sr-only {
    position: absolute;
    width: 1px;
    height: 1px;
    margin: -1px;
    padding: 0;
    overflow: hidden;
    clip-path: inset(50%);
    white-space: nowrap;
    border: 0;
  }
  .warning {
    margin: 0 0 1em;
    color: var(--_warning);
    font-weight: 600;
  }
  /* Kept in the layout while empty: a live region that appears later may not be announced. */
  .status:empty {
    margin: 0;
  }
  .status {
    margin: 0.857em 0 0;
    font-size: 0.875em;
    color: var(--_muted);
  }
  .footer {
    margin-top: 1.143em;
    font-size: 0.875em;
  }
`;
