/**
 * Repairs to FullCalendar 7.1's table semantics that axe reports: each day header hides its
 * visible text from assistive technology (naming the cell with aria-label instead), each month
 * cell's label hides the appointments in it, and the timed section's row header is empty. Plain
 * DOM work, for the calendars' render hooks.
 */

/** For `dayHeaderDidMount`: lets the header's own text count, while its label still names it. */
export function unhideHeaderText({ el }: { el: HTMLElement }): void {
  for (const hidden of el.querySelectorAll('[aria-hidden="true"]')) hidden.removeAttribute('aria-hidden');
}

/**
 * For `dayCellDidMount`: a month cell named with aria-label hides the appointments inside it from
 * a screen reader reading the cell, and its text is not in its name (WCAG 2.5.3). The date moves
 * from the label into visually hidden text at the start of the cell, so the cell reads "December
 * 7, 2026 10:00 AM Individual Therapy with Dr. Maya Chen — Confirmed".
 */
export function nameDayCellByContent({ el }: { el: HTMLElement }): void {
  const label = el.getAttribute('aria-label');
  if (el.getAttribute('role') !== 'gridcell' || !label) return;
  el.removeAttribute('aria-label');
  const date = document.createElement('span');
  date.className = 'visually-hidden';
  date.textContent = label;
  // Beside the day number FullCalendar hides (it was told the label is on the cell).
  const dayNumber = el.querySelector('[aria-hidden="true"]');
  if (dayNumber) dayNumber.before(date);
  else el.prepend(date);
}

/**
 * For `backgroundEventContent`: a titled background event (the old time of an appointment being
 * moved) shows its title, and a screen reader hears its `label` instead (which says what and when),
 * since a block's place on the grid tells nothing without sight. Untitled ones (greyed-out time)
 * stay empty.
 */
export function nameBackgroundEvent(event: { title: string; extendedProps: Record<string, unknown> }): { domNodes: Node[] } {
  if (!event.title) return { domNodes: [] };
  const label = typeof event.extendedProps.label === 'string' ? event.extendedProps.label : event.title;
  const shown = document.createElement('span');
  shown.className = 'event-title';
  shown.setAttribute('aria-hidden', 'true');
  shown.textContent = event.title;
  const read = document.createElement('span');
  read.className = 'visually-hidden';
  read.textContent = label;
  return { domNodes: [shown, read] };
}

/** Makes empty row headers presentational: they head nothing a person needs. */
export function settleEmptyRowHeaders(container: ParentNode | undefined): void {
  for (const header of container?.querySelectorAll('[role="rowheader"]') ?? []) {
    if (header.textContent?.trim()) continue;
    header.setAttribute('role', 'presentation');
    header.removeAttribute('aria-label');
  }
}
