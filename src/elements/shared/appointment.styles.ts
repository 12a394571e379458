import { css } from 'lit';

/**
 * What the Appointments and Calendar tabs (and the staff's requests) share: the nested form
 * inheriting their theme, headings, lists, the panel, and how an appointment reads (details as a definition list, its status as a badge
 * that always holds the word, with colour and a dashed border for Unconfirmed as extras, and the
 * Manage Appointment area).
 */
export const appointmentStyles = css`
  /*
   * The form nested in a tab sets its own defaults on its host; from here, the tab's (and
   * whatever the page set on the tab) win, so the dialog matches the tab.
   */
  self-schedule-form {
    --ss-font: inherit;
    --ss-color-text: inherit;
    --ss-color-muted: inherit;
    --ss-color-background: inherit;
    --ss-color-surface: inherit;
    --ss-color-border: inherit;
    --ss-color-control-border: inherit;
    --ss-color-primary: inherit;
    --ss-color-on-primary: inherit;
    --ss-color-error: inherit;
    --ss-color-unavailable: inherit;
    --ss-color-unavailable-hatch: inherit;
    --ss-unavailable-pattern: inherit;
    --ss-color-focus: inherit;
    --ss-radius: inherit;
  }

  /* The views' headings, and their lists of appointments or requests (a view may space them otherwise). */
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

  [part~='list'] {
    list-style: none;
    margin: 0;
    padding: 0;
    display: grid;
    gap: 0.75rem;
  }

  button[aria-disabled='true'] {
    cursor: progress;
  }

  .body {
    background: var(--ss-color-background);
    border-radius: var(--ss-radius);
    padding: 1rem;
  }

  dl {
    display: grid;
    /* minmax(0, …): a long word wraps instead of widening the page on a phone (WCAG 1.4.10). */
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

  [part~='status'] {
    display: inline-block;
    /* A status is one word: never "Confirm/ed" on a narrow phone. */
    overflow-wrap: normal;
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
`;
