/**
 * Repairs to FullCalendar 7.1's table semantics that axe reports: each day header hides its
 * visible text from assistive technology (naming the cell with aria-label instead), and the
 * timed section's row header is empty. Plain DOM work, for the calendars' render hooks.
 */

/** For `dayHeaderDidMount`: lets the header's own text count, while its label still names it. */
export function unhideHeaderText({ el }: { el: HTMLElement }): void {
  for (const hidden of el.querySelectorAll('[aria-hidden="true"]')) hidden.removeAttribute('aria-hidden');
}

/** Makes empty row headers presentational: they head nothing a person needs. */
export function settleEmptyRowHeaders(container: ParentNode | undefined): void {
  for (const header of container?.querySelectorAll('[role="rowheader"]') ?? []) {
    if (header.textContent?.trim()) continue;
    header.setAttribute('role', 'presentation');
    header.removeAttribute('aria-label');
  }
}
