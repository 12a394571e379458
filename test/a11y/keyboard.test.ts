/**
 * The keyboard alone, with real key presses (sendKeys): booking from the New Appointment button to
 * View My Appointments, in the Appointments tab and in the Calendar tab, and Manage Appointment
 * (cancel and change) in both. After every key press, focus must be on something shown, usable
 * (not inert, not behind a modal dialog, not hidden) and visibly drawn (:focus-visible with an
 * outline of at least 2 px, or a box-shadow) — WCAG 2.1.1, 2.4.3, 2.4.7 and 2.4.11.
 */
import { expect, fixtureCleanup } from '@open-wc/testing';
import { domId } from '../../src/elements/shared/dom-id.js';
import { sendKeys, setViewport } from '@web/test-runner-commands';
import type { AppointmentCalendarElement } from '../../src/elements/appointment-calendar/appointment-calendar.js';
import type { SelfScheduleForm } from '../../src/elements/self-schedule-form/self-schedule-form.js';
import { MemoryAdapter } from '../../src/adapters/memory/memory-adapter.js';
import { nyTime } from '../support/fixtures.js';
import type { ControlledAdapter } from './elements.js';
import {
  agendaButton,
  alex,
  alexOn,
  buttonIn,
  calendarEventButton,
  calendarReady,
  chenAtDec7,
  detailsDialog,
  formAlert,
  formField,
  formHeading,
  formRoot,
  gridDrawn,
  mountCalendar,
  mountForm,
  mountStatus,
  nestedForm,
  rootOf,
  slotAt,
  slots,
  statusItem,
  text,
} from './elements.js';
import { deepActiveElement, expectVisibleFocus, focusSettlesOn, pressUntil, until } from './support.js';

const wide = { width: 1280, height: 1000 };

/** Presses `key`, then checks focus is visible and usable. */
async function press(key: string, context: string): Promise<void> {
  await sendKeys({ press: key });
  expectVisibleFocus(`${key} (${context})`);
}

/** Focus leaves everything, so the next Tab starts from the top of the page. */
function startFromTop(): void {
  (deepActiveElement() as HTMLElement | null)?.blur();
  (document.activeElement as HTMLElement | null)?.blur();
}

/** Chooses the first option of a focused select with ArrowDown, as a keyboard user does. */
async function firstOption(form: SelfScheduleForm, label: string): Promise<string> {
  const select = () => formField(form, label);
  await until(() => select() && !select()!.disabled && select()!.options.length > 1, `${label} ready`);
  await pressUntil(select);
  await press('ArrowDown', label);
  await until(() => select()!.value !== '', `${label} chosen`);
  return select()!.value;
}

/**
 * From the form's first field (or its Availability step, when it opens there) to its done step:
 * Provider, Location and Service with the arrow keys (Continue on a narrow screen; a wide one
 * shows the times beside the choices at once), a start time from the list with the arrow keys
 * and Enter, Save, Submit. Returns the heading of the step it ends at.
 */
async function bookWithKeys(form: SelfScheduleForm, options: { choose?: boolean; submit: string }): Promise<string> {
  if (options.choose ?? true) {
    expect(await firstOption(form, 'Provider')).to.equal('dr-chen');
    expect(await firstOption(form, 'Location')).to.equal('riverside');
    expect(await firstOption(form, 'Service')).to.equal('individual-50');
  }
  const steps = (options.choose ?? true) && buttonIn(formRoot(form), 'Continue') !== undefined;
  if (steps) {
    await until(() => !buttonIn(formRoot(form), 'Continue')!.disabled, 'Continue enabled');
    await pressUntil(() => buttonIn(formRoot(form), 'Continue'));
    await press('Enter', 'Continue');
  }
  await until(() => formHeading(form) === 'Availability' && slots(form).length > 1, 'Availability with start times');
  if (steps) {
    // Focus follows the step: the Availability heading.
    await focusSettlesOn(() => formRoot(form).querySelector('[data-step-heading]'), 'the Availability heading');
  } else if (options.choose ?? true) {
    // The times appeared below the choices: the client is still where they were, on Service.
    await focusSettlesOn(() => formField(form, 'Service'), 'the Service select');
  } else {
    // Opened at Availability (a change): the dialog put focus on its first control.
    await until(() => form.shadowRoot!.querySelector('dialog')!.contains(deepActiveElement()), 'focus in the form');
  }
  expectVisibleFocus('Availability');

  // One tab stop in the list of start times; the arrows move within it.
  await pressUntil(() => slots(form).find((slot) => slot.tabIndex === 0));
  await press('ArrowDown', 'the second start time');
  const chosen = slots(form)[1];
  expect(deepActiveElement()).to.equal(chosen);
  await press('Enter', 'choose the start time');
  await until(() => chosen.getAttribute('aria-pressed') === 'true', 'the start time chosen');

  await pressUntil(() => buttonIn(formRoot(form), 'Save'));
  await press('Enter', 'Save');
  await until(() => formHeading(form).startsWith('Review'), 'the review');
  await focusSettlesOn(() => formRoot(form).querySelector('[data-step-heading]'), 'the review heading');
  expect(text(formRoot(form).querySelector('dl'))).to.contain(chosen.getAttribute('aria-label')!.replace('Start at ', ''));

  await pressUntil(() => buttonIn(formRoot(form), options.submit));
  await press('Enter', options.submit);
  await until(() => formRoot(form).querySelector('[data-step-heading]') && !formHeading(form).startsWith('Review'), 'the done step');
  await focusSettlesOn(() => formRoot(form).querySelector('[data-step-heading]'), 'the done heading');
  return formHeading(form);
}

/** Tabs to the form's View My Appointments and presses Enter; waits for the form to close. */
async function viewMyAppointments(form: SelfScheduleForm): Promise<void> {
  await pressUntil(() => buttonIn(formRoot(form), 'View My Appointments'));
  await sendKeys({ press: 'Enter' });
  await until(() => !form.open, 'the form closed');
}

describe('keyboard only', function () {
  this.timeout(180_000);
  before(() => setViewport(wide));
  afterEach(async () => {
    fixtureCleanup();
    await setViewport(wide);
  });

  describe('<self-schedule-form>', () => {
    it('keeps focus on Save while the time is checked, and on the Availability heading when it is refused', async () => {
      const { practice, adapter } = alexOn();
      const form = await mountForm(adapter, chenAtDec7);
      await until(() => gridDrawn(form) && slotAt(form, 7, '9:00 AM'), 'Availability');
      slotAt(form, 7, '9:00 AM')!.focus();
      await press('Enter', 'choose 9:00');
      await until(() => slotAt(form, 7, '9:00 AM')!.getAttribute('aria-pressed') === 'true', 'chosen');
      // Someone else takes 9:00 meanwhile.
      await new MemoryAdapter({ practice, clientId: 'client-taylor' }).requestAppointment(
        { providerId: 'dr-chen', locationId: 'riverside', serviceId: 'individual-50', start: nyTime(7, '09:00'), end: nyTime(7, '09:50') },
        { idempotencyKey: 'taylor-keyboard' },
      );
      const release = adapter.holdNext('validateRequest');
      await pressUntil(() => buttonIn(formRoot(form), 'Save'));
      await press('Enter', 'Save');
      await until(() => buttonIn(formRoot(form), 'Checking…'), 'Checking…');
      expect(buttonIn(formRoot(form), 'Checking…')!.getAttribute('aria-disabled')).to.equal('true');
      expectVisibleFocus('while the time is checked');
      release();
      await until(() => text(formAlert(form)).length > 0, 'the refusal');
      await focusSettlesOn(() => formRoot(form).querySelector('[data-step-heading]'), 'after the refusal');
      expect(buttonIn(formRoot(form), 'Save')!.disabled, 'Save waits for another time').to.equal(true);
    });
  });

  describe('<appointment-status>', () => {
    it('books from New Appointment to View My Appointments, and lands on the new appointment', async () => {
      const { practice, adapter } = alexOn();
      const before = new Set(practice.appointmentsOf(alex).map((a) => a.id));
      const el = await mountStatus(adapter);
      const newAppointment = () => rootOf(el).querySelector<HTMLButtonElement>('[part~="new-appointment"]');
      await until(() => newAppointment() && statusItem(el, 'seed-1'), 'the list and New Appointment');

      startFromTop();
      await pressUntil(newAppointment);
      await press('Enter', 'New Appointment');
      await until(() => nestedForm(el)?.open, 'the form open');
      const form = nestedForm(el)!;
      expectVisibleFocus('the form opened');

      expect(await bookWithKeys(form, { submit: 'Submit New Appointment' })).to.equal('Appointment request sent');
      const [created] = practice.appointmentsOf(alex).filter((a) => !before.has(a.id));
      expect(created, 'a new request').to.not.equal(undefined);
      expect(created.status).to.equal('unconfirmed');

      await viewMyAppointments(form);
      const heading = () => rootOf(el).getElementById(domId('appointment', created.id));
      await focusSettlesOn(() => heading(), 'the new appointment');
      expect(text(statusItem(el, created.id)!.querySelector('[part~="status"]'))).to.equal('Unconfirmed');
    });

    it('cancels with Manage Appointment: Escape keeps it, the confirmation cancels it, focus returns each time', async () => {
      const { practice, adapter } = alexOn();
      const el = await mountStatus(adapter);
      await until(() => statusItem(el, 'seed-1'), 'the list');
      const manage = () => buttonIn(statusItem(el, 'seed-1'), 'Manage Appointment');
      const cancel = () => buttonIn(statusItem(el, 'seed-1'), 'Cancel appointment');
      const dialog = () => rootOf(el).querySelector<HTMLDialogElement>('dialog[part~="dialog"]')!;

      startFromTop();
      await pressUntil(manage);
      await press('Enter', 'Manage Appointment');
      await until(() => manage()!.getAttribute('aria-expanded') === 'true', 'Manage Appointment open');
      await pressUntil(cancel);
      await press('Enter', 'Cancel appointment');
      await until(() => dialog().open, 'the confirmation');
      expectVisibleFocus('the confirmation opened');
      expect(dialog().contains(deepActiveElement())).to.equal(true);

      await sendKeys({ press: 'Escape' });
      await until(() => !dialog().open, 'the confirmation closed');
      await focusSettlesOn(cancel, 'after Escape, back on Cancel appointment');
      expect(practice.appointmentsOf(alex).find((a) => a.id === 'seed-1')!.status).to.equal('confirmed');

      await press('Enter', 'Cancel appointment again');
      await until(() => dialog().open, 'the confirmation again');
      await pressUntil(() => buttonIn(dialog(), 'Yes, cancel appointment'));
      await sendKeys({ press: 'Enter' });
      await until(() => !dialog().open, 'the confirmation closed');
      await focusSettlesOn(() => rootOf(el).getElementById(domId('appointment', 'seed-1')), 'the cancelled appointment');
      expect(practice.appointmentsOf(alex).find((a) => a.id === 'seed-1')!.status).to.equal('cancelled');
      expect(text(statusItem(el, 'seed-1')!.querySelector('[part~="status"]'))).to.equal('Cancelled');
    });

    it('changes an appointment with Manage Appointment and the form, and lands on it again', async () => {
      const { practice, adapter } = alexOn();
      const el = await mountStatus(adapter);
      await until(() => statusItem(el, 'seed-1'), 'the list');
      const manage = () => buttonIn(statusItem(el, 'seed-1'), 'Manage Appointment');

      startFromTop();
      await pressUntil(manage);
      await press('Enter', 'Manage Appointment');
      await pressUntil(() => buttonIn(statusItem(el, 'seed-1'), 'Change appointment'));
      await press('Enter', 'Change appointment');
      await until(() => nestedForm(el)?.open, 'the form open');
      const form = nestedForm(el)!;
      const before = practice.appointmentsOf(alex).find((a) => a.id === 'seed-1')!.start;

      expect(await bookWithKeys(form, { choose: false, submit: 'Submit Change' })).to.equal('Change request sent');
      const after = practice.appointmentsOf(alex).find((a) => a.id === 'seed-1')!;
      expect(after.start).to.not.equal(before);
      expect(after.status).to.equal('unconfirmed');

      await viewMyAppointments(form);
      await focusSettlesOn(() => rootOf(el).getElementById(domId('appointment', 'seed-1')), 'the moved appointment');
    });
  });

  describe('<appointment-calendar>', () => {
    /** Mounts the calendar at the week of 7 December and waits for it to be drawn. */
    async function drawnCalendar(adapter: ControlledAdapter): Promise<AppointmentCalendarElement> {
      const el = await mountCalendar(adapter);
      await until(() => calendarReady(el) && rootOf(el).querySelector('[part~="new-appointment"]'), 'the calendar drawn');
      return el;
    }

    it('books from New Appointment to View My Appointments, and lands on the new appointment', async () => {
      const { practice, adapter } = alexOn();
      const before = new Set(practice.appointmentsOf(alex).map((a) => a.id));
      const el = await drawnCalendar(adapter);

      startFromTop();
      await pressUntil(() => rootOf(el).querySelector('[part~="new-appointment"]'));
      await press('Enter', 'New Appointment');
      await until(() => nestedForm(el)?.open, 'the form open');
      const form = nestedForm(el)!;
      expectVisibleFocus('the form opened');

      expect(await bookWithKeys(form, { submit: 'Submit New Appointment' })).to.equal('Appointment request sent');
      const [created] = practice.appointmentsOf(alex).filter((a) => !before.has(a.id));
      expect(created, 'a new request').to.not.equal(undefined);

      await viewMyAppointments(form);
      await focusSettlesOn(() => agendaButton(el, created.id), 'the new appointment');
      expect(text(agendaButton(el, created.id))).to.contain('Unconfirmed');
    });

    it('opens an appointment on the grid with Enter and cancels it through Manage Appointment', async () => {
      const { practice, adapter } = alexOn();
      const el = await drawnCalendar(adapter);
      const dialog = () => detailsDialog(el);

      startFromTop();
      // FullCalendar's own event is a tab stop on the grid.
      await pressUntil(() => calendarEventButton(el, 'seed-1'));
      await press('Enter', 'the appointment on the grid');
      await until(() => dialog().open, 'the details');
      expectVisibleFocus('the details opened');
      expect(dialog().contains(deepActiveElement())).to.equal(true);

      await pressUntil(() => buttonIn(dialog(), 'Manage Appointment'));
      await press('Enter', 'Manage Appointment');
      await pressUntil(() => buttonIn(dialog(), 'Cancel appointment'));
      await press('Enter', 'Cancel appointment');
      await focusSettlesOn(() => dialog().querySelector('#cancel-heading'), 'the confirmation heading');

      await pressUntil(() => buttonIn(dialog(), 'Yes, cancel appointment'));
      await sendKeys({ press: 'Enter' });
      await until(() => !dialog().open, 'the details closed');
      await focusSettlesOn(() => agendaButton(el, 'seed-1'), 'the cancelled appointment in the list');
      expect(practice.appointmentsOf(alex).find((a) => a.id === 'seed-1')!.status).to.equal('cancelled');
    });

    it('changes an appointment from the list under the calendar, and lands on it again', async () => {
      const { practice, adapter } = alexOn();
      const el = await drawnCalendar(adapter);
      const dialog = () => detailsDialog(el);
      const before = practice.appointmentsOf(alex).find((a) => a.id === 'seed-1')!.start;

      startFromTop();
      await pressUntil(() => agendaButton(el, 'seed-1'));
      await press('Enter', 'the appointment in the list');
      await until(() => dialog().open, 'the details');
      await pressUntil(() => buttonIn(dialog(), 'Manage Appointment'));
      await press('Enter', 'Manage Appointment');
      await pressUntil(() => buttonIn(dialog(), 'Change appointment'));
      await sendKeys({ press: 'Enter' });
      await until(() => nestedForm(el)?.open && !dialog().open, 'the form instead of the details');
      const form = nestedForm(el)!;

      expect(await bookWithKeys(form, { choose: false, submit: 'Submit Change' })).to.equal('Change request sent');
      expect(practice.appointmentsOf(alex).find((a) => a.id === 'seed-1')!.start).to.not.equal(before);

      await viewMyAppointments(form);
      await focusSettlesOn(() => agendaButton(el, 'seed-1'), 'the moved appointment');
    });
  });
});
