/**
 * The fault table of the two views, run by view-faults.test.ts.
 *
 * <appointment-status> and <appointment-calendar> over a RestAdapter and the mock API, with
 * each of their own requests (the list, its refresh, who self-schedules, and a cancellation)
 * failing by network error, timeout, 500, malformed and wrong-shaped JSON, and a cancellation
 * also by an answer lost after the server acted: the element says what happened in an alert with
 * Try again, which works once the fault is gone, keeps what the client had open, and throws
 * nothing that nobody catches. (The nested form's requests are the form's: form-*-faults.)
 */
import { expect, fixture, html } from '@open-wc/testing';
import '../../src/elements/appointment-status/appointment-status.js';
import '../../src/elements/appointment-calendar/appointment-calendar.js';
import type { BookingAdapter } from '../../src/adapters/booking-adapter.js';
import { NOW } from '../support/fixtures.js';
import { type Fault, faultyApiPerTest, faults } from '../support/faults.js';
import { buttonNamed, failureShown, rootOf, shownAlerts, text, waitUntil, zone } from './helpers.js';

const seed1Heading = 'Monday, December 7, 2026 at 10:00 AM EST';

export interface View {
  name: string;
  mount(adapter: BookingAdapter): Promise<HTMLElement>;
  /** The ids of the appointments listed. */
  listed(el: HTMLElement): string[];
  /** Something the client opened or chose, which a failure must not undo. */
  choose(el: HTMLElement): Promise<void>;
  chosen(el: HTMLElement): boolean;
  /** Opens the cancel confirmation of `id`; returns the dialog. */
  askToCancel(el: HTMLElement, id: string): Promise<HTMLDialogElement>;
  statusOf(el: HTMLElement, id: string): string;
}

export const status: View = {
  name: 'appointment-status',
  mount: (adapter) =>
    fixture(html`<appointment-status time-zone=${zone} .now=${() => NOW} .adapter=${adapter}></appointment-status>`),
  listed: (el) => [...rootOf(el).querySelectorAll<HTMLElement>('[part~="appointment"]')].map((item) => item.dataset.id!),
  async choose(el) {
    buttonNamed(rootOf(el), 'Show past appointments')!.click();
    await (el as HTMLElement & { updateComplete: Promise<unknown> }).updateComplete;
    const item = rootOf(el).querySelector('[part~="appointment"][data-id="seed-1"]')!;
    buttonNamed(item, 'Manage Appointment')!.click();
  },
  chosen: (el) =>
    rootOf(el).querySelector('.past-toggle')?.getAttribute('aria-expanded') === 'true' &&
    Boolean(buttonNamed(rootOf(el).querySelector('[part~="appointment"][data-id="seed-1"]')!, 'Cancel appointment')),
  async askToCancel(el, id) {
    const item = rootOf(el).querySelector(`[part~="appointment"][data-id="${id}"]`)!;
    buttonNamed(item, 'Manage Appointment')!.click();
    await waitUntil(() => buttonNamed(item, 'Cancel appointment'), 'Cancel appointment shown');
    buttonNamed(item, 'Cancel appointment')!.click();
    const dialog = rootOf(el).querySelector<HTMLDialogElement>('dialog[part~="dialog"]')!;
    await waitUntil(() => dialog.open, 'the confirmation');
    return dialog;
  },
  statusOf: (el, id) => text(rootOf(el).querySelector(`[part~="appointment"][data-id="${id}"] [part~="status"]`)),
};

export const calendar: View = {
  name: 'appointment-calendar',
  mount: (adapter) =>
    fixture(
      html`<appointment-calendar time-zone=${zone} initial-date="2026-12-07" .now=${() => NOW} .adapter=${adapter}></appointment-calendar>`,
    ),
  listed: (el) => [...rootOf(el).querySelectorAll<HTMLElement>('.agenda [part~="appointment"]')].map((item) => item.dataset.id!),
  async choose(el) {
    buttonNamed(rootOf(el), 'Month')!.click();
    await waitUntil(() => buttonNamed(rootOf(el), 'Month')!.getAttribute('aria-pressed') === 'true', 'month view');
  },
  chosen: (el) =>
    buttonNamed(rootOf(el), 'Month')?.getAttribute('aria-pressed') === 'true' && text(rootOf(el).querySelector('#range-heading')) === 'December 2026',
  async askToCancel(el, id) {
    rootOf(el).querySelector<HTMLButtonElement>(`.agenda [part~="appointment"][data-id="${id}"]`)!.click();
    const dialog = rootOf(el).querySelector<HTMLDialogElement>('dialog[part~="details"]')!;
    await waitUntil(() => dialog.open, 'the details');
    buttonNamed(dialog, 'Manage Appointment')!.click();
    await waitUntil(() => buttonNamed(dialog, 'Cancel appointment'), 'Cancel appointment shown');
    buttonNamed(dialog, 'Cancel appointment')!.click();
    await waitUntil(() => buttonNamed(dialog, 'Yes, cancel appointment'), 'the confirmation');
    return dialog;
  },
  statusOf: (el, id) => text(rootOf(el).querySelector(`.agenda [part~="appointment"][data-id="${id}"] .what`)).split('— ')[1] ?? '',
};

async function listShown(view: View, el: HTMLElement): Promise<void> {
  await waitUntil(() => view.listed(el).includes('seed-1'), `${view.name} lists seed-1`, { timeout: 15_000 });
}

/** Asks for a refresh now, as the page coming back into view does. */
function refreshNow(): void {
  document.dispatchEvent(new Event('visibilitychange'));
}

/** Every (request, fault) case of `view`. */
export function viewFaultTable(view: View): void {
  describe(`<${view.name}> when a request fails`, function () {
    this.timeout(60_000);
    const served = faultyApiPerTest();

    /** The checks every case ends with. */
    function expectFaultMetAndNothingThrown(route: string, fault: Fault): void {
      expect(served.api.log.some((request) => request.route === route && request.fault === fault), 'the fault was met').to.equal(true);
      expect(served.uncaught.errors, 'nothing thrown that nobody caught').to.deep.equal([]);
    }

    for (const fault of faults) {
      it(`the list, ${fault}: says so with Try again, which loads it`, async () => {
        served.api.fail('appointments', fault);
        const el = await view.mount(served.api.adapter);
        const { retry } = await failureShown(rootOf(el), fault);
        expect(view.listed(el)).to.deep.equal([]);
        served.api.clear();
        retry.click();
        await listShown(view, el);
        expect(shownAlerts(rootOf(el)), 'the alert is gone').to.deep.equal([]);
        expectFaultMetAndNothingThrown('appointments', fault);
      });

      it(`a refresh, ${fault}: keeps the list and what was open, says it may be stale, and Try again refreshes`, async () => {
        const el = await view.mount(served.api.adapter);
        await listShown(view, el);
        await view.choose(el);
        await waitUntil(() => view.chosen(el), 'the client’s choice shown');
        served.api.fail('appointments', fault);
        refreshNow();
        await waitUntil(() => shownAlerts(rootOf(el)).length, 'an alert', { timeout: 15_000 });
        const alert = shownAlerts(rootOf(el))[0];
        expect(text(alert)).to.contain('could not be refreshed');
        expect(view.listed(el)).to.include('seed-1');
        expect(view.chosen(el), 'what the client had open stays open').to.equal(true);
        // Meanwhile the therapist confirmed seed-2: Try again brings it.
        served.api.practice.confirm('seed-2');
        served.api.clear();
        buttonNamed(alert, 'Try again')!.click();
        await waitUntil(() => view.statusOf(el, 'seed-2') === 'Confirmed', 'the refreshed status', { timeout: 15_000 });
        await waitUntil(() => shownAlerts(rootOf(el)).length === 0, 'the alert gone');
        expect(view.chosen(el)).to.equal(true);
        expectFaultMetAndNothingThrown('appointments', fault);
      });

      it(`who self-schedules, ${fault}: says New Appointment is unavailable, with Try again, which brings it`, async () => {
        served.api.fail('providers', fault);
        const el = await view.mount(served.api.adapter);
        await listShown(view, el);
        const { retry } = await failureShown(rootOf(el), fault);
        expect(rootOf(el).querySelector('[part~="new-appointment"]')).to.equal(null);
        served.api.clear();
        retry.click();
        await waitUntil(() => rootOf(el).querySelector('[part~="new-appointment"]'), 'New Appointment', { timeout: 15_000 });
        expect(shownAlerts(rootOf(el))).to.deep.equal([]);
        expect(view.listed(el)).to.include('seed-1');
        expectFaultMetAndNothingThrown('providers', fault);
      });
    }

    for (const fault of [...faults, 'lost'] as Fault[]) {
      it(`cancelling, ${fault}: the confirmation says so with Try again, which cancels once`, async () => {
        const el = await view.mount(served.api.adapter);
        await listShown(view, el);
        const dialog = await view.askToCancel(el, 'seed-1');
        served.api.fail('cancel', fault);
        buttonNamed(dialog, 'Yes, cancel appointment')!.click();
        const { retry } = await failureShown(dialog, fault);
        expect(dialog.open, 'the confirmation stays').to.equal(true);
        expect(text(dialog)).to.contain(seed1Heading);
        expect(view.statusOf(el, 'seed-1')).to.equal('Confirmed');
        served.api.clear();
        retry.click();
        await waitUntil(() => !dialog.open, 'the confirmation closes', { timeout: 15_000 });
        await waitUntil(() => view.statusOf(el, 'seed-1') === 'Cancelled', 'seed-1 cancelled');
        const cancels = served.api.requestsTo('cancel');
        expect(cancels).to.have.length(2);
        expect(new Set(cancels.map((request) => request.idempotencyKey)).size, 'one key for one intention').to.equal(1);
        expect(served.api.practice.appointmentsOf('client-alex').find((a) => a.id === 'seed-1')!.status).to.equal('cancelled');
        expectFaultMetAndNothingThrown('cancel', fault);
      });
    }
  });
}
