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
`;
