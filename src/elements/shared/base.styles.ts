import { css } from 'lit';

/**
 * What every element shares: the custom properties that theme them all (one set of overrides on
 * the page styles every element, and a nested form inherits them), the dark defaults, and the
 * controls, focus ring and live regions, headings and details lists (whose columns end in
 * minmax(0, …): a long word wraps instead of widening the page on a phone, WCAG 1.4.10). Each
 * element adds its own sheet after this one.
 */
export const baseStyles = css`
  :host {
    --ss-font: system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif;
    --ss-color-text: #1f2933;
    --ss-color-muted: #52606d;
    --ss-color-background: #ffffff;
    --ss-color-surface: #f5f7fa;
    --ss-color-border: #9aa5b1;
    /* Borders that show where a control is: 3:1 against the background (WCAG 1.4.11). */
    --ss-color-control-border: #7b8794;
    --ss-color-primary: #1d5fa8;
    --ss-color-on-primary: #ffffff;
    --ss-color-error: #b3261e;
    --ss-color-unavailable: #d9dde3;
    /* The hatching is what sets greyed-out time apart at 3:1 (WCAG 1.4.11); the fill alone is 1.4:1. */
    --ss-color-unavailable-hatch: #7b8794;
    --ss-unavailable-pattern: repeating-linear-gradient(
      135deg,
      transparent 0 6px,
      var(--ss-color-unavailable-hatch) 6px 7.5px,
      transparent 7.5px 8px
    );
    --ss-color-focus: #1d5fa8;
    --ss-color-confirmed: #1e6b34;
    --ss-color-unconfirmed: #8a4b00;
    --ss-radius: 8px;

    display: block;
    font-family: var(--ss-font);
    color: var(--ss-color-text);
    line-height: 1.5;
    color-scheme: light;
  }

  @media (prefers-color-scheme: dark) {
    :host {
      --ss-color-text: #e4e7eb;
      --ss-color-muted: #b8c2cc;
      --ss-color-background: #15191e;
      --ss-color-surface: #1f262e;
      --ss-color-border: #7b8794;
      --ss-color-control-border: #7b8794;
      --ss-color-primary: #8ab4f8;
      --ss-color-on-primary: #0b1d36;
      --ss-color-error: #f2b8b5;
      --ss-color-unavailable: #3a424b;
      /* The pattern declared above draws with this hatch. */
      --ss-color-unavailable-hatch: #7b8794;
      --ss-color-focus: #8ab4f8;
      --ss-color-confirmed: #8fd19e;
      --ss-color-unconfirmed: #f5c46b;
      color-scheme: dark;
    }
  }

  :host([hidden]) {
    display: none;
  }

  * {
    box-sizing: border-box;
  }

  p {
    margin: 0 0 0.75rem;
  }

  button {
    font: inherit;
    min-height: 2.75rem;
    border-radius: var(--ss-radius);
    padding: 0.5rem 1rem;
    border: 1px solid var(--ss-color-control-border);
    background: var(--ss-color-surface);
    color: var(--ss-color-text);
    cursor: pointer;
  }

  a.button {
    display: inline-flex;
    align-items: center;
    min-height: 2.75rem;
    padding: 0.5rem 1rem;
    border-radius: var(--ss-radius);
    text-decoration: none;
  }

  button[disabled] {
    cursor: not-allowed;
    opacity: 0.6;
  }

  button.primary,
  a.button.primary {
    background: var(--ss-color-primary);
    border-color: var(--ss-color-primary);
    color: var(--ss-color-on-primary);
    font-weight: 600;
  }

  :focus-visible {
    outline: 3px solid var(--ss-color-focus);
    outline-offset: 2px;
  }

  h2,
  h3,
  h4 {
    margin: 0 0 0.5rem;
    line-height: 1.25;
  }

  h2 {
    font-size: 1.375rem;
  }

  h3 {
    font-size: 1.125rem;
  }

  dl {
    display: grid;
    grid-template-columns: max-content minmax(0, 1fr);
    gap: 0.25rem 1rem;
    margin: 0;
  }

  dt {
    font-weight: 600;
  }

  dd {
    margin: 0;
    white-space: pre-line;
    overflow-wrap: anywhere;
  }

  .actions {
    display: flex;
    flex-wrap: wrap;
    gap: 0.5rem;
    margin-top: 1rem;
  }

  [part~='error'] {
    color: var(--ss-color-error);
    font-weight: 600;
  }

  /* The live regions stay in the page (so changes are announced) but take no room when empty. */
  [part~='error'].shown,
  [part~='notice'].shown {
    margin: 0 0 1rem;
    padding: 0.75rem;
    border-radius: var(--ss-radius);
    border: 1px solid currentColor;
  }

  [part~='notice'] {
    color: var(--ss-color-text);
  }

  .visually-hidden {
    position: absolute;
    width: 1px;
    height: 1px;
    margin: -1px;
    overflow: hidden;
    clip: rect(0 0 0 0);
    white-space: nowrap;
  }

  dialog::backdrop {
    background: rgb(0 0 0 / 50%);
  }

  [part~='notice'] p:last-child,
  [part~='error'] p:last-child {
    margin: 0;
  }
`;
