import { css } from 'lit';

/**
 * The inbox on the shared custom properties (one set of overrides themes every element, the dark
 * scheme included), plus one of its own for conflicts. A conflict is never told by colour alone:
 * its reasons are written out, under a "cannot be confirmed" line, beside a bar and a mark.
 */
export const requestsStyles = css`
  :host {
    --ss-color-conflict: var(--ss-color-error);
  }

  h2:focus,
  [part~='request'] h3:focus {
    outline: none;
  }

  h2:focus-visible,
  [part~='request'] h3:focus-visible {
    outline: 3px solid var(--ss-color-focus);
  }

  [part~='request'] {
    padding: 0.75rem 1rem;
    border: 1px solid var(--ss-color-border);
    border-radius: var(--ss-radius);
    background: var(--ss-color-background);
  }

  [part~='request'].has-conflicts {
    border-left: 6px solid var(--ss-color-conflict);
  }

  [part~='conflicts'] {
    margin-top: 0.75rem;
    padding: 0.5rem 0.75rem;
    border: 1px solid var(--ss-color-conflict);
    border-radius: var(--ss-radius);
    background: var(--ss-color-surface);
  }

  [part~='conflicts'] p {
    margin: 0;
  }

  [part~='conflicts'] .conflicts-title {
    color: var(--ss-color-conflict);
    font-weight: 600;
  }

  .mark {
    display: inline-block;
    width: 1.25em;
    height: 1.25em;
    margin-right: 0.25rem;
    border-radius: 50%;
    background: var(--ss-color-conflict);
    color: var(--ss-color-background);
    text-align: center;
    line-height: 1.25em;
    font-weight: 700;
  }

  [part~='conflicts'] ul {
    margin: 0.25rem 0;
    padding-left: 1.25rem;
  }

  [part~='actions'] {
    margin-top: 0.75rem;
  }

  [part~='decline'] {
    margin-top: 0.75rem;
    padding: 0.75rem;
    border: 1px solid var(--ss-color-border);
    border-radius: var(--ss-radius);
    background: var(--ss-color-surface);
  }

  [part~='decline'] label,
  [part~='sign-in'] label {
    display: block;
    font-weight: 600;
  }

  textarea {
    font: inherit;
    display: block;
    width: 100%;
    min-height: 5rem;
    padding: 0.5rem;
    color: var(--ss-color-text);
    background: var(--ss-color-background);
    border: 1px solid var(--ss-color-control-border);
    border-radius: var(--ss-radius);
    resize: vertical;
  }

  textarea[aria-invalid='true'] {
    border: 2px solid var(--ss-color-error);
  }

  .hint,
  .count,
  .requested {
    color: var(--ss-color-muted);
  }

  .hint,
  .count {
    margin: 0.25rem 0;
  }

  .field-error {
    color: var(--ss-color-error);
    font-weight: 600;
    margin: 0.25rem 0 0;
  }

  [part~='sign-in'] .field {
    margin-bottom: 0.75rem;
  }

  .staff-only {
    font-weight: 600;
  }

  @media (prefers-reduced-motion: no-preference) {
    [part~='request'] {
      transition: border-color 0.2s ease;
    }
  }
`;
