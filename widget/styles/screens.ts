import { css } from 'lit';

/** Pieces only some screens have: the QR code, key, code list, method list, success mark. */
export const screenStyles = css`
  .qr {
    display: block;
    width: min(200px, 100%);
    height: auto;
    margin: 0 auto 1em;
    image-rendering: pixelated;
    background: #fff;
    padding: 8px;
    border-radius: calc(var(--_radius) * 0.4);
  }
  .secret-row {
    display: flex;
    flex-wrap: wrap;
    gap: 0.5em;
    align-items: center;
    margin-bottom: 0.75em;
  }
  .secret,
  .codes code {
    font-family: ui-monospace, 'SFMono-Regular', Menlo, Consolas, monospace;
    font-size: 1em;
    letter-spacing: 0.05em;
    overflow-wrap: anywhere;
  }
  .secret {
    flex: 1 1 12em;
    padding: 0.5em 0.75em;
    border: 1px dashed var(--_border);
    border-radius: calc(var(--_radius) * 0.4);
    user-select: all;
  }
  @media (hover: hover) and (pointer: fine) {
    .open-in-app {
      display: none;
    }
  }
  .codes {
    display: grid;
    grid-template-columns: repeat(auto-fill, minmax(8.5em, 1fr));
    gap: 0.4em 1em;
    margin: 0 0 1em;
    padding: 0.75em 1em;
    list-style: none;
    border: 1px solid var(--_border);
    border-radius: calc(var(--_radius) * 0.6);
    user-select: all;
  }
  .check {
    display: flex;
    gap: 0.5em;
    align-items: center;
    margin: 1em 0;
  }
  /* Square and its size in the element's font (an input's own is smaller), however long its label. */
  .check input {
    flex: none;
    font: inherit;
    width: 1.25em;
    height: 1.25em;
    accent-color: var(--_accent);
  }
  .resend {
    margin-top: 0.75em;
  }
  /* The other methods under a step; in the settings, the passkeys' and trusted devices' sections. */
  .methods,
  .section {
    margin-top: 1.25em;
    padding-top: 1em;
    border-top: 1px solid var(--_border);
  }
  .methods-title {
    margin: 0 0 0.286em;
    font-size: 0.875em;
    color: var(--_muted);
  }
  .methods ul {
    margin: 0;
    padding: 0;
    list-style: none;
  }
  .done {
    text-align: center;
  }
  .few-codes .warning {
    margin: 1em 0 0;
    text-align: center;
  }
  .tick {
    width: 3em;
    height: 3em;
    margin-bottom: 0.5em;
    fill: none;
    stroke: var(--_accent);
    stroke-width: 2.5;
    stroke-linecap: round;
    stroke-linejoin: round;
  }
`;
