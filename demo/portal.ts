/**
 * The client portal: Appointments and Calendar in the top navigation, each a route (`#appointments`,
 * `#calendar`) that shows its element, as a portal's router would mount it.
 */
import { startDemoPage } from './shared/start-demo.js';

type PortalView = 'appointments' | 'calendar';

const titles: Record<PortalView, string> = { appointments: 'Appointments', calendar: 'Calendar' };

const viewFromHash = (): PortalView => (location.hash === '#calendar' ? 'calendar' : 'appointments');

const main = document.querySelector<HTMLElement>('#main')!;
const container = document.querySelector<HTMLElement>('#view')!;

function show(view: PortalView, moveFocus: boolean): void {
  for (const link of document.querySelectorAll<HTMLAnchorElement>('a[data-view]')) {
    if (link.dataset.view === view) link.setAttribute('aria-current', 'page');
    else link.removeAttribute('aria-current');
  }
  const template = document.querySelector<HTMLTemplateElement>(`template#${view}-view`)!;
  container.replaceChildren(template.content.cloneNode(true));
  document.title = `${titles[view]} · Client Portal · Riverside Counseling`;
  // After a click in the navigation, a screen reader continues in the view just shown.
  if (moveFocus) main.focus();
}

void startDemoPage(async () => {
  await Promise.all([
    import('../src/elements/appointment-status/appointment-status.js'),
    import('../src/elements/appointment-calendar/appointment-calendar.js'),
  ]);
  show(viewFromHash(), false);
  window.addEventListener('hashchange', () => show(viewFromHash(), true));
});
