/**
 * The Appointments tab from the client's side: upcoming and past appointments with their status
 * in words, live status from the watch (announced), New Appointment through the form, Manage
 * Appointment (change, and cancel with its confirmation, one request per intention and retry),
 * the 24-hour cutoff, loading, empty and error states, and accessibility of each.
 *
 * The practice is the demo practice on the fixed test clock (Tuesday 1 December 2026, 10:00 in
 * New York): Alex has seed-1 (Confirmed, Monday 7 December 10:00, Dr. Chen at Riverside),
 * seed-2 (Unconfirmed, Wednesday 9 December 17:00, Jordan Alvarez by telehealth) and seed-3
 * (Confirmed, Tuesday 17 November, over).
 */
import { expect, oneEvent, waitUntil } from '@open-wc/testing';
import { emulateMedia } from '@web/test-runner-commands';
import type {
  AppointmentCancelEvent,
  AppointmentCancelFailEvent,
  AppointmentChangeEvent,
  AppointmentStatusChangeEvent,
} from '../../src/elements/appointment-status/appointment-status.events.js';
import { RequestSubmitEvent } from '../../src/elements/self-schedule-form/self-schedule-form.events.js';
import type { AppointmentWatchEvents } from '../../src/adapters/booking-adapter.js';
import { RestAdapter } from '../../src/adapters/rest/rest-adapter.js';
import { formatDateTime } from '../../src/elements/shared/format.js';
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
  TestAdapter,
  text,
} from '../support/element-driver.js';
import { NOW, createTestPractice, nyTime } from '../support/fixtures.js';
import { Practice, createDemoPractice } from '../../src/testing/index.js';
import { serveMockApi } from '../support/mock-worker.js';
import {
  askToCancel,
  manageButton,
  mountStatus,
  mountStatusLoaded,
  openManage,
  pastIds,
  pastToggle,
  statusAlert,
  statusItem,
  statusNotice,
  statusOf,
  upcomingIds,
} from '../support/status-driver.js';

const seed1When = 'Monday, December 7, 2026 at 10:00 AM EST';
const seed2When = 'Wednesday, December 9, 2026 at 5:00 PM EST';

// ---- the tests ---------------------------------------------------------------------------------

describe('<appointment-status>', () => {
  describe('the list', () => {
    it('lists upcoming appointments soonest first, with provider, service, location, date and time, and status in words', async () => {
      const { adapter } = alexOnPractice();
      const el = await mountStatusLoaded(adapter);

      expect(upcomingIds(el)).to.deep.equal(['seed-1', 'seed-2']);
      const first = text(statusItem(el, 'seed-1'));
      expect(first).to.contain(seed1When);
      expect(first).to.contain('Dr. Maya Chen, PsyD');
      expect(first).to.contain('Individual Therapy (50 minutes)');
      expect(first).to.contain('Riverside Office');
      expect(first).to.contain('1200 River Road, Suite 300');
      const second = text(statusItem(el, 'seed-2'));
      expect(second).to.contain(seed2When);
      expect(second).to.contain('Jordan Alvarez, LCSW');
      expect(second).to.contain('Brief Check-in (25 minutes)');
      expect(second).to.contain('Telehealth');
      expect(second).to.not.contain('River Road');

      // The status is written out, never told by colour alone.
      expect(statusOf(el, 'seed-1')).to.equal('Confirmed');
      expect(statusOf(el, 'seed-2')).to.equal('Unconfirmed');
      expect(statusItem(el, 'seed-1')!.querySelector('[part~="status"]')!.getAttribute('part')).to.equal('status status-confirmed');
      expect(text(statusItem(el, 'seed-1')!.querySelector('dt'))).to.equal('Status');
      expect(rootOf(el).querySelector('h2')!.textContent).to.equal('Appointments');
      expect(text(rootOf(el).querySelector('#upcoming-heading'))).to.equal('Upcoming Appointments');

      // Past ones and other clients' are not listed.
      expect(Boolean(statusItem(el, 'seed-3'))).to.equal(false);
      expect(Boolean(statusItem(el, 'seed-4'))).to.equal(false);
      await expect(el).to.be.accessible();
    });

    it('keeps ended appointments behind "Show past appointments", which says whether it is expanded', async () => {
      const { adapter } = alexOnPractice();
      const el = await mountStatusLoaded(adapter);
      const toggle = pastToggle(el);
      expect(toggle.getAttribute('aria-expanded')).to.equal('false');
      expect(Boolean(statusItem(el, 'seed-3'))).to.equal(false);

      toggle.click();
      await el.updateComplete;
      expect(toggle.getAttribute('aria-expanded')).to.equal('true');
      expect(pastIds(el)).to.deep.equal(['seed-3']);
      expect(text(statusItem(el, 'seed-3'))).to.contain('Tuesday, November 17, 2026 at 9:00 AM EST');
      expect(statusOf(el, 'seed-3')).to.equal('Confirmed');
      // Why it can no longer be changed, instead of Manage Appointment.
      expect(text(statusItem(el, 'seed-3'))).to.contain('This appointment has already taken place.');
      expect(Boolean(manageButton(el, 'seed-3'))).to.equal(false);
      await expect(el).to.be.accessible();

      toggle.click();
      await el.updateComplete;
      expect(toggle.getAttribute('aria-expanded')).to.equal('false');
      expect(Boolean(statusItem(el, 'seed-3'))).to.equal(false);
    });

    it('decides upcoming by the end, with the injected now: one under way is still upcoming, one over is past', async () => {
      const { adapter } = alexOnPractice();
      const clock = { now: Date.parse(nyTime(7, '10:30')) };
      const el = await mountStatusLoaded(adapter, { now: () => clock.now });
      expect(upcomingIds(el)).to.deep.equal(['seed-1', 'seed-2']);

      clock.now = Date.parse(nyTime(7, '10:50'));
      el.now = () => clock.now;
      await el.updateComplete;
      pastToggle(el).click();
      await el.updateComplete;
      expect(upcomingIds(el)).to.deep.equal(['seed-2']);
      // Most recent first.
      expect(pastIds(el)).to.deep.equal(['seed-1', 'seed-3']);
    });

    it('lists declined and cancelled appointments as past when they were so already', async () => {
      const { practice, adapter } = alexOnPractice();
      practice.decline('seed-2');
      const el = await mountStatusLoaded(adapter);
      expect(upcomingIds(el)).to.deep.equal(['seed-1']);
      pastToggle(el).click();
      await el.updateComplete;
      expect(pastIds(el)).to.deep.equal(['seed-2', 'seed-3']);
      expect(statusOf(el, 'seed-2')).to.equal('Declined');
      expect(text(statusItem(el, 'seed-2'))).to.contain('Your therapist declined this request.');
      // Declined without a note: nothing stands in for one.
      expect(statusItem(el, 'seed-2')!.querySelector('[part="decline-note"]')).to.equal(null);
    });

    it("shows the therapist's note on a declined request under its status, as text", async () => {
      const { practice, adapter } = alexOnPractice();
      practice.decline('seed-2', 'I am away that week. <b>Please</b> choose another day.');
      const el = await mountStatusLoaded(adapter);
      pastToggle(el).click();
      await el.updateComplete;
      const note = statusItem(el, 'seed-2')!.querySelector('[part="decline-note"]')!;
      expect(note.textContent).to.equal('I am away that week. <b>Please</b> choose another day.');
      expect(note.querySelector('b')).to.equal(null);
      expect(text(note.previousElementSibling)).to.equal('Note from your therapist');
    });

    it("writes dates in the nearest lang, telehealth in the time-zone attribute's zone and in-person where it happens, and takes replacement strings", async () => {
      const { adapter } = alexOnPractice();
      const el = await mountStatusLoaded(adapter, {
        lang: 'de-DE',
        timeZone: 'Europe/Berlin',
        strings: { heading: 'Termine', confirmed: 'Bestätigt', unconfirmed: 'Unbestätigt', status: 'Status', empty: 'Keine Termine' },
      });
      // seed-2 is by telehealth: in the client's zone.
      const telehealth = formatDateTime(Date.parse(nyTime(9, '17:00')), 'de-DE', 'Europe/Berlin');
      expect(telehealth).to.contain('23:00');
      expect(text(statusItem(el, 'seed-2')!.querySelector('h4'))).to.equal(telehealth);
      // seed-1 is at the Riverside Office in New York: at its time there, the zone said.
      const inPerson = formatDateTime(Date.parse(nyTime(7, '10:00')), 'de-DE', 'America/New_York');
      expect(inPerson).to.contain('10:00');
      expect(text(statusItem(el, 'seed-1')!.querySelector('h4'))).to.equal(inPerson);
      expect(statusOf(el, 'seed-1')).to.equal('Bestätigt');
      expect(statusOf(el, 'seed-2')).to.equal('Unbestätigt');
      expect(rootOf(el).querySelector('h2')!.textContent).to.equal('Termine');
    });

    it("writes an in-person appointment's times in its location's zone and a telehealth one's in the client's, the zone named", async () => {
      const data = createDemoPractice(NOW);
      data.locations.find((location) => location.id === 'riverside')!.timeZone = 'America/Los_Angeles';
      const adapter = new TestAdapter({ practice: new Practice(data, { now: () => NOW }), clientId: alex });
      // The client is in New York (the time-zone attribute).
      const el = await mountStatusLoaded(adapter);
      expect(text(statusItem(el, 'seed-1')!.querySelector('h4'))).to.equal('Monday, December 7, 2026 at 7:00 AM PST');
      expect(text(statusItem(el, 'seed-2')!.querySelector('h4'))).to.equal('Wednesday, December 9, 2026 at 5:00 PM EST');
      // Until when it may be changed, and the cancel confirmation, say its times where it happens too.
      const dialog = await askToCancel(el, 'seed-1');
      expect(text(statusItem(el, 'seed-1'))).to.contain('online until Sunday, December 6, 2026 at 7:00 AM PST.');
      expect(text(dialog)).to.contain('on Monday, December 7, 2026 at 7:00 AM PST will be cancelled.');
    });
  });

  describe('live status', () => {
    it("shows a therapist's confirmation without a reload and announces it politely", async () => {
      const { practice, adapter } = alexOnPractice();
      const el = await mountStatusLoaded(adapter);
      // The live region is in place before anything is announced.
      expect(text(statusNotice(el))).to.equal('');
      const heard = oneEvent(el, 'ss-status-change') as Promise<AppointmentStatusChangeEvent>;

      practice.confirm('seed-2');
      await waitUntil(() => statusOf(el, 'seed-2') === 'Confirmed', 'seed-2 confirmed in the list', { timeout: 2000 });
      await el.updateComplete;
      expect(text(statusNotice(el))).to.equal(`Your appointment with Jordan Alvarez on ${seed2When} is now Confirmed.`);
      expect(statusNotice(el).classList.contains('shown')).to.equal(true);
      const event = await heard;
      expect(event.appointment.id).to.equal('seed-2');
      expect(event.previousStatus).to.equal('unconfirmed');
      expect(event.bubbles && event.composed).to.equal(true);
      expect(adapter.watches).to.equal(1);
    });

    it('keeps a request declined while shown in its place, with Declined and the reason', async () => {
      const { practice, adapter } = alexOnPractice();
      const el = await mountStatusLoaded(adapter);
      practice.decline('seed-2');
      await waitUntil(() => statusOf(el, 'seed-2') === 'Declined', 'seed-2 declined', { timeout: 2000 });
      expect(upcomingIds(el)).to.deep.equal(['seed-1', 'seed-2']);
      expect(text(statusItem(el, 'seed-2'))).to.contain('Your therapist declined this request.');
      expect(Boolean(manageButton(el, 'seed-2'))).to.equal(false);
      expect(text(statusNotice(el))).to.contain('is now Declined.');
    });

    it('stops watching when removed, and watches again when put back or given another adapter', async () => {
      const { adapter } = alexOnPractice();
      const el = await mountStatusLoaded(adapter);
      const parent = el.parentElement!;
      expect(adapter.watches).to.equal(1);
      el.remove();
      expect(adapter.stopped).to.equal(1);
      parent.append(el);
      await el.updateComplete;
      expect(adapter.watches).to.equal(2);

      const other = alexOnPractice();
      other.practice.cancel(alex, 'seed-1', 'gone');
      el.adapter = other.adapter;
      await waitUntil(() => upcomingIds(el).join() === 'seed-2', 'the other practice listed', { timeout: 2000 });
      expect(adapter.stopped).to.equal(2);
      expect(other.adapter.watches).to.equal(1);
    });

    it('shows a request inserted by the form at once, even before a slow REST poll catches up, and later changes by polling', async () => {
      const { practice } = createTestPractice();
      await serveMockApi(practice);
      const adapter = new RestAdapter({ baseUrl: '/api', headers: { Authorization: `Bearer ${alex}` }, pollIntervalMs: 300 });
      const el = await mountStatusLoaded(adapter);
      expect(upcomingIds(el)).to.deep.equal(['seed-1', 'seed-2']);

      // What the form sends when a request is accepted; the next poll is not due yet.
      const appointment = practice.request(
        alex,
        { providerId: 'dr-chen', locationId: 'riverside', serviceId: 'individual-50', start: nyTime(9, '09:00'), end: nyTime(9, '09:50') },
        'rest-request',
      );
      newAppointmentButton(el)!.click();
      const form = await openedForm(el);
      form.dispatchEvent(new RequestSubmitEvent(appointment));
      await el.updateComplete;
      expect(upcomingIds(el)).to.deep.equal(['seed-1', appointment.id, 'seed-2']);
      expect(statusOf(el, appointment.id)).to.equal('Unconfirmed');
      form.close();

      practice.confirm(appointment.id);
      await waitUntil(() => statusOf(el, appointment.id) === 'Confirmed', 'the confirmation polled', { timeout: 3000 });
      expect(text(statusNotice(el))).to.contain('is now Confirmed.');
    });
  });

  describe('New Appointment', () => {
    it('is hidden entirely when no therapist self-schedules, and so is Change appointment', async () => {
      const { adapter, providersAnswered } = alexWithoutSelfScheduling();
      const el = await mountStatusLoaded(adapter);
      await providersAnswered();
      await el.updateComplete;
      expect(Boolean(newAppointmentButton(el))).to.equal(false);
      expect(Boolean(buttonIn(rootOf(el), 'New Appointment'))).to.equal(false);
      await openManage(el, 'seed-1');
      expect(Boolean(buttonIn(statusItem(el, 'seed-1'), 'Cancel appointment'))).to.equal(true);
      expect(Boolean(buttonIn(statusItem(el, 'seed-1'), 'Change appointment'))).to.equal(false);
    });

    it('is shown where a therapist self-schedules, and opens the form in a dialog with the same adapter and zone', async () => {
      const { adapter } = alexOnPractice();
      const el = await mountStatusLoaded(adapter, { timeZone: 'America/Chicago' });
      await waitUntil(() => newAppointmentButton(el), 'New Appointment', { timeout: 2000 });
      expect(text(newAppointmentButton(el))).to.equal('New Appointment');
      expect(Boolean(nestedForm(el)), 'the form waits to be asked for').to.equal(false);

      newAppointmentButton(el)!.click();
      const form = await openedForm(el);
      expect(form.modal).to.equal(true);
      expect(form.adapter === adapter, 'the same adapter').to.equal(true);
      expect(form.timeZone).to.equal('America/Chicago');
      expect(form.changing === undefined, 'not changing').to.equal(true);

      form.close();
      await waitUntil(() => deepActiveElement() === newAppointmentButton(el), 'focus back on New Appointment', { timeout: 2000 });
    });

    it('shows a request submitted through the form as Unconfirmed, announced, without a reload', async () => {
      const { practice, adapter } = alexOnPractice();
      const el = await mountStatusLoaded(adapter);
      await waitUntil(() => newAppointmentButton(el), 'New Appointment', { timeout: 2000 });
      newAppointmentButton(el)!.click();
      const form = await openedForm(el);

      // Pre-filled like a therapist's link: the form lands on Availability with Wednesday 9:00 chosen.
      form.provider = 'dr-chen';
      form.location = 'riverside';
      form.service = 'individual-50';
      form.start = nyTime(9, '09:00');
      await formStep(form, 'Availability');
      await waitUntil(() => formSlot(form, 9, '9:00 AM')?.getAttribute('aria-pressed') === 'true', 'Wednesday 9:00 chosen', {
        timeout: 5000,
      });
      buttonIn(form.shadowRoot, 'Save')!.click();
      await formStep(form, 'Review your appointment request');
      buttonIn(form.shadowRoot, 'Submit New Appointment')!.click();
      await formStep(form, 'Appointment request sent');

      const created = practice.appointmentsOf(alex).find((a) => Date.parse(a.start) === Date.parse(nyTime(9, '09:00')))!;
      expect(Boolean(created), 'the request reached the practice').to.equal(true);
      await waitUntil(() => statusItem(el, created.id), 'the new request listed', { timeout: 2000 });
      expect(upcomingIds(el)).to.deep.equal(['seed-1', created.id, 'seed-2']);
      expect(statusOf(el, created.id)).to.equal('Unconfirmed');
      expect(text(statusNotice(el))).to.contain('Your appointment request with Dr. Maya Chen on Wednesday, December 9, 2026 at 9:00 AM EST was sent.');

      // View My Appointments: they are here, so the dialog closes onto the new one.
      buttonIn(form.shadowRoot, 'View My Appointments')!.click();
      await waitUntil(() => !form.open, 'the form closed', { timeout: 2000 });
      await waitUntil(() => deepActiveElement() === statusItem(el, created.id)!.querySelector('h4'), 'focus on the new appointment', {
        timeout: 2000,
      });
    });
  });

  describe('Manage Appointment', () => {
    it('is a disclosure revealing Change appointment and Cancel appointment, and until when', async () => {
      const { adapter } = alexOnPractice();
      const el = await mountStatusLoaded(adapter);
      const button = manageButton(el, 'seed-1')!;
      expect(button.getAttribute('aria-expanded')).to.equal('false');
      const panel = rootOf(el).getElementById(button.getAttribute('aria-controls')!)!;
      expect(panel.hidden).to.equal(true);

      await openManage(el, 'seed-1');
      expect(button.getAttribute('aria-expanded')).to.equal('true');
      expect(panel.hidden).to.equal(false);
      expect(Boolean(buttonIn(panel, 'Change appointment'))).to.equal(true);
      expect(Boolean(buttonIn(panel, 'Cancel appointment'))).to.equal(true);
      expect(text(panel)).to.contain('You can change or cancel this appointment online until Sunday, December 6, 2026 at 10:00 AM EST.');
      await expect(el).to.be.accessible();

      await openManage(el, 'seed-1');
      expect(button.getAttribute('aria-expanded')).to.equal('false');
      expect(panel.hidden).to.equal(true);
    });

    it('inside the 24-hour cutoff shows why it can no longer be changed, and no Manage button', async () => {
      const { clock, adapter } = alexOnPractice();
      clock.now = Date.parse(nyTime(6, '22:00'));
      const el = await mountStatusLoaded(adapter, { now: () => clock.now });
      expect(upcomingIds(el)).to.deep.equal(['seed-1', 'seed-2']);
      expect(Boolean(manageButton(el, 'seed-1'))).to.equal(false);
      expect(text(statusItem(el, 'seed-1'))).to.contain(
        'Appointments can be changed online until 24 hours before they start. Please contact the practice.',
      );
      expect(Boolean(manageButton(el, 'seed-2'))).to.equal(true);
    });

    it('cancels after a confirmation showing the policy, with one request on a double click', async () => {
      const { practice, adapter } = alexOnPractice();
      const el = await mountStatusLoaded(adapter);
      const dialog = await askToCancel(el, 'seed-1');
      expect(dialog.matches(':modal')).to.equal(true);
      const body = text(dialog);
      expect(body).to.contain(`Your appointment with Dr. Maya Chen, PsyD on ${seed1When} will be cancelled.`);
      expect(body).to.contain('Appointments cancelled less than 24 hours before they start may be charged the full session fee.');
      expect(body).to.contain('until Sunday, December 6, 2026 at 10:00 AM EST');
      expect(adapter.cancels).to.have.length(0);
      await expect(el).to.be.accessible();

      const cancelled = oneEvent(el, 'ss-appointment-cancel') as Promise<AppointmentCancelEvent>;
      const confirm = buttonIn(dialog, 'Yes, cancel appointment')!;
      confirm.click();
      confirm.click();
      const event = await cancelled;
      expect(event.appointment.id).to.equal('seed-1');
      expect(event.appointment.status).to.equal('cancelled');
      expect(adapter.cancels).to.have.length(1);
      expect(adapter.cancels[0].id).to.equal('seed-1');
      expect(adapter.cancels[0].options.idempotencyKey).to.be.a('string').and.not.equal('');
      expect(practice.appointmentsOf(alex).find((a) => a.id === 'seed-1')!.status).to.equal('cancelled');

      await el.updateComplete;
      await waitUntil(() => !dialog.open, 'the confirmation closed', { timeout: 2000 });
      // Cancelled where the client was looking, and announced once.
      expect(upcomingIds(el)).to.deep.equal(['seed-1', 'seed-2']);
      expect(statusOf(el, 'seed-1')).to.equal('Cancelled');
      expect(Boolean(manageButton(el, 'seed-1'))).to.equal(false);
      expect(text(statusNotice(el))).to.equal(`Your appointment with Dr. Maya Chen on ${seed1When} is now Cancelled.`);
      await waitUntil(() => deepActiveElement() === statusItem(el, 'seed-1')!.querySelector('h4'), 'focus on the appointment', {
        timeout: 2000,
      });
      expect(adapter.cancels).to.have.length(1);
    });

    it('on failure shows the error with Try again, keeps the list, and retries with the same key', async () => {
      const { practice, adapter } = alexOnPractice();
      // The first answer is lost after the practice acted: only the same key can make the retry succeed.
      adapter.cancelFailures.push({ error: networkError(), afterActing: true });
      const el = await mountStatusLoaded(adapter);
      const dialog = await askToCancel(el, 'seed-1');
      const failed = oneEvent(el, 'ss-appointment-cancel-fail') as Promise<AppointmentCancelFailEvent>;
      buttonIn(dialog, 'Yes, cancel appointment')!.click();
      const failure = await failed;
      expect(failure.error.code).to.equal('network');
      await el.updateComplete;

      const alert = dialog.querySelector<HTMLElement>('[part~="error"][role="alert"]')!;
      expect(text(alert)).to.contain('We could not reach the practice.');
      expect(dialog.open).to.equal(true);
      expect(upcomingIds(el)).to.deep.equal(['seed-1', 'seed-2']);
      await expect(el).to.be.accessible();

      const cancelled = oneEvent(el, 'ss-appointment-cancel') as Promise<AppointmentCancelEvent>;
      buttonIn(alert, 'Try again')!.click();
      await cancelled;
      expect(adapter.cancels).to.have.length(2);
      expect(adapter.cancels[1].options.idempotencyKey).to.equal(adapter.cancels[0].options.idempotencyKey);
      await waitUntil(() => statusOf(el, 'seed-1') === 'Cancelled', 'seed-1 cancelled', { timeout: 2000 });
      expect(practice.outbox().filter((mail) => mail.kind === 'cancelled')).to.have.length(1);
    });

    it('Keep appointment closes the confirmation, sends nothing, and returns focus to Cancel appointment', async () => {
      const { adapter } = alexOnPractice();
      const el = await mountStatusLoaded(adapter);
      const dialog = await askToCancel(el, 'seed-2');
      buttonIn(dialog, 'Keep appointment')!.click();
      await waitUntil(() => !dialog.open, 'closed', { timeout: 2000 });
      expect(adapter.cancels).to.have.length(0);
      expect(statusOf(el, 'seed-2')).to.equal('Unconfirmed');
      await waitUntil(() => deepActiveElement() === buttonIn(statusItem(el, 'seed-2'), 'Cancel appointment'), 'focus back', {
        timeout: 2000,
      });
    });

    it('Change appointment opens the form at Availability for that appointment and shows the change', async () => {
      const { practice, adapter } = alexOnPractice();
      const el = await mountStatusLoaded(adapter);
      await openManage(el, 'seed-1');
      buttonIn(statusItem(el, 'seed-1'), 'Change appointment')!.click();
      const form = await openedForm(el);
      expect(form.changing?.id).to.equal('seed-1');
      await formStep(form, 'Availability');

      const changed = oneEvent(el, 'ss-appointment-change') as Promise<AppointmentChangeEvent>;
      await waitUntil(() => formSlot(form, 7, '9:00 AM'), 'Monday 9:00 offered', { timeout: 5000 });
      formSlot(form, 7, '9:00 AM')!.click();
      await form.updateComplete;
      buttonIn(form.shadowRoot, 'Save')!.click();
      await waitUntil(() => form.shadowRoot!.querySelector('[part~="submit"]') && formHeading(form).startsWith('Review'), 'review', {
        timeout: 5000,
      });
      form.shadowRoot!.querySelector<HTMLButtonElement>('[part~="submit"]')!.click();

      const event = await changed;
      expect(event.previous.start).to.equal(nyTime(7, '10:00'));
      expect(Date.parse(event.appointment.start)).to.equal(Date.parse(nyTime(7, '09:00')));
      expect(practice.appointmentsOf(alex).find((a) => a.id === 'seed-1')!.status).to.equal('unconfirmed');
      await el.updateComplete;
      expect(text(statusItem(el, 'seed-1')!.querySelector('h4'))).to.equal('Monday, December 7, 2026 at 9:00 AM EST');
      expect(statusOf(el, 'seed-1')).to.equal('Unconfirmed');
      expect(text(statusNotice(el))).to.contain('Your appointment with Dr. Maya Chen was moved to Monday, December 7, 2026 at 9:00 AM EST.');
    });
  });

  describe('loading, empty and error', () => {
    it('says it is loading until the first list arrives', async () => {
      const { adapter } = alexOnPractice(300);
      const el = await mountStatus(adapter);
      const loading = rootOf(el).querySelector('[role="status"]:not([part])');
      expect(text(loading)).to.equal('Loading your appointments…');
      await expect(el).to.be.accessible();
      await waitUntil(() => upcomingIds(el).length === 2, 'the list', { timeout: 3000 });
      expect(Boolean(rootOf(el).querySelector('[role="status"]:not([part])'))).to.equal(false);
    });

    it('says there are no upcoming appointments, with past ones still behind their button', async () => {
      const { practice, adapter } = alexOnPractice();
      practice.cancel(alex, 'seed-1', 'a');
      practice.cancel(alex, 'seed-2', 'b');
      const el = await mountStatusLoaded(adapter);
      expect(upcomingIds(el)).to.deep.equal([]);
      expect(text(rootOf(el))).to.contain('No upcoming appointments');
      await expect(el).to.be.accessible();
      pastToggle(el).click();
      await el.updateComplete;
      expect(pastIds(el)).to.deep.equal(['seed-2', 'seed-1', 'seed-3']);
      expect(statusOf(el, 'seed-1')).to.equal('Cancelled');
    });

    it('shows a failed load with Try again, which loads the list', async () => {
      const { adapter } = alexOnPractice();
      adapter.failingWatches = 1;
      const el = await mountStatus(adapter);
      await waitUntil(() => text(statusAlert(el)).includes('could not be loaded'), 'the error', { timeout: 2000 });
      expect(text(statusAlert(el))).to.contain('We could not reach the practice.');
      expect(statusAlert(el).classList.contains('shown')).to.equal(true);
      await expect(el).to.be.accessible();

      buttonIn(statusAlert(el), 'Try again')!.click();
      await waitUntil(() => upcomingIds(el).length === 2, 'the list after Try again', { timeout: 2000 });
      expect(text(statusAlert(el))).to.equal('');
      expect(adapter.watches).to.equal(2);
      expect(adapter.stopped).to.equal(1);
    });

    it('keeps the list when a later refresh fails, saying it may be out of date', async () => {
      const { adapter } = alexOnPractice();
      let events!: AppointmentWatchEvents;
      const watch = adapter.watchAppointments.bind(adapter);
      adapter.watchAppointments = (given) => {
        events = given;
        return watch(given);
      };
      const el = await mountStatusLoaded(adapter);
      events.onError?.(networkError());
      await el.updateComplete;
      expect(text(statusAlert(el))).to.contain('could not be refreshed');
      expect(upcomingIds(el)).to.deep.equal(['seed-1', 'seed-2']);
    });

    it('says it is not connected when it has no backend', async () => {
      const el = await mountStatus(undefined);
      expect(text(rootOf(el))).to.contain('not connected to a practice');
      await expect(el).to.be.accessible();
    });
  });

  describe('styling', () => {
    afterEach(async () => {
      await emulateMedia({ colorScheme: 'light' });
    });

    it('names its parts, and gives the badge its status as a part too', async () => {
      const { adapter } = alexOnPractice();
      const el = await mountStatusLoaded(adapter);
      await waitUntil(() => newAppointmentButton(el), 'New Appointment', { timeout: 2000 });
      for (const part of ['list', 'appointment', 'status', 'status-unconfirmed', 'status-confirmed', 'manage', 'new-appointment', 'error', 'notice', 'dialog']) {
        expect(Boolean(rootOf(el).querySelector(`[part~="${part}"]`)), `part ${part}`).to.equal(true);
      }
    });

    it('follows a dark colour scheme through its custom properties, and stays accessible', async () => {
      const { adapter } = alexOnPractice();
      await emulateMedia({ colorScheme: 'dark' });
      const el = await mountStatusLoaded(adapter);
      expect(getComputedStyle(el).getPropertyValue('--ss-color-background').trim()).to.equal('#15191e');
      await expect(el).to.be.accessible();
    });

    it("passes the page's custom properties on to the form it opens", async () => {
      const { adapter } = alexOnPractice();
      const el = await mountStatusLoaded(adapter);
      el.style.setProperty('--ss-color-primary', 'rgb(1, 2, 3)');
      await waitUntil(() => newAppointmentButton(el), 'New Appointment', { timeout: 2000 });
      newAppointmentButton(el)!.click();
      const form = await openedForm(el);
      expect(getComputedStyle(form).getPropertyValue('--ss-color-primary').trim()).to.equal('rgb(1, 2, 3)');
      form.close();
    });
  });

  it('lets events reach the page: they bubble and are composed', async () => {
    const { adapter } = alexOnPractice();
    const el = await mountStatusLoaded(adapter);
    const heard = oneEvent(document, 'ss-appointment-cancel') as Promise<AppointmentCancelEvent>;
    const dialog = await askToCancel(el, 'seed-2');
    buttonIn(dialog, 'Yes, cancel appointment')!.click();
    expect((await heard).appointment.id).to.equal('seed-2');
  });
});
