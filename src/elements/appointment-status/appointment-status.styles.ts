import { css } from 'lit';

/**
 * The same custom properties as the form (one set of overrides themes both), plus a colour per
 * status. Colour is only ever an extra: every status is also written out in its badge.
 */
export const statusStyles = css`
  h3 {
    margin-top: 1rem;
  }

  h4 {
    font-size: 1rem;
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

  dialog h3 {
    margin-top: 0;
  }

  .policy {
    padding: 0.5rem 0.75rem;
    background: var(--ss-color-surface);
    border-radius: var(--ss-radius);
  }
`;
