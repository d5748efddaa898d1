import { css } from 'lit';

/** The card, type, fields and buttons; every colour and size goes through a custom property. */
export const baseStyles = css`
  :host {
    --_accent: var(--mfa-login-accent, #2557d6);
    --_accent-text: var(--mfa-login-accent-contrast, #fff);
    --_radius: var(--mfa-login-radius, 10px);
    --_text: var(--mfa-login-text, #1d2330);
    --_muted: var(--mfa-login-muted, #5b6475);
    --_bg: var(--mfa-login-background, #fff);
    --_border: var(--mfa-login-border, #d4d9e2);
    /* Fields and their outlines are controls: 3:1 against the background (WCAG 1.4.11). */
    --_field-border: var(--mfa-login-field-border, #7b8494);
    --_error: var(--mfa-login-error, #b42318);
    --_warning: var(--mfa-login-warning, #8a5a00);
    display: block;
    box-sizing: border-box;
    max-width: var(--mfa-login-max-width, 26rem);
    font-family: var(--mfa-login-font, system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif);
    font-size: 1rem;
    line-height: 1.45;
    color: var(--_text);
  }
  :host([hidden]) {
    display: none;
  }
  *,
  *::before,
  *::after {
    box-sizing: inherit;
  }
  .card {
    background: var(--_bg);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    padding: 1.25rem 1rem;
  }
  @media (min-width: 480px) {
    .card {
      padding: 1.75rem 2rem;
    }
  }
  .header {
    display: flex;
    flex-wrap: wrap;
    justify-content: space-between;
    gap: 0.25rem 1rem;
    font-size: 0.875rem;
    color: var(--_muted);
    margin-bottom: 0.75rem;
  }
  .header p {
    margin: 0;
  }
  .title {
    font-size: 1.25rem;
    line-height: 1.3;
    margin: 0 0 0.5rem;
    outline: none;
  }
  .hint,
  .note {
    margin: 0 0 1rem;
    color: var(--_muted);
  }
  .note {
    font-size: 0.875rem;
    margin: 0.25rem 0 0;
  }
  .form {
    display: grid;
    gap: 1rem;
  }
  .field {
    display: grid;
    gap: 0.35rem;
  }
  label {
    font-weight: 600;
    font-size: 0.9375rem;
  }
  input[type='text'],
  input[type='password'],
  input[type='tel'] {
    width: 100%;
    min-height: 2.75rem;
    padding: 0.5rem 0.75rem;
    font: inherit;
    color: inherit;
    background: var(--_bg);
    border: 1px solid var(--_field-border);
    border-radius: calc(var(--_radius) * 0.6);
  }
  input.code {
    font-size: 1.375rem;
    letter-spacing: 0.2em;
    font-variant-numeric: tabular-nums;
  }
  input.code.text {
    font-size: 1.125rem;
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
    min-height: 2.75rem;
    padding: 0.5rem 1rem;
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
  .link {
    padding: 0.25rem 0;
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
    gap: 0.5rem;
    align-items: center;
  }
  .error {
    margin: 0 0 1rem;
    padding: 0.75rem;
    border-left: 4px solid var(--_error);
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
    margin: 0.25rem 0 0;
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
    margin: 0 0 1rem;
    color: var(--_warning);
    font-weight: 600;
  }
  /* Kept in the layout while empty: a live region that appears later may not be announced. */
  .status:empty {
    margin: 0;
  }
  .status {
    margin: 0.75rem 0 0;
    font-size: 0.875rem;
    color: var(--_muted);
  }
  .footer {
    margin-top: 1rem;
    font-size: 0.875rem;
  }
`;
