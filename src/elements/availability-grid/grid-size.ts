/**
 * How tall the Availability grid's rows are, shared by the grid (in its lazy chunk) and the form
 * (which reserves the grid's room before that chunk arrives, so nothing below it jumps).
 */

/** Pixels per slot row: tall enough to tap (WCAG's 24 px target) and to read a label. */
export const gridRowHeight = 26;

/** The height of the rows that show `firstMinute`–`lastMinute` of a day. */
export function hoursHeight(firstMinute: number, lastMinute: number, slotMinutes: number): number {
  return Math.ceil((lastMinute - firstMinute) / slotMinutes) * gridRowHeight;
}
