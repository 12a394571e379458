import { css } from 'lit';

/**
 * What the Appointments and Calendar tabs (and the staff's requests) share: the nested form
 * inheriting their theme, headings, lists, the panel, and how an appointment reads (details as a
 * definition list, its status as a badge that always holds the word, with colour and a dashed
 * border for Unconfirmed as extras, and the Manage Appointment area); a tab's heading with New
 * Appointment beside it, and its dialogs (the Calendar tab's details, the cancel confirmation).
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

  /* The views' lists of appointments or requests (a view may space them otherwise). */
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

  dialog h3:focus {
    outline: none;
  }

  dialog h3:focus-visible {
    outline: 3px solid var(--ss-color-focus);
  }

  .policy {
    padding: 0.5rem 0.75rem;
    background: var(--ss-color-surface);
    border-radius: var(--ss-radius);
  }
`;
