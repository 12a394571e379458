import { css } from 'lit';

/**
 * How an appointment reads in either tab: its details as a definition list, its status as a
 * badge that always holds the word (colour and a dashed border for Unconfirmed are extras), and
 * the Manage Appointment area.
 */
export const appointmentStyles = css`
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
`;
