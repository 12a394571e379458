/**
 * WCAG 2.2 A and AA (axe-core's wcag2a, wcag2aa, wcag21a, wcag21aa and wcag22aa rules, target
 * size included) in every state a person can see of every element, each in the light and in the
 * dark colour scheme. No rule is turned off.
 *
 * The states are reached the way a client reaches them (choices, clicks on the start-time list,
 * Save, Submit, Manage Appointment), with the adapter's calls held back to see loading and
 * sending, or failed to see errors.
 */
import { expect, fixtureCleanup } from '@open-wc/testing';
import { resetMouse, setViewport } from '@web/test-runner-commands';
import { BookingError } from '../../src/adapters/errors.js';
import { MemoryAdapter } from '../../src/adapters/memory/memory-adapter.js';
import { clickAt, nextFrame, slotPoint } from '../support/grid-helpers.js';
import { nyTime } from '../support/fixtures.js';
import {
  agendaButton,
  alex,
  alexOn,
  buttonIn,
  calendarEvent,
  calendarEventButton,
  calendarPart,
  calendarReady,
  chenAtDec7,
  detailsDialog,
  formAlert,
  formAtReview,
  formField,
  formHeading,
  formNotice,
  formRoot,
  gridDrawn,
  mountCalendar,
  mountForm,
  mountStatus,
  nestedForm,
  nestedFormOpen,
  rootOf,
  slotAt,
  slots,
  statusItem,
  text,
} from './elements.js';
import { expectNoWcagViolations, until, wcagRulesRun } from './support.js';

const wide = { width: 1280, height: 1000 };
const phone = { width: 375, height: 800 };

/** Chooses `value` in a select the way a change by the person would. */
async function choose(select: HTMLSelectElement | null, value: string): Promise<void> {
  await until(() => select && !select.disabled && [...select.options].some((option) => option.value === value), `option ${value}`);
  select!.value = value;
  select!.dispatchEvent(new Event('change', { bubbles: true }));
}

describe('axe: WCAG 2.2 A and AA in every state, light and dark', function () {
  // Each test walks through several states, running axe twice in each.
  this.timeout(180_000);
  before(() => setViewport(wide));
  afterEach(async () => {
    await resetMouse();
    fixtureCleanup();
    await setViewport(wide);
  });

  it('runs the WCAG 2.2 target-size rule along with the 2.0 and 2.1 rules', async () => {
    const { adapter } = alexOn();
    const el = await mountStatus(adapter);
    const rules = await wcagRulesRun(el);
    expect(rules).to.include.members(['target-size', 'color-contrast', 'aria-allowed-attr', 'button-name', 'list', 'label']);
  });

  describe('<self-schedule-form>', () => {
    it('not connected to a practice', async () => {
      const form = await mountForm(undefined);
      expect(text(formRoot(form))).to.contain('not connected');
      await expectNoWcagViolations(form, 'not connected');
    });

    it('choose step: loading, each choice made, the times beside the choices', async () => {
      const { adapter } = alexOn();
      const release = adapter.holdNext('listProviders');
      const form = await mountForm(adapter);
      await until(() => formField(form, 'Provider')?.getAttribute('aria-busy') === 'true', 'providers loading');
      await expectNoWcagViolations(form, 'providers loading');
      release();
      await choose(formField(form, 'Provider'), 'dr-chen');
      await expectNoWcagViolations(form, 'provider chosen');
      await until(() => formField(form, 'Location'), 'Location shown');
      await choose(formField(form, 'Location'), 'riverside');
      await choose(formField(form, 'Service'), 'individual-50');
      await until(() => formHeading(form) === 'Availability' && gridDrawn(form), 'the times beside the choices');
      await expectNoWcagViolations(form, 'all three chosen');
    });

    it('choose step: a list that failed to load, with Try again', async () => {
      const { adapter } = alexOn();
      adapter.failNext('listProviders');
      const form = await mountForm(adapter);
      await until(() => buttonIn(formRoot(form), 'Try again'), 'Try again');
      await expectNoWcagViolations(form, 'providers failed');
    });

    it('choose step: no therapist self-schedules', async () => {
      const { adapter } = alexOn((data) => data.providers.forEach((provider) => (provider.selfScheduling = false)));
      const form = await mountForm(adapter);
      await until(() => text(formRoot(form)).includes('Online booking is not available'), 'the empty state');
      await expectNoWcagViolations(form, 'no self-scheduling');
    });

    it('choose step: a provider offering no services at a location, and a link choice dropped with a notice', async () => {
      const { adapter } = alexOn((data) => {
        for (const service of data.services) {
          service.offeredBy = service.offeredBy.map((offer) =>
            offer.providerId === 'dr-chen' ? { ...offer, locationIds: offer.locationIds.filter((id) => id !== 'telehealth') } : offer,
          );
        }
      });
      const form = await mountForm(adapter, { provider: 'sam-okafor' });
      await until(() => text(formNotice(form)).includes('not available for online booking'), 'the dropped-choice notice');
      await choose(formField(form, 'Provider'), 'dr-chen');
      await until(() => formField(form, 'Location'), 'Location shown');
      await choose(formField(form, 'Location'), 'telehealth');
      await until(() => text(formRoot(form)).includes('offers no services online'), 'no services');
      await expectNoWcagViolations(form, 'no services, notice shown');
    });

    it('Availability: loading, listed on the grid, a time chosen, Save checking', async () => {
      const { adapter } = alexOn();
      const release = adapter.holdNext('getAvailability');
      const form = await mountForm(adapter, chenAtDec7);
      await until(() => formRoot(form).querySelector('.availability[aria-busy="true"]') && formHeading(form) === 'Availability', 'loading times');
      await expectNoWcagViolations(form, 'Availability loading');
      release();
      await until(() => gridDrawn(form) && slots(form).length, 'the grid and the list');
      await nextFrame();
      await expectNoWcagViolations(form, 'Availability listed');
      slotAt(form, 7, '9:00 AM')!.click();
      await until(() => formRoot(form).querySelector('.selection'), 'the chosen block on the grid');
      await expectNoWcagViolations(form, 'a time chosen');
      const releaseCheck = adapter.holdNext('validateRequest');
      buttonIn(formRoot(form), 'Save')!.click();
      await until(() => buttonIn(formRoot(form), 'Checking…'), 'Checking…');
      await expectNoWcagViolations(form, 'Save checking');
      releaseCheck();
      await until(() => formHeading(form).startsWith('Review'), 'the review');
    });

    it('Availability: a time taken meanwhile, refused on Save with an error', async () => {
      const { practice, adapter } = alexOn();
      const form = await mountForm(adapter, chenAtDec7);
      await until(() => gridDrawn(form) && slotAt(form, 7, '9:00 AM'), 'the list');
      slotAt(form, 7, '9:00 AM')!.click();
      await new MemoryAdapter({ practice, clientId: 'client-taylor' }).requestAppointment(
        { providerId: 'dr-chen', locationId: 'riverside', serviceId: 'individual-50', start: nyTime(7, '09:00'), end: nyTime(7, '09:50') },
        { idempotencyKey: 'taylor-a11y' },
      );
      buttonIn(formRoot(form), 'Save')!.click();
      await until(() => text(formAlert(form)).length > 0 && gridDrawn(form), 'the error');
      await expectNoWcagViolations(form, 'Save refused');
    });

    it('Availability: times that failed to load, with Try again', async () => {
      const { adapter } = alexOn();
      adapter.failNext('getAvailability');
      const form = await mountForm(adapter, chenAtDec7);
      await until(() => buttonIn(formRoot(form), 'Try again'), 'Try again');
      await expectNoWcagViolations(form, 'availability failed');
    });

    it('Availability: a week with no open times, and nothing open ahead', async () => {
      // Dr. Chen keeps no hours at Riverside, so no week ahead has an open time.
      const { adapter } = alexOn((data) => {
        data.schedules.find((s) => s.providerId === 'dr-chen' && s.locationId === 'riverside')!.weekly = [];
      });
      const form = await mountForm(adapter, chenAtDec7);
      await until(() => text(formRoot(form)).includes('No times are available in this week.') && gridDrawn(form), 'no open times');
      await expectNoWcagViolations(form, 'no open times');
      buttonIn(formRoot(form), 'Go to the next available time')!.click();
      await until(() => text(formNotice(form)).includes('No times are available in the coming weeks'), 'nothing ahead');
      await expectNoWcagViolations(form, 'nothing open ahead');
    });

    it('Availability: one day at a time on a phone', async () => {
      await setViewport(phone);
      const { adapter } = alexOn();
      const form = await mountForm(adapter, chenAtDec7);
      await until(() => buttonIn(formRoot(form), 'Next day') && gridDrawn(form), 'the day view');
      await expectNoWcagViolations(form, 'day view');
    });

    it('review, sending, a failed send with Try again, a refused send, and done', async () => {
      const { adapter } = alexOn();
      const form = await formAtReview(adapter);
      await expectNoWcagViolations(form, 'review');

      adapter.failNext('requestAppointment');
      const releaseSend = adapter.holdNext('requestAppointment');
      buttonIn(formRoot(form), 'Submit New Appointment')!.click();
      await until(() => buttonIn(formRoot(form), 'Sending…'), 'Sending…');
      await expectNoWcagViolations(form, 'sending');
      releaseSend();
      await until(() => text(formAlert(form)).includes('could not reach'), 'the send error');
      await expectNoWcagViolations(form, 'send failed');

      adapter.failNext('requestAppointment', new BookingError('conflict', 'That time is no longer free.'));
      buttonIn(formRoot(form), 'Submit New Appointment')!.click();
      await until(() => formHeading(form) === 'Availability' && text(formAlert(form)).includes('just taken') && gridDrawn(form), 'back at Availability');
      await expectNoWcagViolations(form, 'send refused: time taken');

      slotAt(form, 7, '11:00 AM')!.click();
      await form.updateComplete;
      buttonIn(formRoot(form), 'Save')!.click();
      await until(() => formHeading(form).startsWith('Review'), 'the review again');
      buttonIn(formRoot(form), 'Submit New Appointment')!.click();
      await until(() => formHeading(form) === 'Appointment request sent', 'done');
      await expectNoWcagViolations(form, 'done');
    });

    it('done with View My Appointments as a link', async () => {
      const { adapter } = alexOn();
      const form = await formAtReview(adapter, { appointmentsHref: '#appointments' });
      buttonIn(formRoot(form), 'Submit New Appointment')!.click();
      await until(() => formRoot(form).querySelector('a[part~="submit"]'), 'the link');
      await expectNoWcagViolations(form, 'done, link');
    });

    it('in its modal dialog, closed and open', async () => {
      const { adapter } = alexOn();
      const form = await mountForm(adapter, { modal: true });
      await expectNoWcagViolations(form, 'modal closed');
      await form.show();
      await until(() => formField(form, 'Provider') && !formField(form, 'Provider')!.disabled, 'the dialog open');
      await expectNoWcagViolations(form, 'modal open');
    });
  });

  describe('<appointment-status>', () => {
    it('not connected, loading, and a list that failed to load', async () => {
      const notConnected = await mountStatus(undefined);
      await expectNoWcagViolations(notConnected, 'not connected');
      fixtureCleanup();

      const { adapter } = alexOn();
      const release = adapter.holdNext('watch');
      const loading = await mountStatus(adapter);
      await until(() => text(rootOf(loading)).includes('Loading your appointments'), 'loading');
      await expectNoWcagViolations(loading, 'loading');
      release();
      fixtureCleanup();

      const failing = alexOn().adapter;
      failing.failNext('watch');
      const failed = await mountStatus(failing);
      await until(() => text(rootOf(failed)).includes('could not be loaded'), 'the load error');
      await expectNoWcagViolations(failed, 'load failed');
    });

    it('no upcoming appointments', async () => {
      const { adapter } = alexOn((data) => (data.appointments = data.appointments.filter((a) => a.clientId !== alex)));
      const el = await mountStatus(adapter);
      await until(() => text(rootOf(el)).includes('No upcoming appointments'), 'empty');
      await expectNoWcagViolations(el, 'empty');
    });

    it('every status, past appointments, Manage Appointment open, and an announced change', async () => {
      const { practice, adapter } = alexOn();
      const el = await mountStatus(adapter);
      await until(() => statusItem(el, 'seed-2'), 'the list');
      await expectNoWcagViolations(el, 'Confirmed and Unconfirmed');
      buttonIn(rootOf(el), 'Show past appointments')!.click();
      await until(() => statusItem(el, 'seed-3'), 'past shown');
      await expectNoWcagViolations(el, 'past shown, with why it cannot be changed');
      buttonIn(statusItem(el, 'seed-1'), 'Manage Appointment')!.click();
      await el.updateComplete;
      await expectNoWcagViolations(el, 'Manage Appointment open');
      practice.decline('seed-2', 'Not available that evening.');
      await until(() => text(statusItem(el, 'seed-2')).includes('Declined'), 'declined');
      await adapter.inner.cancelAppointment('seed-1', { idempotencyKey: 'a11y-cancel' });
      await until(() => text(statusItem(el, 'seed-1')).includes('Cancelled'), 'cancelled');
      await expectNoWcagViolations(el, 'Declined and Cancelled, announced');
    });

    it('the cancel confirmation: asking, cancelling, failed with Try again', async () => {
      const { adapter } = alexOn();
      const el = await mountStatus(adapter);
      await until(() => statusItem(el, 'seed-1'), 'the list');
      buttonIn(statusItem(el, 'seed-1'), 'Manage Appointment')!.click();
      await el.updateComplete;
      buttonIn(statusItem(el, 'seed-1'), 'Cancel appointment')!.click();
      const dialog = () => rootOf(el).querySelector<HTMLDialogElement>('dialog[part~="dialog"]')!;
      await until(() => dialog().open, 'the confirmation');
      await expectNoWcagViolations(el, 'cancel confirmation');
      adapter.failNext('cancelAppointment');
      const release = adapter.holdNext('cancelAppointment');
      buttonIn(dialog(), 'Yes, cancel appointment')!.click();
      await until(() => buttonIn(dialog(), 'Cancelling…'), 'Cancelling…');
      await expectNoWcagViolations(el, 'cancelling');
      release();
      await until(() => text(dialog().querySelector('[role="alert"]')).includes('could not reach'), 'the cancel error');
      await expectNoWcagViolations(el, 'cancel failed');
    });

    it('a refresh that failed after the list was shown', async () => {
      const { practice, adapter } = alexOn();
      const el = await mountStatus(adapter);
      await until(() => statusItem(el, 'seed-2'), 'the list');
      adapter.failNext('watch');
      practice.confirm('seed-2');
      await until(() => text(rootOf(el)).includes('could not be refreshed'), 'the refresh error');
      await expectNoWcagViolations(el, 'refresh failed');
    });

    it('New Appointment and Change appointment open the form in a dialog', async () => {
      const { adapter } = alexOn();
      const el = await mountStatus(adapter);
      await until(() => rootOf(el).querySelector('[part~="new-appointment"]') && statusItem(el, 'seed-1'), 'New Appointment');
      rootOf(el).querySelector<HTMLButtonElement>('[part~="new-appointment"]')!.click();
      await until(() => nestedFormOpen(el) && formField(nestedForm(el)!, 'Provider') && !formField(nestedForm(el)!, 'Provider')!.disabled, 'the form open');
      await expectNoWcagViolations(el, 'New Appointment form open');
      nestedForm(el)!.close();
      // Closed once its close event has come (a task after the dialog shuts).
      await until(() => !nestedForm(el)!.open, 'the form closed');

      buttonIn(statusItem(el, 'seed-1'), 'Manage Appointment')!.click();
      await el.updateComplete;
      buttonIn(statusItem(el, 'seed-1'), 'Change appointment')!.click();
      await until(() => nestedFormOpen(el) && gridDrawn(nestedForm(el)!), 'the change form at Availability');
      await expectNoWcagViolations(el, 'Change appointment form open');
    });
  });

  describe('<appointment-calendar>', () => {
    it('not connected, loading, a list that failed to load, and a failed refresh', async () => {
      const notConnected = await mountCalendar(undefined);
      await expectNoWcagViolations(notConnected, 'not connected');
      fixtureCleanup();

      const { adapter } = alexOn();
      const release = adapter.holdNext('watch');
      const loading = await mountCalendar(adapter);
      await until(() => calendarPart(loading).querySelector('[role="grid"]') && text(rootOf(loading)).includes('Loading your appointments'), 'loading');
      await expectNoWcagViolations(loading, 'loading');
      release();
      await until(() => calendarReady(loading), 'drawn');
      adapter.failNext('watch');
      await adapter.inner.cancelAppointment('seed-2', { idempotencyKey: 'a11y-cancel' });
      await until(() => text(rootOf(loading)).includes('could not be refreshed'), 'the refresh error');
      await expectNoWcagViolations(loading, 'refresh failed');
      fixtureCleanup();

      const failing = alexOn().adapter;
      failing.failNext('watch');
      const failed = await mountCalendar(failing);
      await until(() => text(rootOf(failed)).includes('could not be loaded'), 'the load error');
      await expectNoWcagViolations(failed, 'load failed');
    });

    it('week, month and day views, an empty week, and Declined and Cancelled appointments', async () => {
      const { practice, adapter } = alexOn();
      const el = await mountCalendar(adapter);
      await until(() => calendarReady(el) && calendarEvent(el, 'seed-2'), 'the week');
      await expectNoWcagViolations(el, 'week');
      buttonIn(rootOf(el), 'Month')!.click();
      await until(() => calendarPart(el).querySelector('[role="gridcell"][data-date="2026-11-29"]') && calendarEvent(el, 'seed-1'), 'the month');
      await nextFrame();
      await expectNoWcagViolations(el, 'month');
      buttonIn(rootOf(el), 'Day')!.click();
      await until(() => calendarPart(el).querySelector('[role="columnheader"][data-date="2026-12-07"]') && calendarEvent(el, 'seed-1'), 'the day');
      await nextFrame();
      await expectNoWcagViolations(el, 'day');
      buttonIn(rootOf(el), 'Week')!.click();
      await el.updateComplete;
      buttonIn(rootOf(el), 'Previous week')!.click();
      await until(() => text(rootOf(el).querySelector('.agenda .empty')) === 'No appointments in this week', 'the empty week');
      await expectNoWcagViolations(el, 'empty week');
      buttonIn(rootOf(el), 'Next week')!.click();
      await el.updateComplete;
      practice.decline('seed-2');
      await adapter.inner.cancelAppointment('seed-1', { idempotencyKey: 'a11y-cancel' });
      await until(() => text(calendarEvent(el, 'seed-1')).includes('Cancelled') && text(calendarEvent(el, 'seed-2')).includes('Declined'), 'settled');
      await expectNoWcagViolations(el, 'Declined and Cancelled, announced');
    });

    it('the list view on a phone', async () => {
      await setViewport(phone);
      const { adapter } = alexOn();
      const el = await mountCalendar(adapter);
      await until(() => calendarReady(el) && calendarPart(el).querySelector('[role="list"]'), 'the list view');
      await expectNoWcagViolations(el, 'list view');
    });

    it('details, Manage Appointment, the cancel confirmation, cancelling and a failed cancellation', async () => {
      const { adapter } = alexOn();
      const el = await mountCalendar(adapter);
      await until(() => calendarReady(el), 'drawn');
      calendarEventButton(el, 'seed-1')!.click();
      await until(() => detailsDialog(el).open, 'details');
      await expectNoWcagViolations(el, 'details');
      buttonIn(detailsDialog(el), 'Manage Appointment')!.click();
      await el.updateComplete;
      await expectNoWcagViolations(el, 'Manage Appointment open');
      buttonIn(detailsDialog(el), 'Cancel appointment')!.click();
      await until(() => buttonIn(detailsDialog(el), 'Yes, cancel appointment'), 'the confirmation');
      await expectNoWcagViolations(el, 'cancel confirmation');
      adapter.failNext('cancelAppointment');
      const release = adapter.holdNext('cancelAppointment');
      buttonIn(detailsDialog(el), 'Yes, cancel appointment')!.click();
      await until(() => buttonIn(detailsDialog(el), 'Cancelling…'), 'Cancelling…');
      await expectNoWcagViolations(el, 'cancelling');
      release();
      await until(() => text(detailsDialog(el).querySelector('[role="alert"]')).includes('could not reach'), 'the error');
      await expectNoWcagViolations(el, 'cancel failed');
    });

    it('details of a past appointment, with why it cannot be changed', async () => {
      const { adapter } = alexOn();
      const el = await mountCalendar(adapter, { initialDate: '2026-11-17' });
      await until(() => calendarPart(el).getAttribute('aria-busy') === 'false' && agendaButton(el, 'seed-3'), 'seed-3 listed');
      agendaButton(el, 'seed-3')!.click();
      await until(() => detailsDialog(el).open && text(detailsDialog(el)).includes('already taken place'), 'the details');
      await expectNoWcagViolations(el, 'past details');
    });

    it('a click on empty time opens the form there, saying why a time is not open', async () => {
      const { adapter } = alexOn();
      const el = await mountCalendar(adapter);
      await until(() => calendarReady(el) && rootOf(el).querySelector('[part~="new-appointment"]'), 'drawn');
      await nextFrame();
      // Tuesday 8 December 9:00: Dr. Chen is not at Riverside on Tuesdays.
      await clickAt(slotPoint(rootOf(el), '2026-12-08', '09:00'));
      await until(() => nestedFormOpen(el), 'the form');
      const form = nestedForm(el)!;
      await choose(formField(form, 'Provider'), 'dr-chen');
      await until(() => formField(form, 'Location'), 'Location');
      await choose(formField(form, 'Location'), 'riverside');
      await choose(formField(form, 'Service'), 'individual-50');
      await until(() => gridDrawn(form) && text(formNotice(form)).length > 0, 'the notice at Availability');
      await expectNoWcagViolations(el, 'form from a time pick, with a notice');
    });
  });
});
