/**
 * Offline and back: while the browser is offline (its `offline` event, with every request failing
 * as a network error would) each element says so plainly and keeps the client's choices; when the
 * `online` event comes it carries on by itself: what failed to load loads, the list is refreshed.
 * A submit that failed offline is not sent behind the client's back: Try again stays, and sends
 * the same key. (test/e2e/offline.e2e.test.mjs does the same with a really offline browser.)
 */
import { expect, fixture, html } from '@open-wc/testing';
import '../../src/elements/appointment-status/appointment-status.js';
import '../../src/elements/appointment-calendar/appointment-calendar.js';
import { NOW, createTestPractice } from '../support/fixtures.js';
import { type FaultyApi, type Route, routes, serveFaultyApi, watchUncaught } from '../support/faults.js';
import { holdingOf, toAvailability, toReview } from './form-scenarios.js';
import {
  alertWithRetry,
  buttonNamed,
  expectChenChosen,
  failureShown,
  mountForm,
  onStep,
  rootOf,
  selectedTime,
  shownAlerts,
  slots,
  slotsShown,
  text,
  waitUntil,
  zone,
} from './helpers.js';

const offlineWords = /you are offline/i;

/** The browser goes offline: `navigator.onLine`, its event, and every request failing as it then would. */
function goOffline(api: FaultyApi, only: readonly Route[] = routes): void {
  for (const route of only) api.fail(route, 'network');
  Object.defineProperty(navigator, 'onLine', { configurable: true, get: () => false });
  window.dispatchEvent(new Event('offline'));
}

function goOnline(api: FaultyApi): void {
  api.clear();
  // The own property goes; Navigator.prototype's getter answers again.
  delete (navigator as { onLine?: boolean }).onLine;
  window.dispatchEvent(new Event('online'));
}

const saysOffline = (root: ParentNode) => shownAlerts(root).some((alert) => offlineWords.test(text(alert)));

describe('offline and back online', function () {
  this.timeout(60_000);
  let api: FaultyApi;
  let uncaught: ReturnType<typeof watchUncaught>;

  beforeEach(async () => {
    api = await serveFaultyApi(createTestPractice().practice);
    uncaught = watchUncaught();
  });

  afterEach(() => {
    // Never leave the page believing it is offline.
    goOnline(api);
    uncaught.stop();
    expect(uncaught.errors, 'nothing thrown that nobody caught').to.deep.equal([]);
  });

  it('the form says it is offline, keeps the choices and the chosen time, and loads the times again once online', async () => {
    const el = await mountForm({ adapter: api.adapter });
    await toAvailability(el);
    slots(el)[0].click();
    await el.updateComplete;
    const chosen = selectedTime(el);
    expect(chosen).not.to.contain('No time selected');

    goOffline(api);
    await waitUntil(() => saysOffline(rootOf(el)), 'the offline message');
    buttonNamed(rootOf(el), 'Next week')!.click();
    await failureShown(rootOf(el), 'network');
    expectChenChosen(el);
    expect(selectedTime(el)).to.equal(chosen);

    const asked = api.requestsTo('availability').length;
    goOnline(api);
    // Nobody presses Try again: the form carries on by itself.
    await slotsShown(el);
    expect(api.requestsTo('availability').length).to.be.greaterThan(asked);
    expect(saysOffline(rootOf(el)), 'the offline message is gone').to.equal(false);
    expect(alertWithRetry(rootOf(el))).to.equal(undefined);
    expectChenChosen(el);
    expect(selectedTime(el)).to.equal(chosen);
  });

  it("the form opened offline from a therapist's link lands on Availability with the link's choices once online", async () => {
    goOffline(api);
    const el = await mountForm({ adapter: api.adapter, provider: 'dr-chen', location: 'riverside', service: 'individual-50' });
    await failureShown(rootOf(el), 'network');
    expect(saysOffline(rootOf(el))).to.equal(true);
    goOnline(api);
    await onStep(el, 'Availability');
    expectChenChosen(el);
    await slotsShown(el);
    expect(saysOffline(rootOf(el))).to.equal(false);
  });

  it('a submit that failed offline waits for Try again once online, which sends the same key and makes one appointment', async () => {
    const before = holdingOf(api).length;
    const el = await mountForm({ adapter: api.adapter });
    await toAvailability(el);
    await toReview(el);
    goOffline(api);
    buttonNamed(rootOf(el), 'Submit New Appointment')!.click();
    const { retry } = await failureShown(rootOf(el), 'network');
    expect(saysOffline(rootOf(el))).to.equal(true);

    goOnline(api);
    await waitUntil(() => !saysOffline(rootOf(el)), 'the offline message gone');
    expect(api.requestsTo('submit'), 'nothing sent behind the client’s back').to.have.length(1);
    expect(alertWithRetry(rootOf(el))?.retry).to.equal(retry);
    retry.click();
    await onStep(el, 'Appointment request sent');
    const keys = api.requestsTo('submit').map((request) => request.idempotencyKey);
    expect(keys).to.have.length(2);
    expect(keys[1]).to.equal(keys[0]);
    expect(holdingOf(api)).to.have.length(before + 1);
  });

  const views = [
    {
      name: 'appointment-status',
      mount: () => fixture<HTMLElement>(html`<appointment-status time-zone=${zone} .now=${() => NOW} .adapter=${api.adapter}></appointment-status>`),
      statusOf: (el: HTMLElement, id: string) => text(rootOf(el).querySelector(`[part~="appointment"][data-id="${id}"] [part~="status"]`)),
    },
    {
      name: 'appointment-calendar',
      mount: () =>
        fixture<HTMLElement>(
          html`<appointment-calendar time-zone=${zone} initial-date="2026-12-07" .now=${() => NOW} .adapter=${api.adapter}></appointment-calendar>`,
        ),
      statusOf: (el: HTMLElement, id: string) => text(rootOf(el).querySelector(`.agenda [part~="appointment"][data-id="${id}"] .what`)).split('— ')[1] ?? '',
    },
  ];

  for (const view of views) {
    it(`<${view.name}> says it is offline, keeps the list, and refreshes it by itself once online`, async () => {
      const el = await view.mount();
      await waitUntil(() => view.statusOf(el, 'seed-2') === 'Unconfirmed', 'the list', { timeout: 15_000 });
      goOffline(api);
      await waitUntil(() => saysOffline(rootOf(el)), 'the offline message');
      // A refresh meanwhile fails; the list stays.
      document.dispatchEvent(new Event('visibilitychange'));
      await waitUntil(() => text(rootOf(el)).includes('could not be refreshed'), 'the refresh failed');
      expect(view.statusOf(el, 'seed-2')).to.equal('Unconfirmed');

      // The therapist confirms while the client is offline.
      api.practice.confirm('seed-2');
      goOnline(api);
      await waitUntil(() => view.statusOf(el, 'seed-2') === 'Confirmed', 'refreshed by itself', { timeout: 15_000 });
      await waitUntil(() => shownAlerts(rootOf(el)).length === 0, 'no alert left');
    });
  }
});
