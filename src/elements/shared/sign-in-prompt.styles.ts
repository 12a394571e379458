import { css } from 'lit';

/**
 * The sign-in prompt, on the shared custom properties (so it follows the page's theme and the
 * dark scheme with the rest), with a field as tall as the buttons (over 24 px). Focus, the
 * heading's included, is drawn by the shared `:focus-visible` ring, only when it helps.
 */
export const signInPromptStyles = css`
  [part~='sign-in'] {
    margin: 0 0 1rem;
    padding: 1rem;
    border: 1px solid var(--ss-color-border);
    border-radius: var(--ss-radius);
    background: var(--ss-color-background);
  }

  [part~='sign-in'] h3 {
    margin: 0 0 0.5rem;
    font-size: 1.125rem;
  }

  [part~='sign-in'] label {
    display: block;
    font-weight: 600;
  }

  [part~='sign-in'] input {
    font: inherit;
    width: 100%;
    max-width: 28rem;
    min-height: 2.75rem;
    padding: 0.5rem;
    color: var(--ss-color-text);
    background: var(--ss-color-background);
    border: 1px solid var(--ss-color-control-border);
    border-radius: var(--ss-radius);
  }

  [part~='sign-in'] [aria-invalid='true'] {
    border: 2px solid var(--ss-color-error);
  }
`;
