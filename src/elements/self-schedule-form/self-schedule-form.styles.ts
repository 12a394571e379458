import { css } from 'lit';

/**
 * The form's own layout, on top of the shared `baseStyles` (custom properties, dark scheme,
 * controls, headings, details lists). FullCalendar's colours come with its chunk
 * (fullcalendar-theme.styles.ts); greyed-out time is the form's own.
 *
 * Why-comments stand here, not in the CSS: the npm build ships css`` text as it is written. On a
 * wide screen the three choices sit in one row above the times, as in the practice's own pop-up.
 * The selected time and Save stick to the bottom of the dialog (or of the window, inline): the
 * grid is taller than a laptop's screen, and the client should not have to scroll past it to find
 * Save (at 1280×900 they sat below the fold).
 */
export const formStyles = css`
  [part~='form'] {
    background: var(--ss-color-background);
    border-radius: var(--ss-radius);
    padding: 1rem;
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

  @media (min-width: 48rem) {
    .choices {
      display: grid;
      grid-template-columns: repeat(3, minmax(0, 1fr));
      gap: 0 1rem;
    }
  }

  .save-bar {
    position: sticky;
    bottom: 0;
    z-index: 5;
    margin: 1rem -1rem -1rem;
    padding: 0.5rem 1rem 1rem;
    background: var(--ss-color-background);
    border-top: 1px solid var(--ss-color-border);
  }

  .save-bar p {
    margin: 0;
  }

  .save-bar .actions {
    margin-top: 0.5rem;
  }

  .choice-summary {
    margin: 0 0 1rem;
    padding: 0.5rem 0.75rem;
    background: var(--ss-color-surface);
    border-radius: var(--ss-radius);
  }

  dl {
    margin-bottom: 1rem;
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
    --fc-classic-background-event: var(--ss-color-unavailable);
    --fc-classic-background-event-opacity: 100%;
    --fc-classic-background-event-foreground-opacity: 100%;
  }

  [part~='calendar'] .unavailable {
    background-color: var(--ss-color-unavailable);
    background-image: var(--ss-unavailable-pattern);
  }

  /* The appointment being moved: its own pattern and a dashed edge, apart from grey and from the chosen block. */
  [part~='calendar'] .current-time {
    background-color: var(--ss-color-background);
    background-image: var(
      --ss-current-time-pattern,
      repeating-linear-gradient(-45deg, transparent 0 5px, color-mix(in srgb, var(--ss-color-primary) 30%, transparent) 5px 7px)
    );
    border: 2px dashed var(--ss-color-primary);
    color: var(--ss-color-text);
    font-size: 0.8125rem;
    padding: 0.125rem 0.25rem;
  }

  [part~='moving'] {
    margin: 0.25rem 0 0.75rem;
    font-weight: 600;
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
