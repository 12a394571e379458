import { css } from 'lit';

/**
 * The form's own layout, on top of the shared `baseStyles` (custom properties, dark scheme,
 * controls). FullCalendar's classic theme reads its `--fc-classic-*` colours from ours.
 *
 * Why-comments stand here, not in the CSS: the build does not minify css`` text, so a comment
 * inside it is shipped. The review's `dl` columns end in minmax(0, …): a long word wraps instead
 * of widening the page on a phone (WCAG 1.4.10).
 */
export const formStyles = css`
  [part~='form'] {
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
  }

  h4 {
    font-size: 1rem;
    margin-top: 0.75rem;
  }

  .hint {
    color: var(--ss-color-muted);
    font-size: 0.875rem;
  }

  [part~='field'] {
    display: grid;
    gap: 0.25rem;
    margin-bottom: 1rem;
  }

  label {
    font-weight: 600;
  }

  select,
  button {
    font: inherit;
    min-height: 2.75rem;
    border-radius: var(--ss-radius);
  }

  select {
    width: 100%;
    padding: 0.5rem;
    color: var(--ss-color-text);
    background: var(--ss-color-background);
    border: 1px solid var(--ss-color-control-border);
  }

  [part~='notice'] p:last-child {
    margin: 0;
  }

  .choice-summary {
    margin: 0 0 1rem;
    padding: 0.5rem 0.75rem;
    background: var(--ss-color-surface);
    border-radius: var(--ss-radius);
  }

  dl {
    display: grid;
    grid-template-columns: max-content minmax(0, 1fr);
    gap: 0.25rem 1rem;
    margin: 0 0 1rem;
  }

  dt {
    font-weight: 600;
  }

  dd {
    margin: 0;
    white-space: pre-line;
    overflow-wrap: anywhere;
  }

  .toolbar {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 0.5rem;
    margin-bottom: 0.75rem;
  }

  .toolbar .range {
    font-weight: 600;
    flex: 1 1 auto;
  }

  .zone {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 0.5rem;
    margin-bottom: 0.75rem;
  }

  .zone select {
    width: auto;
    max-width: 100%;
  }

  .availability {
    display: grid;
    gap: 1rem;
    grid-template-columns: minmax(0, 1fr);
  }

  @media (min-width: 960px) {
    .availability {
      grid-template-columns: minmax(0, 3fr) minmax(14rem, 1fr);
    }
  }

  [part~='calendar'] {
    min-height: 4rem;
    --fc-classic-background: var(--ss-color-background);
    --fc-classic-foreground: var(--ss-color-text);
    --fc-classic-border: var(--ss-color-border);
    --fc-classic-strong-border: var(--ss-color-border);
    --fc-classic-muted-foreground: var(--ss-color-muted);
    --fc-classic-faint-foreground: var(--ss-color-muted);
    --fc-classic-faint: transparent;
    --fc-classic-muted: var(--ss-color-surface);
    --fc-classic-strong: var(--ss-color-surface);
    --fc-classic-primary: var(--ss-color-primary);
    --fc-classic-primary-foreground: var(--ss-color-on-primary);
    --fc-classic-event: var(--ss-color-primary);
    --fc-classic-event-contrast: var(--ss-color-on-primary);
    --fc-classic-highlight: color-mix(in srgb, var(--ss-color-primary) 20%, transparent);
    --fc-classic-today: transparent;
    --fc-classic-now: var(--ss-color-error);
    --fc-classic-button: var(--ss-color-surface);
    --fc-classic-button-border: var(--ss-color-control-border);
    --fc-classic-button-foreground: var(--ss-color-text);
    --fc-classic-background-event: var(--ss-color-unavailable);
    --fc-classic-background-event-opacity: 100%;
    --fc-classic-background-event-foreground-opacity: 100%;
  }

  [part~='calendar'] .unavailable {
    background-color: var(--ss-color-unavailable);
    background-image: var(--ss-unavailable-pattern);
  }

  [part~='slots'] ul {
    list-style: none;
    margin: 0;
    padding: 0;
    display: flex;
    flex-wrap: wrap;
    gap: 0.375rem;
  }

  [part~='slot'] {
    min-width: 5.5rem;
  }

  [part~='slot'][aria-pressed='true'] {
    background: var(--ss-color-primary);
    border-color: var(--ss-color-primary);
    color: var(--ss-color-on-primary);
  }

  dialog {
    width: min(64rem, 100vw - 1rem);
    max-height: calc(100dvh - 1rem);
    padding: 0;
    border: none;
    border-radius: var(--ss-radius);
    background: var(--ss-color-background);
    color: var(--ss-color-text);
  }

  .dialog-header {
    display: flex;
    align-items: center;
    justify-content: space-between;
    gap: 1rem;
    padding: 1rem 1rem 0;
  }

  .dialog-header h2 {
    margin: 0;
  }
`;
