/**
 * One page, one truth: elements using the same backend (the same adapter object, or the same
 * `api-base`) share one AppointmentStore, so what any of them learns shows in all of them at once,
 * on a backend that only polls (the REST adapter's fallback), not at the next poll.
 */
import { expect, fixture, html, nextFrame, waitUntil } from '@open-wc/testing';
import { http } from 'msw';
import '../../src/elements/appointment-calendar/appointment-calendar.js';
import '../../src/elements/appointment-status/appointment-status.js';
import '../../src/elements/self-schedule-form/self-schedule-form.js';
import type { AppointmentWatchEvents, Unsubscribe, WatchOptions } from '../../src/adapters/booking-adapter.js';
import { MemoryAdapter } from '../../src/adapters/memory/memory-adapter.js';
import type { Practice } from '../../src/adapters/memory/practice.js';
import { pollAppointments } from '../../src/adapters/polling.js';
import type { AppointmentCalendarElement } from '../../src/elements/appointment-calendar/appointment-calendar.js';
import type { AppointmentStatusElement } from '../../src/elements/appointment-status/appointment-status.js';
import type { SelfScheduleForm } from '../../src/elements/self-schedule-form/self-schedule-form.js';
import { demoSessionCookie } from '../../mock-api/handlers.js';
import { agendaButton } from '../support/calendar-driver.js';
import { alex, buttonIn, formSlot, formStep, rootOf, text, zone } from '../support/element-driver.js';
import { NOW, createTestPractice, nyTime } from '../support/fixtures.js';
import { serveMockApi } from '../support/mock-worker.js';
import { askToCancel, statusNotice, statusOf, upcomingIds } from '../support/status-driver.js';

/** Like the REST adapter without a stream: it hears of changes only by asking again, every minute unless told. */
class PollingAdapter extends MemoryAdapter {
  readonly watches: Array<WatchOptions | undefined> = [];
  active = 0;

  override watchAppointments(events: AppointmentWatchEvents, options?: WatchOptions): Unsubscribe {
    this.watches.push(options);
    this.active += 1;
    const stop = pollAppointments((signal) => this.listAppointments({}, { signal }), events, {
      intervalMs: options?.pollIntervalMs ?? 60_000,
      maxIntervalMs: 300_000,
    });
    return () => {
      this.active -= 1;
      stop();
    };
  }
}

function alexPolled(): { practice: Practice; adapter: PollingAdapter } {
  const { practice } = createTestPractice();
  return { practice, adapter: new PollingAdapter({ practice, clientId: alex }) };
}

interface Page {
  status: AppointmentStatusElement;
  calendar: AppointmentCalendarElement;
  form?: SelfScheduleForm;
}

async function mountPage(adapter: MemoryAdapter, { statusInterval, calendarInterval, form = false } = {} as { statusInterval?: number; calendarInterval?: number; form?: boolean }): Promise<Page> {
  const wrapper = await fixture<HTMLDivElement>(html`<div>
    <appointment-status time-zone=${zone} .now=${() => NOW} .adapter=${adapter} refresh-interval=${statusInterval ?? ''}></appointment-status>
    <appointment-calendar
      time-zone=${zone}
      initial-date="2026-12-07"
      .now=${() => NOW}
      .adapter=${adapter}
      refresh-interval=${calendarInterval ?? ''}
    ></appointment-calendar>
    ${form
      ? html`<self-schedule-form
          time-zone=${zone}
          .now=${() => NOW}
          .adapter=${adapter}
          provider="dr-chen"
          location="riverside"
          service="individual-50"
          start=${nyTime(9, '09:00')}
        ></self-schedule-form>`
      : ''}
  </div>`);
  const page = {
    status: wrapper.querySelector('appointment-status')!,
    calendar: wrapper.querySelector('appointment-calendar')!,
    form: wrapper.querySelector('self-schedule-form') ?? undefined,
  };
  await waitUntil(() => upcomingIds(page.status).length > 0 && agendaButton(page.calendar, 'seed-1'), 'both lists', { timeout: 5000 });
  return page;
}

/** The calendar's word for an appointment's status, as its list item reads. */
const calendarSays = (calendar: AppointmentCalendarElement, id: string) => text(agendaButton(calendar, id));

describe('elements sharing one backend on a page', () => {
  it('show a cancel made in <appointment-status> in <appointment-calendar> beside it within a frame, without waiting for a poll', async () => {
    const { adapter } = alexPolled();
    const { status, calendar } = await mountPage(adapter);
    expect(calendarSays(calendar, 'seed-1')).to.contain('Confirmed');

    const dialog = await askToCancel(status, 'seed-1');
    buttonIn(dialog, 'Yes, cancel appointment')!.click();
    await waitUntil(() => statusOf(status, 'seed-1') === 'Cancelled', 'cancelled in the status list', { timeout: 3000 });
    await calendar.updateComplete;
    await nextFrame();
    expect(calendarSays(calendar, 'seed-1')).to.contain('Cancelled');
  });

  it('show a request submitted from a <self-schedule-form> on the page in the other two at once', async () => {
    const { practice, adapter } = alexPolled();
    const { status, calendar, form } = await mountPage(adapter, { form: true });
    await formStep(form!, 'Availability');
    await waitUntil(() => formSlot(form!, 9, '9:00 AM')?.getAttribute('aria-pressed') === 'true', 'Wednesday 9:00 chosen', { timeout: 5000 });
    buttonIn(form!.shadowRoot, 'Save')!.click();
    await formStep(form!, 'Review your appointment request');
    buttonIn(form!.shadowRoot, 'Submit New Appointment')!.click();
    await formStep(form!, 'Appointment request sent');

    const created = practice.appointmentsOf(alex).find((a) => Date.parse(a.start) === Date.parse(nyTime(9, '09:00')))!;
    await status.updateComplete;
    await calendar.updateComplete;
    await nextFrame();
    expect(statusOf(status, created.id)).to.equal('Unconfirmed');
    expect(calendarSays(calendar, created.id)).to.contain('Unconfirmed');
  });

  it('keep one watch of the backend between them, at the shorter refresh-interval they ask for', async () => {
    const { adapter } = alexPolled();
    const { calendar } = await mountPage(adapter, { statusInterval: 20, calendarInterval: 5 });
    expect(adapter.watches, 'started once, at the pace of both').to.have.length(1);
    expect(adapter.watches[0]?.pollIntervalMs).to.equal(5000);

    // The faster one leaves: the one watch goes on at the other's pace.
    calendar.remove();
    await waitUntil(() => adapter.watches.length === 2, 'the watch at the new pace', { timeout: 1000 });
    expect(adapter.watches[1]?.pollIntervalMs).to.equal(20_000);
    expect(adapter.active).to.equal(1);
  });

  it('check again at the refresh-interval a page sets in HTML (here 0.2 s), instead of the adapter’s minute', async () => {
    const { practice, adapter } = alexPolled();
    const { status, calendar } = await mountPage(adapter, { statusInterval: 0.2 });
    practice.confirm('seed-2');
    await waitUntil(() => statusOf(status, 'seed-2') === 'Confirmed', 'the confirm seen by the next check', { timeout: 2000 });
    await calendar.updateComplete;
    expect(calendarSays(calendar, 'seed-2')).to.contain('Confirmed');
  });

  it('announce a therapist’s decision once on the page, in the element that is shown', async () => {
    const { practice, adapter } = alexPolled();
    const { status, calendar } = await mountPage(adapter, { statusInterval: 0.2 });
    const calendarNotices = () => text(rootOf(calendar).querySelector('[part~="notice"][role="status"]'));
    practice.confirm('seed-2');
    await waitUntil(() => text(statusNotice(status)).includes('Confirmed') || calendarNotices().includes('Confirmed'), 'announced', { timeout: 2000 });
    await calendar.updateComplete;
    await status.updateComplete;
    const saidBy = [text(statusNotice(status)), calendarNotices()].filter((said) => said.includes('Confirmed'));
    expect(saidBy, 'said by exactly one element').to.have.length(1);

    // The status list hidden (another tab shown): the calendar, which is seen, says the next one.
    status.hidden = true;
    practice.cancel(alex, 'seed-1', 'cancelled-elsewhere');
    await waitUntil(() => calendarNotices().includes('Cancelled'), 'announced by the calendar', { timeout: 2000 });
    expect(text(statusNotice(status))).not.to.contain('Cancelled');
  });
});

describe('elements with the same api-base', () => {
  afterEach(() => {
    document.cookie = `${demoSessionCookie}=; path=/; max-age=0`;
  });

  it('share one adapter: one list request for both, and a cancel in one shows in the other at once', async () => {
    const { practice } = createTestPractice();
    let listRequests = 0;
    await serveMockApi(
      practice,
      http.get('/api/appointments', () => {
        listRequests += 1;
        return undefined; // on to the mock itself
      }),
    );
    document.cookie = `${demoSessionCookie}=${alex}; path=/`;
    const wrapper = await fixture<HTMLDivElement>(html`<div>
      <appointment-status time-zone=${zone} .now=${() => NOW} api-base="/api"></appointment-status>
      <appointment-calendar time-zone=${zone} initial-date="2026-12-07" .now=${() => NOW} api-base="/api"></appointment-calendar>
    </div>`);
    const status = wrapper.querySelector('appointment-status')!;
    const calendar = wrapper.querySelector('appointment-calendar')!;
    await waitUntil(() => upcomingIds(status).length > 0 && agendaButton(calendar, 'seed-1'), 'both lists over REST', { timeout: 5000 });
    expect(listRequests, 'one GET /appointments for the two').to.equal(1);

    const dialog = await askToCancel(status, 'seed-1');
    buttonIn(dialog, 'Yes, cancel appointment')!.click();
    await waitUntil(() => statusOf(status, 'seed-1') === 'Cancelled', 'cancelled', { timeout: 5000 });
    await calendar.updateComplete;
    await nextFrame();
    expect(calendarSays(calendar, 'seed-1')).to.contain('Cancelled');
    expect(listRequests, 'no poll was needed').to.equal(1);
  });
});
