import { css } from 'lit';

/**
 * Added after the shared sheets (custom properties, dark defaults, controls, live regions, the
 * tabs' shared parts; FullCalendar's theme, adopted with FullCalendar), with a colour per status
 * and today's column tinted (the client reads their week from it). Colour is only ever an extra:
 * every appointment's status is written in its label, Unconfirmed ones have a dashed border, and
 * Declined and Cancelled ones are struck through.
 */
export const calendarStyles = css`
  .hint,
  .grid-zone {
    color: var(--ss-color-muted);
  }

  /* The view shown. */
  button[aria-pressed='true'] {
    background: var(--ss-color-primary);
    border-color: var(--ss-color-primary);
    color: var(--ss-color-on-primary);
    font-weight: 600;
  }

  [part~='toolbar'] {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    justify-content: space-between;
    gap: 0.5rem;
    margin-bottom: 0.75rem;
  }

  [part~='toolbar'] .range {
    margin: 0;
    font-size: 1.125rem;
    flex: 1 1 12rem;
    text-align: center;
  }

  .group {
    display: flex;
    flex-wrap: wrap;
    gap: 0.25rem;
  }

  [part~='calendar'] {
    min-height: 4rem;
    margin-bottom: 1rem;
    --fc-classic-today: color-mix(in srgb, var(--ss-color-primary) 6%, transparent);
  }

  /* FullCalendar paints an event with --fc-event-color, which it sets from --fc-classic-event. */
  [part~='calendar'] .appointment {
    cursor: pointer;
    overflow: hidden;
  }

  [part~='calendar'] .status-confirmed {
    --fc-classic-event: var(--ss-color-confirmed);
    --fc-classic-event-contrast: var(--ss-color-background);
  }

  [part~='calendar'] .status-unconfirmed {
    --fc-classic-event: var(--ss-color-surface);
    --fc-classic-event-contrast: var(--ss-color-text);
    border: 2px dashed var(--ss-color-unconfirmed);
  }

  [part~='calendar'] .status-declined,
  [part~='calendar'] .status-cancelled {
    --fc-classic-event: var(--ss-color-surface);
    --fc-classic-event-contrast: var(--ss-color-muted);
    border: 1px solid var(--ss-color-border);
  }

  /*
   * An appointment on the calendar reads "10:00 AM Individual Therapy with Dr. Maya Chen —
   * Confirmed"; it shows its status first, with the time, so that the smallest block (one line of
   * a 25-minute appointment, or a day of the month) still shows the status in words. Only blocks
   * tall enough for more, and the list view (the roomy class), wrap onto further lines.
   */
  .appointment-label {
    display: flex;
    flex-wrap: nowrap;
    align-items: baseline;
    column-gap: 0.375rem;
    overflow: hidden;
    font-size: 0.8125rem;
    line-height: 1.3;
    white-space: nowrap;
  }

  .appointment-status {
    order: 0;
    font-weight: 700;
  }

  .appointment-time {
    order: 1;
  }

  .appointment-title {
    order: 2;
    flex: 1 1 auto;
    min-width: 0;
    overflow: hidden;
    text-overflow: ellipsis;
  }

  .roomy .appointment-label {
    flex-wrap: wrap;
    white-space: normal;
  }

  .roomy .appointment-title {
    flex-basis: 100%;
  }

  .status-declined .appointment-title,
  .status-cancelled .appointment-title,
  .settled .what {
    text-decoration: line-through;
  }

  [part~='list'] {
    gap: 0.5rem;
  }

  [part~='appointment'] {
    display: flex;
    flex-wrap: wrap;
    gap: 0 0.75rem;
    width: 100%;
    text-align: start;
    background: var(--ss-color-background);
  }

  [part~='appointment'] .when {
    font-weight: 600;
  }

  [part~='appointment'].unconfirmed {
    border: 2px dashed var(--ss-color-unconfirmed);
  }

  [part~='appointment'].confirmed {
    border-inline-start: 6px solid var(--ss-color-confirmed);
  }

  [part~='appointment'].settled {
    color: var(--ss-color-muted);
  }

  .empty {
    color: var(--ss-color-muted);
  }
`;
