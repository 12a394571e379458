import { css } from 'lit';

/**
 * The same custom properties as the form (one set of overrides themes both), plus a colour per
 * status. Colour is only ever an extra: every status is also written out in its badge.
 */
export const statusStyles = css`
  :host {
    --ss-font: system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif;
    --ss-color-text: #1f2933;
    --ss-color-muted: #52606d;
    --ss-color-background: #ffffff;
    --ss-color-surface: #f5f7fa;
    --ss-color-border: #9aa5b1;
    --ss-color-primary: #1d5fa8;
    --ss-color-on-primary: #ffffff;
    --ss-color-error: #b3261e;
    --ss-color-unavailable: #d9dde3;
    --ss-unavailable-pattern: repeating-linear-gradient(
      135deg,
      transparent 0 6px,
      rgb(0 0 0 / 6%) 6px 8px
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
      --ss-color-primary: #8ab4f8;
      --ss-color-on-primary: #0b1d36;
      --ss-color-error: #f2b8b5;
      --ss-color-unavailable: #3a424b;
      --ss-unavailable-pattern: repeating-linear-gradient(
        135deg,
        transparent 0 6px,
        rgb(255 255 255 / 8%) 6px 8px
      );
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

  /*
   * The form sets its own defaults on its host; from here, ours (and whatever the page set on
   * this element) win, so the dialog matches the list.
   */
  self-schedule-form {
    --ss-font: inherit;
    --ss-color-text: inherit;
    --ss-color-muted: inherit;
    --ss-color-background: inherit;
    --ss-color-surface: inherit;
    --ss-color-border: inherit;
    --ss-color-primary: inherit;
    --ss-color-on-primary: inherit;
    --ss-color-error: inherit;
    --ss-color-unavailable: inherit;
    --ss-unavailable-pattern: inherit;
    --ss-color-focus: inherit;
    --ss-radius: inherit;
  }

  .body {
    background: var(--ss-color-background);
    border-radius: var(--ss-radius);
    padding: 1rem;
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
    margin-top: 1rem;
  }

  h4 {
    font-size: 1rem;
  }

  p {
    margin: 0 0 0.75rem;
  }

  .header {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    justify-content: space-between;
    gap: 0.5rem;
    margin-bottom: 0.5rem;
  }

  .header h2 {
    margin: 0;
  }

  button {
    font: inherit;
    min-height: 2.75rem;
    padding: 0.5rem 1rem;
    border-radius: var(--ss-radius);
    border: 1px solid var(--ss-color-border);
    background: var(--ss-color-surface);
    color: var(--ss-color-text);
    cursor: pointer;
  }

  button[aria-disabled='true'] {
    cursor: progress;
  }

  button.primary {
    background: var(--ss-color-primary);
    border-color: var(--ss-color-primary);
    color: var(--ss-color-on-primary);
    font-weight: 600;
  }

  :focus-visible {
    outline: 3px solid var(--ss-color-focus);
    outline-offset: 2px;
  }

  .actions {
    display: flex;
    flex-wrap: wrap;
    gap: 0.5rem;
    margin-top: 0.75rem;
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

  [part~='notice'] p:last-child,
  [part~='error'] p:last-child {
    margin: 0;
  }

  [part~='list'] {
    list-style: none;
    margin: 0;
    padding: 0;
    display: grid;
    gap: 0.75rem;
  }

  [part~='appointment'] {
    padding: 0.75rem 1rem;
    border: 1px solid var(--ss-color-border);
    border-radius: var(--ss-radius);
    background: var(--ss-color-background);
  }

  [part~='appointment'] h4:focus {
    outline: none;
  }

  [part~='appointment'] h4:focus-visible {
    outline: 3px solid var(--ss-color-focus);
  }

  dl {
    display: grid;
    grid-template-columns: max-content 1fr;
    gap: 0.25rem 1rem;
    margin: 0;
  }

  dt {
    font-weight: 600;
  }

  dd {
    margin: 0;
    white-space: pre-line;
  }

  [part~='status'] {
    display: inline-block;
    padding: 0 0.5rem;
    border: 1px solid currentColor;
    border-radius: 999px;
    font-weight: 600;
  }

  [part~='status-confirmed'] {
    color: var(--ss-color-confirmed);
  }

  [part~='status-unconfirmed'] {
    color: var(--ss-color-unconfirmed);
    border-style: dashed;
  }

  [part~='status-declined'],
  [part~='status-cancelled'] {
    color: var(--ss-color-muted);
  }

  .reason,
  .until {
    color: var(--ss-color-muted);
    margin: 0.5rem 0 0;
  }

  [part~='manage'] {
    margin-top: 0.75rem;
  }

  .manage-actions[hidden] {
    display: none;
  }

  .past-toggle {
    margin-top: 1rem;
  }

  dialog {
    width: min(32rem, 100vw - 1rem);
    padding: 1rem;
    border: none;
    border-radius: var(--ss-radius);
    background: var(--ss-color-background);
    color: var(--ss-color-text);
  }

  dialog::backdrop {
    background: rgb(0 0 0 / 50%);
  }

  dialog h3 {
    margin-top: 0;
  }

  .policy {
    padding: 0.5rem 0.75rem;
    background: var(--ss-color-surface);
    border-radius: var(--ss-radius);
  }
`;
