import { css } from 'lit';

/** Pieces only some screens have: the QR code, key, code list, method list, success mark. */
export const screenStyles = css`
  .qr {
    display: block;
    width: min(200px, 100%);
    height: auto;
    margin: 0 auto 1rem;
    image-rendering: pixelated;
    background: #fff;
    padding: 8px;
    border-radius: calc(var(--_radius) * 0.4);
  }
  .secret-row {
    display: flex;
    flex-wrap: wrap;
    gap: 0.5rem;
    align-items: center;
    margin-bottom: 0.75rem;
  }
  .secret,
  .codes code {
    font-family: ui-monospace, 'SFMono-Regular', Menlo, Consolas, monospace;
    font-size: 1rem;
    letter-spacing: 0.05em;
    overflow-wrap: anywhere;
  }
  .secret {
    flex: 1 1 12rem;
    padding: 0.5rem 0.75rem;
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
    grid-template-columns: repeat(auto-fill, minmax(8.5rem, 1fr));
    gap: 0.4rem 1rem;
    margin: 0 0 1rem;
    padding: 0.75rem 1rem;
    list-style: none;
    border: 1px solid var(--_border);
    border-radius: calc(var(--_radius) * 0.6);
    user-select: all;
  }
  .check {
    display: flex;
    gap: 0.5rem;
    align-items: center;
    margin: 1rem 0;
  }
  .check input {
    width: 1.25rem;
    height: 1.25rem;
    accent-color: var(--_accent);
  }
  .resend {
    margin-top: 0.75rem;
  }
  .methods {
    margin-top: 1.25rem;
    padding-top: 1rem;
    border-top: 1px solid var(--_border);
  }
  .methods-title {
    margin: 0 0 0.25rem;
    font-size: 0.875rem;
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
    margin: 1rem 0 0;
    text-align: center;
  }
  .tick {
    width: 3rem;
    height: 3rem;
    margin-bottom: 0.5rem;
    fill: none;
    stroke: var(--_accent);
    stroke-width: 2.5;
    stroke-linecap: round;
    stroke-linejoin: round;
  }
`;
