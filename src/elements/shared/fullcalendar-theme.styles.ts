import { css } from 'lit';

/**
 * FullCalendar's classic theme reads its `--fc-classic-*` colours from ours, so a page's theme and
 * the dark scheme reach the calendar too: one mapping for the Calendar tab and the form's grid
 * (each adds its own after it: the tab's today, the grid's greyed-out time). It matters only once
 * FullCalendar draws, so it travels with FullCalendar's chunk and is adopted with its sheet.
 */
export const fullCalendarTheme = css`
  [part~='calendar'] {
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
  }
`;
