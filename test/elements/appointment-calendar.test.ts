/**
 * The Calendar tab from the client's side: appointments on FullCalendar's week, month, day and
 * (narrow) list views, labelled with their status in words; live status from the watch, seen in
 * this view and in an <appointment-status> on the same practice; a click on empty time opening
 * the form at that time; details with Manage Appointment (change, cancel); New Appointment only
 * where a therapist self-schedules; loading, empty and error states; accessibility of each.
 *
 * Real pointer input (sendMouse) on the calendar. FullCalendar's class names are hashed, so
 * cells are found by role and data-date / data-time, and appointments by the element's own
 * labels (`data-appointment-id` on the content it renders).
 *
 * The practice is the demo practice on the fixed test clock (Tuesday 1 December 2026, 10:00 in
 * New York): Alex has seed-1 (Confirmed, Monday 7 December 10:00–10:50, Individual Therapy with
 * Dr. Chen at Riverside) and seed-2 (Unconfirmed, Wednesday 9 December 17:00–17:25, Brief
 * Check-in with Jordan Alvarez by telehealth). Dr. Chen sees clients at Riverside on Mondays,
 * Wednesdays and Fridays 09:00–17:00, so Wednesday 9:00 is open and Tuesday 9:00 is not.
 */
import { expect, fixtureCleanup, oneEvent, waitUntil } from '@open-wc/testing';
import { emulateMedia, resetMouse, sendKeys, setViewport } from '@web/test-runner-commands';
import type { AppointmentCalendarElement } from '../../src/elements/appointment-calendar/appointment-calendar.js';
import type {
  AppointmentCancelEvent,
  AppointmentCancelFailEvent,
  AppointmentChangeEvent,
  AppointmentSelectEvent,
  AppointmentStatusChangeEvent,
  RangeChangeEvent,
  TimePickEvent,
} from '../../src/elements/appointment-calendar/appointment-calendar.events.js';
import type { AppointmentStatusElement } from '../../src/elements/appointment-status/appointment-status.js';
import type { SelfScheduleForm } from '../../src/elements/self-schedule-form/self-schedule-form.js';
import { MemoryAdapter } from '../../src/adapters/memory/memory-adapter.js';
import {
  agendaButton,
  agendaIds,
  calendarAlert,
  calendarEvent,
  calendarEventButton,
  calendarNotice,
  calendarPart,
  detailsDialog,
  drawn,
  emptyText,
  fcList,
  grid,
  mountCalendar,
  mountDrawn,
  rangeText,
  toolbarButton,
} from '../support/calendar-driver.js';
import {
  alex,
  alexOnPractice,
  alexWithoutSelfScheduling,
  buttonIn,
  deepActiveElement,
  formHeading,
  formSlot,
  formStep,
  nestedForm,
  networkError,
  newAppointmentButton,
  openedForm,
  rootOf,
  text,
  zone,
} from '../support/element-driver.js';
import { NOW, nyTime } from '../support/fixtures.js';
import { Practice, createDemoPractice } from '../../src/testing/index.js';
import { clickAt, slotPoint } from '../support/grid-helpers.js';
// The status element is mounted beside the calendar in some tests.
import '../../src/elements/appointment-status/appointment-status.js';

/** FullCalendar (and the module wrapping it) fetched so far. */
const calendarModuleFetched = () =>
  performance.getEntriesByType('resource').some((entry) => /appointment-calendar\/calendar-view|\/fullcalendar\//.test(entry.name));
// Taken before any calendar exists: the element's import must not bring FullCalendar along.
const fetchedAtLoad = calendarModuleFetched();
const headStylesAtLoad = document.head.querySelectorAll('style, link[rel="stylesheet"]').length;

const wide = { width: 1280, height: 1600 };
const phone = { width: 375, height: 800 };

const seed1When = 'Monday, December 7, 2026 at 10:00 AM EST';
const seed2When = 'Wednesday, December 9, 2026 at 5:00 PM EST';
const seed1Label = 'Individual Therapy with Dr. Maya Chen — Confirmed';
const seed2Label = 'Brief Check-in with Jordan Alvarez — Unconfirmed';

const eventLabel = (el: AppointmentCalendarElement, id: string) => text(calendarEvent(el, id));
/** The dates heading the columns of the week or day shown. */
const columnDates = (el: AppointmentCalendarElement) =>
  [...calendarPart(el).querySelectorAll('[role="columnheader"][data-date]')].map((header) => header.getAttribute('data-date'));

async function clickElement(element: Element): Promise<void> {
  const rect = element.getBoundingClientRect();
  await clickAt([Math.round(rect.left + rect.width / 2), Math.round(rect.top + Math.min(rect.height / 2, 8))]);
}

/** Whether `element`'s middle lies in the day column of `date`. */
function inColumn(el: AppointmentCalendarElement, element: Element, date: string): boolean {
  const column = calendarPart(el).querySelector(`[role="columnheader"][data-date="${date}"]`)!.getBoundingClientRect();
  const rect = element.getBoundingClientRect();
  const middle = rect.left + rect.width / 2;
  return column.left <= middle && middle <= column.right;
}

/** Clicks an appointment on the calendar and waits for its details. */
async function openDetailsByClick(el: AppointmentCalendarElement, id: string): Promise<HTMLDialogElement> {
  await clickElement(calendarEventButton(el, id)!);
  await waitUntil(() => detailsDialog(el).open, 'the details dialog', { timeout: 2000 });
  await el.updateComplete;
  return detailsDialog(el);
}

/** Chooses an option of the form's Provider, Location or Service select, as a person would. */
async function chooseInForm(form: SelfScheduleForm, field: 'provider' | 'location' | 'service', value: string): Promise<void> {
  const select = () => form.shadowRoot!.querySelector<HTMLSelectElement>(`#${field}-select`);
  await waitUntil(() => select() && !select()!.disabled && [...select()!.options].some((o) => o.value === value), `${field} ${value}`, {
    timeout: 3000,
  });
  select()!.value = value;
  select()!.dispatchEvent(new Event('change', { bubbles: true }));
  await form.updateComplete;
}

/** Picks Dr. Chen, Riverside and Individual Therapy in the form and waits for Availability. */
async function chooseChenInForm(form: SelfScheduleForm): Promise<void> {
  await chooseInForm(form, 'provider', 'dr-chen');
  await chooseInForm(form, 'location', 'riverside');
  await chooseInForm(form, 'service', 'individual-50');
  // A wide form shows the times as soon as the choices are made; a narrow one asks to Continue.
  buttonIn(form.shadowRoot, 'Continue')?.click();
  await formStep(form, 'Availability');
}

// <appointment-status> on the same page.
const statusElement = () => document.querySelector<AppointmentStatusElement>('appointment-status')!;
const statusItem = (id: string) => statusElement().shadowRoot!.querySelector(`[part~="appointment"][data-id="${id}"]`);
const statusInList = (id: string) => text(statusItem(id)?.querySelector('[part~="status"]'));

// ---- the tests ---------------------------------------------------------------------------------

describe('<appointment-calendar>', () => {
  before(() => setViewport(wide));
  afterEach(async () => {
    await resetMouse();
    fixtureCleanup();
    await setViewport(wide);
  });

  describe('views', () => {
    // Must stay the first test of the file: modules are fetched once per page.
    it("loads FullCalendar with import() when first shown, styled inside the shadow root, adding nothing to the page's head", async () => {
      expect(fetchedAtLoad, 'FullCalendar fetched with the element').to.equal(false);
      const { adapter } = alexOnPractice();
      const el = await mountDrawn(adapter);
      expect(calendarModuleFetched()).to.equal(true);
      // Laid out by FullCalendar's own stylesheet, adopted by this shadow root only.
      expect(rootOf(el).adoptedStyleSheets.length).to.be.greaterThan(1);
      expect(getComputedStyle(grid(el)!).display).to.equal('flex');
      expect(document.head.querySelectorAll('style, link[rel="stylesheet"]').length).to.equal(headStylesAtLoad);
    });

    it("paints FullCalendar in the element's colours once it is drawn, today's column tinted over the shared theme", async () => {
      const { adapter } = alexOnPractice();
      const el = await mountDrawn(adapter);
      const calendar = getComputedStyle(calendarPart(el));
      const host = getComputedStyle(el);
      expect(calendar.getPropertyValue('--fc-classic-background').trim()).to.equal(host.getPropertyValue('--ss-color-background').trim());
      expect(calendar.getPropertyValue('--fc-classic-today')).to.contain('6%');
    });

    it('labels each appointment with service, provider and status in words in the week, month and day views', async () => {
      const { adapter } = alexOnPractice();
      const el = await mountDrawn(adapter);

      // Week: FullCalendar's time grid, from the locale's first day (Sunday in en-US).
      expect(columnDates(el)).to.deep.equal(['2026-12-06', '2026-12-07', '2026-12-08', '2026-12-09', '2026-12-10', '2026-12-11', '2026-12-12']);
      expect(rangeText(el)).to.equal('December 6 – 12, 2026');
      expect(toolbarButton(el, 'Week').getAttribute('aria-pressed')).to.equal('true');
      expect(eventLabel(el, 'seed-1')).to.equal(`10:00 AM ${seed1Label}`);
      expect(eventLabel(el, 'seed-2')).to.equal(`5:00 PM ${seed2Label}`);
      expect(inColumn(el, calendarEventButton(el, 'seed-1')!, '2026-12-07'), 'seed-1 on Monday').to.equal(true);
      expect(inColumn(el, calendarEventButton(el, 'seed-2')!, '2026-12-09'), 'seed-2 on Wednesday').to.equal(true);
      // Another client's appointment (seed-4, the same Monday) is not the client's to see.
      expect(Boolean(calendarEvent(el, 'seed-4'))).to.equal(false);
      // The same appointments listed under the calendar, in time order, with the date and time.
      expect(agendaIds(el)).to.deep.equal(['seed-1', 'seed-2']);
      expect(text(agendaButton(el, 'seed-1'))).to.equal(`${seed1When} ${seed1Label}`);
      expect(text(rootOf(el).querySelector('#agenda-heading'))).to.equal('Appointments in this week');
      for (const header of calendarPart(el).querySelectorAll('[role="columnheader"][data-date]')) {
        expect(header.getAttribute('aria-label')).to.match(/^December \d+, 2026$/);
      }
      await expect(el).to.be.accessible();

      // Month.
      const ranges: RangeChangeEvent[] = [];
      el.addEventListener('ss-range-change', (event) => ranges.push(event));
      toolbarButton(el, 'Month').click();
      await drawn(el, () => calendarPart(el).querySelector('[role="gridcell"][data-date="2026-11-29"]') && calendarEvent(el, 'seed-1'));
      expect(toolbarButton(el, 'Month').getAttribute('aria-pressed')).to.equal('true');
      expect(toolbarButton(el, 'Week').getAttribute('aria-pressed')).to.equal('false');
      expect(rangeText(el)).to.equal('December 2026');
      expect(eventLabel(el, 'seed-1')).to.contain(seed1Label);
      expect(eventLabel(el, 'seed-2')).to.contain(seed2Label);
      expect(calendarEvent(el, 'seed-1')!.closest('[role="gridcell"]')!.getAttribute('data-date')).to.equal('2026-12-07');
      expect(text(rootOf(el).querySelector('#agenda-heading'))).to.equal('Appointments in this month');
      expect(ranges.map((r) => [r.view, r.start, r.end])).to.deep.equal([['month', '2026-12-01T05:00:00.000Z', '2027-01-01T05:00:00.000Z']]);
      expect(Boolean(toolbarButton(el, 'Previous month')), 'Previous month').to.equal(true);

      // Day: the day of the initial date, Monday 7 December.
      toolbarButton(el, 'Day').click();
      await drawn(el, () => columnDates(el).join() === '2026-12-07' && calendarEvent(el, 'seed-1'));
      expect(rangeText(el)).to.equal('December 7, 2026');
      expect(eventLabel(el, 'seed-1')).to.contain(seed1Label);
      expect(Boolean(calendarEvent(el, 'seed-2')), 'Wednesday not shown').to.equal(false);
      expect(agendaIds(el)).to.deep.equal(['seed-1']);

      toolbarButton(el, 'Next day').click();
      await drawn(el, () => columnDates(el).join() === '2026-12-08');
      expect(agendaIds(el)).to.deep.equal([]);
      expect(emptyText(el)).to.equal('No appointments on this day');
    });

    it('starts at the week of now(), says when a week has no appointments, and moves between weeks', async () => {
      const { adapter } = alexOnPractice();
      const el = await mountCalendar(adapter, { initialDate: null });
      // The list under the calendar can come before the grid's lazy code: wait for both.
      await drawn(el, () => emptyText(el) && columnDates(el).length > 0);
      expect(columnDates(el)[0]).to.equal('2026-11-29');
      expect(emptyText(el)).to.equal('No appointments in this week');
      await expect(el).to.be.accessible();

      toolbarButton(el, 'Next week').click();
      await drawn(el, () => columnDates(el)[0] === '2026-12-06' && calendarEvent(el, 'seed-1'));
      expect(agendaIds(el)).to.deep.equal(['seed-1', 'seed-2']);
      toolbarButton(el, 'Today').click();
      await drawn(el, () => columnDates(el)[0] === '2026-11-29');
      expect(emptyText(el)).to.equal('No appointments in this week');
    });

    it('is a list of the week on a narrow screen (375 px), labelled the same, and a grid again when wide', async () => {
      const { adapter } = alexOnPractice();
      await setViewport(phone);
      const el = await mountDrawn(adapter);
      expect(Boolean(grid(el)), 'no grid on a phone').to.equal(false);
      expect(Boolean(fcList(el)), "FullCalendar's list view").to.equal(true);
      // The list has room to say when each one ends.
      expect(eventLabel(el, 'seed-1')).to.equal(`10:00 – 10:50 AM ${seed1Label}`);
      expect(eventLabel(el, 'seed-2')).to.equal(`5:00 – 5:25 PM ${seed2Label}`);
      expect(calendarEventButton(el, 'seed-1')!.getAttribute('role')).to.equal('listitem');
      // The keyboard's way in: the list of buttons under the calendar.
      expect(agendaIds(el)).to.deep.equal(['seed-1', 'seed-2']);
      // The calendar has a height worked out from what it lists, so nothing is cut off.
      const part = calendarPart(el).getBoundingClientRect();
      expect(calendarEventButton(el, 'seed-2')!.getBoundingClientRect().bottom).to.be.at.most(part.bottom);
      await expect(el).to.be.accessible();

      // A tap on an appointment opens its details there too.
      const dialog = await openDetailsByClick(el, 'seed-2');
      expect(text(dialog)).to.contain('Unconfirmed');
      dialog.close();

      await setViewport(wide);
      await drawn(el, () => grid(el) && calendarEvent(el, 'seed-1'));
      expect(eventLabel(el, 'seed-1')).to.contain(seed1Label);
    });

    it("writes dates in the nearest lang (FullCalendar's too) and takes replacement strings", async () => {
      const { adapter } = alexOnPractice();
      const el = await mountDrawn(adapter, {
        lang: 'de-DE',
        strings: { heading: 'Kalender', confirmed: 'Bestätigt', unconfirmed: 'Unbestätigt', eventTitle: (service, provider) => `${service} bei ${provider}`, statusSeparator: ': ' },
      });
      // Monday is the first day of the week in Germany.
      expect(columnDates(el)[0]).to.equal('2026-12-07');
      expect(calendarPart(el).querySelector('[role="columnheader"][data-date="2026-12-07"]')!.getAttribute('aria-label')).to.equal('7. Dezember 2026');
      expect(eventLabel(el, 'seed-1')).to.equal('10:00 Individual Therapy bei Dr. Maya Chen: Bestätigt');
      expect(text(rootOf(el).querySelector('h2'))).to.equal('Kalender');
      expect(text(agendaButton(el, 'seed-1'))).to.contain('Montag, 7. Dezember 2026');
    });
  });

  describe('live', () => {
    it("shows a therapist's confirmation without a reload, announces it, and so does <appointment-status> on the same practice", async () => {
      const { practice, adapter } = alexOnPractice();
      const el = await mountDrawn(adapter, { statusAdapter: new MemoryAdapter({ practice, clientId: alex }) });
      await waitUntil(() => statusInList('seed-2') === 'Unconfirmed', 'the Appointments tab listed', { timeout: 3000 });
      expect(text(calendarNotice(el))).to.equal('');
      const heard = oneEvent(el, 'ss-status-change') as Promise<AppointmentStatusChangeEvent>;

      practice.confirm('seed-2');
      await waitUntil(() => eventLabel(el, 'seed-2').includes('Brief Check-in with Jordan Alvarez — Confirmed'), 'confirmed on the calendar', {
        timeout: 2000,
      });
      await el.updateComplete;
      expect(text(calendarNotice(el))).to.equal(`Your appointment with Jordan Alvarez on ${seed2When} is now Confirmed.`);
      expect(text(agendaButton(el, 'seed-2'))).to.contain('— Confirmed');
      const event = await heard;
      expect(event.appointment.id).to.equal('seed-2');
      expect(event.previousStatus).to.equal('unconfirmed');
      expect(event.bubbles && event.composed).to.equal(true);
      // The other view, watching the same practice through its own adapter.
      await waitUntil(() => statusInList('seed-2') === 'Confirmed', 'confirmed in the Appointments tab', { timeout: 2000 });

      // A cancellation made elsewhere (another adapter on the same practice) arrives the same way.
      practice.cancel(alex, 'seed-1', 'cancelled-in-another-view');
      await waitUntil(() => eventLabel(el, 'seed-1').includes('— Cancelled'), 'cancelled on the calendar', { timeout: 2000 });
      expect(text(calendarNotice(el))).to.equal(`Your appointment with Dr. Maya Chen on ${seed1When} is now Cancelled.`);
      expect(adapter.watches).to.equal(1);
    });

    it('shows a declined request struck through with the word, and its details say why instead of Manage Appointment', async () => {
      const { practice, adapter } = alexOnPractice();
      const el = await mountDrawn(adapter);
      practice.decline('seed-2', 'Away that evening; another day works.');
      await waitUntil(() => eventLabel(el, 'seed-2').includes('— Declined'), 'declined on the calendar', { timeout: 2000 });
      expect(text(calendarNotice(el))).to.contain('is now Declined.');
      const title = calendarEvent(el, 'seed-2')!.querySelector('.appointment-title')!;
      expect(getComputedStyle(title).textDecorationLine).to.contain('line-through');
      expect(getComputedStyle(agendaButton(el, 'seed-2')!.querySelector('.what')!).textDecorationLine).to.contain('line-through');

      const dialog = await openDetailsByClick(el, 'seed-2');
      expect(text(dialog.querySelector('[part~="status"]'))).to.equal('Declined');
      expect(text(dialog)).to.contain('Your therapist declined this request.');
      expect(text(dialog.querySelector('[part="decline-note"]'))).to.equal('Away that evening; another day works.');
      expect(Boolean(buttonIn(dialog, 'Manage Appointment'))).to.equal(false);
    });
  });

  describe('asking for a time on the calendar', () => {
    it('opens the form at a clicked open time (Wed 9:00), which shows it chosen once provider, location and service are picked', async () => {
      const { practice, adapter } = alexOnPractice();
      const el = await mountDrawn(adapter);
      await waitUntil(() => newAppointmentButton(el), 'New Appointment', { timeout: 2000 });
      const picked = oneEvent(el, 'ss-time-pick') as Promise<TimePickEvent>;
      let picks = 0;
      el.addEventListener('ss-time-pick', () => (picks += 1));

      await clickAt(slotPoint(rootOf(el), '2026-12-09', '09:00'));
      const pick = await picked;
      expect(Date.parse(pick.start)).to.equal(Date.parse(nyTime(9, '09:00')));
      expect(pick.allDay).to.equal(false);
      const form = await openedForm(el);
      expect(picks, 'one pick for one click').to.equal(1);
      expect(Date.parse(form.start!)).to.equal(Date.parse(nyTime(9, '09:00')));
      expect(form.provider ?? form.location ?? form.service).to.equal(undefined);
      expect(form.changing).to.equal(undefined);
      expect(form.adapter === adapter, 'the same adapter').to.equal(true);
      expect(form.timeZone).to.equal(zone);

      await chooseChenInForm(form);
      await waitUntil(() => formSlot(form, 9, '9:00 AM')?.getAttribute('aria-pressed') === 'true', 'Wednesday 9:00 chosen', {
        timeout: 5000,
      });
      await expect(el).to.be.accessible();

      // Sent from there, the request is on the calendar at once, Unconfirmed, and announced.
      buttonIn(form.shadowRoot, 'Save')!.click();
      await formStep(form, 'Review your appointment request');
      buttonIn(form.shadowRoot, 'Submit New Appointment')!.click();
      await formStep(form, 'Appointment request sent');
      const created = practice.appointmentsOf(alex).find((a) => Date.parse(a.start) === Date.parse(nyTime(9, '09:00')))!;
      await waitUntil(() => calendarEvent(el, created.id), 'the request on the calendar', { timeout: 2000 });
      expect(eventLabel(el, created.id)).to.equal('9:00 AM Individual Therapy with Dr. Maya Chen — Unconfirmed');
      expect(inColumn(el, calendarEventButton(el, created.id)!, '2026-12-09')).to.equal(true);
      expect(text(calendarNotice(el))).to.contain('Your appointment request with Dr. Maya Chen on Wednesday, December 9, 2026 at 9:00 AM EST was sent.');
      buttonIn(form.shadowRoot, 'View My Appointments')!.click();
      await waitUntil(() => deepActiveElement() === agendaButton(el, created.id), 'focus on the new request', { timeout: 2000 });
    });

    it('explains, at Availability, why a clicked time is not open (Tue 9:00: Dr. Chen has no hours at Riverside)', async () => {
      const { adapter } = alexOnPractice();
      const el = await mountDrawn(adapter);
      await waitUntil(() => newAppointmentButton(el), 'New Appointment', { timeout: 2000 });
      await clickAt(slotPoint(rootOf(el), '2026-12-08', '09:00'));
      const form = await openedForm(el);
      expect(Date.parse(form.start!)).to.equal(Date.parse(nyTime(8, '09:00')));
      await chooseChenInForm(form);
      const formNotice = () => text(form.shadowRoot!.querySelector('[part~="notice"][role="status"]'));
      await waitUntil(() => formNotice().includes('not available at that time'), 'the notice saying why', { timeout: 5000 });
      expect(formNotice()).to.contain('Your therapist is not available at that time.');
      expect([...form.shadowRoot!.querySelectorAll('[part~="slot"][aria-pressed="true"]')]).to.have.length(0);
      form.close();
    });

    it('opens the form at 9:00 on a day clicked in the month view', async () => {
      const { adapter } = alexOnPractice();
      const el = await mountDrawn(adapter);
      await waitUntil(() => newAppointmentButton(el), 'New Appointment', { timeout: 2000 });
      toolbarButton(el, 'Month').click();
      const cell = () => calendarPart(el).querySelector('[role="gridcell"][data-date="2026-12-16"]');
      await drawn(el, cell);
      const rect = cell()!.getBoundingClientRect();
      const picked = oneEvent(el, 'ss-time-pick') as Promise<TimePickEvent>;
      await clickAt([Math.round(rect.left + rect.width / 2), Math.round(rect.bottom - 10)]);
      const pick = await picked;
      expect(pick.allDay).to.equal(true);
      const form = await openedForm(el);
      expect(Date.parse(form.start!)).to.equal(Date.parse(nyTime(16, '09:00')));
      form.close();
    });

    it('opens the form from New Appointment, and keeps it closed when a listener takes the click', async () => {
      const { adapter } = alexOnPractice();
      const el = await mountDrawn(adapter);
      await waitUntil(() => newAppointmentButton(el), 'New Appointment', { timeout: 2000 });
      expect(text(rootOf(el).querySelector('.hint'))).to.contain('click directly on the calendar');
      const button = newAppointmentButton(el)!;
      button.focus();
      button.click();
      const form = await openedForm(el);
      expect(form.modal).to.equal(true);
      expect(form.start).to.equal(undefined);
      form.close();
      await waitUntil(() => deepActiveElement() === button, 'focus back on New Appointment', { timeout: 2000 });

      el.addEventListener('ss-time-pick', (event) => event.preventDefault());
      const picked = oneEvent(el, 'ss-time-pick');
      await clickAt(slotPoint(rootOf(el), '2026-12-11', '10:00'));
      await picked;
      await new Promise((resolve) => setTimeout(resolve, 100));
      expect(form.open).to.equal(false);
    });

    it('offers no New Appointment, and opens nothing on a click, when no therapist self-schedules', async () => {
      const { adapter, providersAnswered } = alexWithoutSelfScheduling();
      const el = await mountDrawn(adapter);
      await providersAnswered();
      await el.updateComplete;
      expect(Boolean(newAppointmentButton(el))).to.equal(false);
      expect(Boolean(buttonIn(rootOf(el), 'New Appointment'))).to.equal(false);
      expect(Boolean(rootOf(el).querySelector('.hint'))).to.equal(false);
      let picks = 0;
      el.addEventListener('ss-time-pick', () => (picks += 1));
      await clickAt(slotPoint(rootOf(el), '2026-12-09', '09:00'));
      await new Promise((resolve) => setTimeout(resolve, 150));
      expect(picks).to.equal(0);
      expect(Boolean(nestedForm(el))).to.equal(false);
      await expect(el).to.be.accessible();

      // Cancel stays possible, Change does not.
      const dialog = await openDetailsByClick(el, 'seed-1');
      buttonIn(dialog, 'Manage Appointment')!.click();
      await el.updateComplete;
      expect(Boolean(buttonIn(dialog, 'Cancel appointment'))).to.equal(true);
      expect(Boolean(buttonIn(dialog, 'Change appointment'))).to.equal(false);
    });
  });

  describe('details and Manage Appointment', () => {
    it("lists an in-person appointment at its location's time and a telehealth one at the client's, zones named, and names the calendar's one zone", async () => {
      const data = createDemoPractice(NOW);
      data.locations.find((location) => location.id === 'riverside')!.timeZone = 'America/Los_Angeles';
      const el = await mountDrawn(new MemoryAdapter({ practice: new Practice(data, { now: () => NOW }), clientId: alex }));
      await waitUntil(() => calendarEvent(el, 'seed-1') && agendaButton(el, 'seed-2'), 'the week', { timeout: 5000 });
      expect(text(agendaButton(el, 'seed-1'))).to.contain('Monday, December 7, 2026 at 7:00 AM PST');
      expect(text(agendaButton(el, 'seed-2'))).to.contain('Wednesday, December 9, 2026 at 5:00 PM EST');
      // The grid keeps the client's zone (New York), and says so.
      expect(text(calendarEvent(el, 'seed-1'))).to.contain('10:00');
      expect(text(rootOf(el).querySelector('#grid-zone'))).to.equal('Times on the calendar are in Eastern Standard Time.');
      agendaButton(el, 'seed-1')!.click();
      await waitUntil(() => detailsDialog(el).open, 'the details');
      expect(text(detailsDialog(el))).to.contain('Monday, December 7, 2026 at 7:00 AM PST (America/Los_Angeles)');
    });

    it('shows an appointment’s details on a click, with Manage Appointment revealing Change and Cancel', async () => {
      const { adapter } = alexOnPractice();
      const el = await mountDrawn(adapter);
      const selected = oneEvent(el, 'ss-appointment-select') as Promise<AppointmentSelectEvent>;
      const dialog = await openDetailsByClick(el, 'seed-1');
      expect((await selected).appointment.id).to.equal('seed-1');
      expect(dialog.matches(':modal')).to.equal(true);
      const body = text(dialog);
      expect(text(dialog.querySelector('h3'))).to.equal('Individual Therapy with Dr. Maya Chen');
      expect(text(dialog.querySelector('[part~="status"]'))).to.equal('Confirmed');
      expect(dialog.querySelector('[part~="status"]')!.getAttribute('part')).to.equal('status status-confirmed');
      expect(body).to.contain(`${seed1When} (America/New_York)`);
      expect(body).to.contain('50 minutes');
      expect(body).to.contain('Dr. Maya Chen, PsyD');
      expect(body).to.contain('Riverside Office');
      expect(body).to.contain('1200 River Road, Suite 300');

      const manage = buttonIn(dialog, 'Manage Appointment')!;
      expect(manage.getAttribute('aria-expanded')).to.equal('false');
      manage.click();
      await el.updateComplete;
      expect(manage.getAttribute('aria-expanded')).to.equal('true');
      expect(Boolean(buttonIn(dialog, 'Change appointment'))).to.equal(true);
      expect(Boolean(buttonIn(dialog, 'Cancel appointment'))).to.equal(true);
      expect(text(dialog)).to.contain('You can change or cancel this appointment online until Sunday, December 6, 2026 at 10:00 AM EST.');
      await expect(el).to.be.accessible();

      // Escape closes it and focus goes back to the appointment.
      await sendKeys({ press: 'Escape' });
      await waitUntil(() => !dialog.open, 'closed', { timeout: 2000 });
      await waitUntil(() => deepActiveElement() === calendarEventButton(el, 'seed-1') || deepActiveElement() === agendaButton(el, 'seed-1'), 'focus back', {
        timeout: 2000,
      });

      // Telehealth says so, with no address.
      const second = await openDetailsByClick(el, 'seed-2');
      expect(text(second)).to.contain('Telehealth (video) · Telehealth');
      expect(text(second)).to.contain('25 minutes');
      expect(text(second)).to.not.contain('River Road');
    });

    it('opens details from the keyboard: Enter on the calendar event, and the list under the calendar', async () => {
      const { adapter } = alexOnPractice();
      const el = await mountDrawn(adapter);
      calendarEventButton(el, 'seed-2')!.focus();
      await sendKeys({ press: 'Enter' });
      await waitUntil(() => detailsDialog(el).open, 'details by Enter', { timeout: 2000 });
      expect(text(detailsDialog(el).querySelector('h3'))).to.equal('Brief Check-in with Jordan Alvarez');
      await sendKeys({ press: 'Escape' });
      await waitUntil(() => !detailsDialog(el).open, 'closed', { timeout: 2000 });

      agendaButton(el, 'seed-1')!.focus();
      await sendKeys({ press: 'Enter' });
      await waitUntil(() => detailsDialog(el).open, 'details from the list', { timeout: 2000 });
      expect(text(detailsDialog(el).querySelector('h3'))).to.equal('Individual Therapy with Dr. Maya Chen');
      await sendKeys({ press: 'Escape' });
      await waitUntil(() => deepActiveElement() === agendaButton(el, 'seed-1'), 'focus back on the list button', { timeout: 2000 });
    });

    it('cancels after a confirmation with the policy, sending one request on a double click', async () => {
      const { practice, adapter } = alexOnPractice();
      const el = await mountDrawn(adapter);
      const dialog = await openDetailsByClick(el, 'seed-1');
      buttonIn(dialog, 'Manage Appointment')!.click();
      await el.updateComplete;
      buttonIn(dialog, 'Cancel appointment')!.click();
      await el.updateComplete;
      expect(text(dialog.querySelector('h3'))).to.equal('Cancel this appointment?');
      expect(text(dialog)).to.contain(`Your appointment with Dr. Maya Chen, PsyD on ${seed1When} will be cancelled.`);
      expect(text(dialog)).to.contain('Appointments cancelled less than 24 hours before they start may be charged the full session fee.');
      expect(deepActiveElement()).to.equal(dialog.querySelector('#cancel-heading'));
      await expect(el).to.be.accessible();

      const cancelled = oneEvent(el, 'ss-appointment-cancel') as Promise<AppointmentCancelEvent>;
      const confirm = buttonIn(dialog, 'Yes, cancel appointment')!;
      confirm.click();
      confirm.click();
      const event = await cancelled;
      expect(event.appointment.status).to.equal('cancelled');
      expect(adapter.cancels).to.have.length(1);
      expect(adapter.cancels[0].options.idempotencyKey).to.be.a('string').and.not.equal('');
      expect(practice.appointmentsOf(alex).find((a) => a.id === 'seed-1')!.status).to.equal('cancelled');

      await waitUntil(() => !dialog.open, 'the dialog closed', { timeout: 2000 });
      await waitUntil(() => eventLabel(el, 'seed-1').includes('— Cancelled'), 'cancelled on the calendar', { timeout: 2000 });
      expect(text(calendarNotice(el))).to.equal(`Your appointment with Dr. Maya Chen on ${seed1When} is now Cancelled.`);
      await waitUntil(() => deepActiveElement() === agendaButton(el, 'seed-1'), 'focus on the appointment', { timeout: 2000 });
      expect(adapter.cancels).to.have.length(1);
    });

    it('on a failed cancellation shows the error with Try again, which sends the same idempotency key', async () => {
      const { practice, adapter } = alexOnPractice();
      // The first answer is lost after the practice acted: only the same key makes the retry succeed.
      adapter.cancelFailures.push({ error: networkError(), afterActing: true });
      const el = await mountDrawn(adapter);
      const dialog = await openDetailsByClick(el, 'seed-2');
      buttonIn(dialog, 'Manage Appointment')!.click();
      await el.updateComplete;
      buttonIn(dialog, 'Cancel appointment')!.click();
      await el.updateComplete;
      const failed = oneEvent(el, 'ss-appointment-cancel-fail') as Promise<AppointmentCancelFailEvent>;
      buttonIn(dialog, 'Yes, cancel appointment')!.click();
      expect((await failed).error.code).to.equal('network');
      await el.updateComplete;
      const alert = dialog.querySelector<HTMLElement>('[part~="error"][role="alert"]')!;
      expect(text(alert)).to.contain('We could not reach the practice.');
      expect(dialog.open).to.equal(true);
      await expect(el).to.be.accessible();

      const cancelled = oneEvent(el, 'ss-appointment-cancel') as Promise<AppointmentCancelEvent>;
      buttonIn(alert, 'Try again')!.click();
      await cancelled;
      expect(adapter.cancels).to.have.length(2);
      expect(adapter.cancels[1].options.idempotencyKey).to.equal(adapter.cancels[0].options.idempotencyKey);
      await waitUntil(() => eventLabel(el, 'seed-2').includes('— Cancelled'), 'cancelled on the calendar', { timeout: 2000 });
      expect(practice.outbox().filter((mail) => mail.kind === 'cancelled')).to.have.length(1);
    });

    it("Change appointment moves it through the form, and an <appointment-status> on the page shows the change without a reload", async () => {
      const { practice, adapter } = alexOnPractice();
      const el = await mountDrawn(adapter, { statusAdapter: new MemoryAdapter({ practice, clientId: alex }) });
      await waitUntil(() => statusItem('seed-1'), 'the Appointments tab listed', { timeout: 3000 });
      const dialog = await openDetailsByClick(el, 'seed-1');
      buttonIn(dialog, 'Manage Appointment')!.click();
      await el.updateComplete;
      buttonIn(dialog, 'Change appointment')!.click();
      const form = await openedForm(el);
      await waitUntil(() => !dialog.open, 'details closed', { timeout: 2000 });
      expect(form.changing?.id).to.equal('seed-1');
      await formStep(form, 'Availability');

      const changed = oneEvent(el, 'ss-appointment-change') as Promise<AppointmentChangeEvent>;
      await waitUntil(() => formSlot(form, 7, '9:00 AM'), 'Monday 9:00 offered', { timeout: 5000 });
      formSlot(form, 7, '9:00 AM')!.click();
      await form.updateComplete;
      buttonIn(form.shadowRoot, 'Save')!.click();
      await waitUntil(() => formHeading(form).startsWith('Review'), 'review', { timeout: 5000 });
      form.shadowRoot!.querySelector<HTMLButtonElement>('[part~="submit"]')!.click();
      const event = await changed;
      expect(event.previous.start).to.equal(nyTime(7, '10:00'));
      expect(Date.parse(event.appointment.start)).to.equal(Date.parse(nyTime(7, '09:00')));

      await waitUntil(() => eventLabel(el, 'seed-1').includes('— Unconfirmed'), 'unconfirmed on the calendar', { timeout: 2000 });
      expect(text(agendaButton(el, 'seed-1'))).to.contain('Monday, December 7, 2026 at 9:00 AM EST');
      expect(text(calendarNotice(el))).to.contain('Your appointment with Dr. Maya Chen was moved to Monday, December 7, 2026 at 9:00 AM EST.');
      // The other view, without a reload.
      await waitUntil(() => text(statusItem('seed-1')?.querySelector('h4')) === 'Monday, December 7, 2026 at 9:00 AM EST', 'moved in the Appointments tab', {
        timeout: 2000,
      });
      expect(statusInList('seed-1')).to.equal('Unconfirmed');

      // View My Appointments closes the form onto the appointment.
      buttonIn(form.shadowRoot, 'View My Appointments')!.click();
      await waitUntil(() => !form.open, 'the form closed', { timeout: 2000 });
      await waitUntil(() => deepActiveElement() === agendaButton(el, 'seed-1'), 'focus on the moved appointment', { timeout: 2000 });
    });
  });

  describe('loading, empty and error', () => {
    it('says it is loading until the appointments arrive', async () => {
      const { adapter } = alexOnPractice(400);
      const el = await mountCalendar(adapter);
      const loading = rootOf(el).querySelector('[role="status"]:not([part])');
      expect(text(loading)).to.equal('Loading your appointments…');
      expect(calendarPart(el).getAttribute('aria-busy')).to.equal('true');
      await expect(el).to.be.accessible();
      await drawn(el, () => calendarEvent(el, 'seed-1'));
      expect(Boolean(rootOf(el).querySelector('[role="status"]:not([part])'))).to.equal(false);
    });

    it('shows a failed load with Try again, which loads the appointments', async () => {
      const { adapter } = alexOnPractice();
      adapter.failingWatches = 1;
      const el = await mountCalendar(adapter);
      await waitUntil(() => text(calendarAlert(el)).includes('could not be loaded'), 'the error', { timeout: 2000 });
      expect(text(calendarAlert(el))).to.contain('We could not reach the practice.');
      await expect(el).to.be.accessible();
      buttonIn(calendarAlert(el), 'Try again')!.click();
      await drawn(el, () => calendarEvent(el, 'seed-1'));
      expect(text(calendarAlert(el))).to.equal('');
      expect(adapter.watches).to.equal(2);
    });

    it('says it is not connected when it has no backend', async () => {
      const el = await mountCalendar(undefined);
      expect(text(rootOf(el))).to.contain('not connected to a practice');
      await expect(el).to.be.accessible();
    });
  });

  describe('styling', () => {
    afterEach(() => emulateMedia({ colorScheme: 'light' }));

    it('names its parts', async () => {
      const { adapter } = alexOnPractice();
      const el = await mountDrawn(adapter);
      await waitUntil(() => newAppointmentButton(el), 'New Appointment', { timeout: 2000 });
      await openDetailsByClick(el, 'seed-1');
      for (const part of ['toolbar', 'calendar', 'list', 'appointment', 'details', 'status', 'manage', 'new-appointment', 'error', 'notice']) {
        expect(Boolean(rootOf(el).querySelector(`[part~="${part}"]`)), `part ${part}`).to.equal(true);
      }
    });

    it('follows a dark colour scheme through its custom properties, calendar included, and stays accessible', async () => {
      await emulateMedia({ colorScheme: 'dark' });
      const { adapter } = alexOnPractice();
      const el = await mountDrawn(adapter);
      expect(getComputedStyle(el).getPropertyValue('--ss-color-background').trim()).to.equal('#15191e');
      expect(getComputedStyle(grid(el)!).backgroundColor).to.equal('rgb(21, 25, 30)');
      await expect(el).to.be.accessible();
    });
  });
});
