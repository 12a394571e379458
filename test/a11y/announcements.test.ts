/**
 * Errors and status changes are announced (WCAG 4.1.3, 3.3.1): the words arrive in a live region
 * (role=alert for errors, role=status for news) that was already in the page, shown (not
 * display:none, not aria-hidden), before they came — the way a screen reader notices a change.
 * Covers a time refused on Save, a failed and a refused submission, times that failed to load, a
 * therapist confirming while the client watches (Appointments and Calendar tabs), a cancellation,
 * a failed cancellation, a request arriving, and moving between weeks.
 */
import { expect, fixtureCleanup } from '@open-wc/testing';
import { setViewport } from '@web/test-runner-commands';
import { BookingError } from '../../src/adapters/errors.js';
import { MemoryAdapter } from '../../src/adapters/memory/memory-adapter.js';
import { nyTime } from '../support/fixtures.js';
import {
  alexOn,
  buttonIn,
  calendarReady,
  chenAtDec7,
  detailsDialog,
  formAlert,
  formAtReview,
  formHeading,
  formRoot,
  gridDrawn,
  mountCalendar,
  mountForm,
  mountStatus,
  nestedForm,
  rootOf,
  slotAt,
  statusItem,
  text,
} from './elements.js';
import { until, whyNotUsable } from './support.js';

/**
 * Records what is added to a live region from now on, as a screen reader would hear it. Fails at
 * once if the region is not one (no role=alert / role=status / aria-live) or is hidden.
 */
function listen(region: HTMLElement | null, kind: 'alert' | 'status'): { heard: () => string } {
  if (!region) throw new Error(`no ${kind} region`);
  const role = region.getAttribute('role');
  const live = region.getAttribute('aria-live') ?? (role === 'alert' ? 'assertive' : role === 'status' ? 'polite' : null);
  expect(live, `${kind} region's politeness`).to.equal(kind === 'alert' ? 'assertive' : 'polite');
  expect(getComputedStyle(region).display, `${kind} region displayed`).to.not.equal('none');
  for (let node: Node | null = region; node; node = node.parentNode ?? (node instanceof ShadowRoot ? node.host : null)) {
    if (node instanceof Element) expect(node.getAttribute('aria-hidden'), `${kind} region not aria-hidden`).to.not.equal('true');
  }
  const heard: string[] = [];
  const observer = new MutationObserver(() => heard.push(text(region)));
  observer.observe(region, { childList: true, subtree: true, characterData: true });
  return {
    heard: () => {
      observer.takeRecords();
      return heard.filter(Boolean).join(' | ') || text(region);
    },
  };
}

const takeNineOClock = async (practice: ReturnType<typeof alexOn>['practice']) =>
  new MemoryAdapter({ practice, clientId: 'client-taylor' }).requestAppointment(
    { providerId: 'dr-chen', locationId: 'riverside', serviceId: 'individual-50', start: nyTime(7, '09:00'), end: nyTime(7, '09:50') },
    { idempotencyKey: 'taylor-a11y' },
  );

describe('announcements', function () {
  this.timeout(120_000);
  before(() => setViewport({ width: 1280, height: 1000 }));
  afterEach(() => fixtureCleanup());

  describe('<self-schedule-form>', () => {
    it('announces a time refused on Save in its alert region', async () => {
      const { practice, adapter } = alexOn();
      const form = await mountForm(adapter, chenAtDec7);
      await until(() => gridDrawn(form) && slotAt(form, 7, '9:00 AM'), 'Availability');
      slotAt(form, 7, '9:00 AM')!.click();
      await takeNineOClock(practice);
      const alert = listen(formAlert(form), 'alert');
      buttonIn(formRoot(form), 'Save')!.click();
      await until(() => alert.heard().length > 0, 'an alert');
      expect(alert.heard()).to.contain('not available at that time');
      expect(formAlert(form).isConnected, 'the same region, not a new one').to.equal(true);
    });

    it('announces a failed submission, and one refused because the time was taken', async () => {
      const { adapter } = alexOn();
      const form = await formAtReview(adapter);

      const region = formAlert(form);
      const alert = listen(region, 'alert');
      adapter.failNext('requestAppointment');
      buttonIn(formRoot(form), 'Submit New Appointment')!.click();
      await until(() => alert.heard().includes('We could not reach the practice'), 'the failure announced');

      const again = listen(formAlert(form), 'alert');
      adapter.failNext('requestAppointment', new BookingError('conflict', 'That time is no longer free.'));
      buttonIn(formRoot(form), 'Submit New Appointment')!.click();
      await until(() => formHeading(form) === 'Availability', 'back at Availability');
      await until(() => again.heard().includes('That time was just taken by someone else'), 'the refusal announced');
      expect(formAlert(form), 'one alert region throughout').to.equal(region);
    });

    it('announces times that failed to load, and says which week is shown as it changes', async () => {
      const { adapter } = alexOn();
      adapter.failNext('getAvailability');
      const form = await mountForm(adapter, chenAtDec7);
      await until(() => formRoot(form).querySelector('.availability [role="alert"]'), 'the load error');
      expect(text(formRoot(form).querySelector('.availability [role="alert"]'))).to.contain('We could not reach the practice');
      buttonIn(formRoot(form).querySelector('.availability'), 'Try again')!.click();
      await until(() => gridDrawn(form), 'the times');

      const range = formRoot(form).querySelector<HTMLElement>('.toolbar .range')!;
      expect(range.getAttribute('aria-live')).to.equal('polite');
      const week = listen(range, 'status');
      buttonIn(formRoot(form), 'Next week')!.click();
      await until(() => week.heard().includes('December 13'), 'the next week announced');
    });
  });

  describe('<appointment-status>', () => {
    it('announces a therapist confirming, a request sent, a cancellation, and a failed cancellation', async () => {
      const { practice, adapter } = alexOn();
      const el = await mountStatus(adapter);
      await until(() => statusItem(el, 'seed-2'), 'the list');
      const notice = () => rootOf(el).querySelector<HTMLElement>('[part~="notice"][role="status"]');
      const region = notice();

      const confirmed = listen(region, 'status');
      practice.confirm('seed-2');
      await until(() => confirmed.heard().includes('is now Confirmed'), 'the confirmation announced');
      expect(confirmed.heard()).to.contain('Your appointment with Jordan Alvarez on Wednesday, December 9, 2026 at 5:00 PM EST is now Confirmed.');

      // A request sent through New Appointment.
      const sent = listen(notice(), 'status');
      rootOf(el).querySelector<HTMLButtonElement>('[part~="new-appointment"]')!.click();
      await until(() => nestedForm(el)?.open, 'the form');
      const form = nestedForm(el)!;
      form.start = nyTime(9, '09:00');
      form.provider = 'dr-chen';
      form.location = 'riverside';
      form.service = 'individual-50';
      await until(() => slotAt(form, 9, '9:00 AM')?.getAttribute('aria-pressed') === 'true', 'the time chosen');
      buttonIn(formRoot(form), 'Save')!.click();
      await until(() => formHeading(form).startsWith('Review'), 'the review');
      buttonIn(formRoot(form), 'Submit New Appointment')!.click();
      await until(() => sent.heard().includes('was sent'), 'the request announced');
      expect(sent.heard()).to.contain('Its status is Unconfirmed until your therapist confirms it.');
      form.close();
      await until(() => !form.open, 'the form closed');

      // A cancellation that fails, then succeeds.
      buttonIn(statusItem(el, 'seed-1'), 'Manage Appointment')!.click();
      await el.updateComplete;
      buttonIn(statusItem(el, 'seed-1'), 'Cancel appointment')!.click();
      const dialog = rootOf(el).querySelector<HTMLDialogElement>('dialog[part~="dialog"]')!;
      await until(() => dialog.open, 'the confirmation');
      const failure = listen(dialog.querySelector('[role="alert"]'), 'alert');
      adapter.failNext('cancelAppointment');
      buttonIn(dialog, 'Yes, cancel appointment')!.click();
      await until(() => failure.heard().includes('We could not reach the practice'), 'the failure announced');

      const cancelled = listen(notice(), 'status');
      buttonIn(dialog.querySelector('[role="alert"]'), 'Try again')!.click();
      await until(() => cancelled.heard().includes('is now Cancelled'), 'the cancellation announced');
      expect(notice(), 'one status region throughout').to.equal(region);
    });
  });

  describe('<appointment-calendar>', () => {
    it('announces a therapist confirming and a cancellation, and a failed refresh as an alert', async () => {
      const { practice, adapter } = alexOn();
      const el = await mountCalendar(adapter);
      await until(() => calendarReady(el), 'the calendar');
      const notice = () => rootOf(el).querySelector<HTMLElement>('.body > [part~="notice"][role="status"]');
      const alertRegion = () => rootOf(el).querySelector<HTMLElement>('.body > [part~="error"][role="alert"]');

      const confirmed = listen(notice(), 'status');
      practice.confirm('seed-2');
      await until(() => confirmed.heard().includes('is now Confirmed'), 'the confirmation announced');

      const cancelled = listen(notice(), 'status');
      rootOf(el).querySelector<HTMLButtonElement>('[part~="appointment"][data-id="seed-1"]')!.click();
      await until(() => detailsDialog(el).open, 'details');
      buttonIn(detailsDialog(el), 'Manage Appointment')!.click();
      await el.updateComplete;
      buttonIn(detailsDialog(el), 'Cancel appointment')!.click();
      await until(() => buttonIn(detailsDialog(el), 'Yes, cancel appointment'), 'the confirmation');
      buttonIn(detailsDialog(el), 'Yes, cancel appointment')!.click();
      await until(() => cancelled.heard().includes('is now Cancelled'), 'the cancellation announced');

      const refresh = listen(alertRegion(), 'alert');
      adapter.failNext('watch');
      // Cancelled elsewhere (another tab): the watch's next list fails to arrive.
      await adapter.inner.cancelAppointment('seed-2', { idempotencyKey: 'elsewhere' });
      await until(() => refresh.heard().includes('could not be refreshed'), 'the failed refresh announced');
      expect(whyNotUsable(buttonIn(alertRegion(), 'Try again')!)).to.equal(undefined);
    });
  });
});
