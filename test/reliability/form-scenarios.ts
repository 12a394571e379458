/**
 * The fault table of <self-schedule-form>, run by form-faults.test.ts.
 *
 * <self-schedule-form> over a RestAdapter and the mock API, with each of its requests failing in
 * each way a network and a server fail: at every step, the form says what happened in an alert,
 * offers Try again, which works once the fault is gone, keeps every choice the client made, and
 * nothing is thrown that nobody catches. Writes that the server carried out before the answer
 * was lost or garbled are retried under the same idempotency key and make one appointment.
 */
import { expect } from '@open-wc/testing';
import type { SelfScheduleForm } from '../../src/elements/self-schedule-form/self-schedule-form.js';
import type { Appointment } from '../../src/model/schemas.js';
import { type Fault, type FaultyApi, type Route, faultyApiPerTest, faults } from '../support/faults.js';
import {
  alertWithRetry,
  buttonNamed,
  expectChenChosen,
  continueToTimes,
  failureShown,
  field,
  mountForm,
  onStep,
  optionValues,
  pick,
  readyField,
  rootOf,
  selectedTime,
  slots,
  slotsShown,
  text,
} from './helpers.js';

export type FormRoute = Extract<Route, 'providers' | 'locations' | 'services' | 'availability' | 'validate' | 'submit' | 'change'>;

const alex = 'client-alex';

/** Alex's appointments that still hold a time. */
export const holdingOf = (api: FaultyApi) =>
  api.practice.appointmentsOf(alex).filter((a) => a.status === 'unconfirmed' || a.status === 'confirmed');

/** Chooses Dr. Chen, Riverside, Individual Therapy by hand and continues to the listed start times. */
export async function toAvailability(el: SelfScheduleForm): Promise<void> {
  await pick(el, 'Provider', 'dr-chen');
  await pick(el, 'Location', 'riverside');
  await pick(el, 'Service', 'individual-50');
  await continueToTimes(el);
  await onStep(el, 'Availability');
  await slotsShown(el);
}

/** Clicks the first open start time; returns its label ("Start at …"). */
export async function chooseFirstTime(el: SelfScheduleForm): Promise<string> {
  const slot = slots(el)[0];
  const label = slot.getAttribute('aria-label')!.replace(/^Start at /, '');
  slot.click();
  await el.updateComplete;
  expect(selectedTime(el)).to.contain(label);
  return label;
}

export async function toReview(el: SelfScheduleForm): Promise<string> {
  const label = await chooseFirstTime(el);
  buttonNamed(rootOf(el), 'Save')!.click();
  await onStep(el, 'Review your appointment request');
  return label;
}

/** The review lists what the client chose. */
function expectReviewOf(el: SelfScheduleForm, when: string): void {
  const review = text(rootOf(el).querySelector('dl'));
  expect(review).to.contain('Dr. Maya Chen');
  expect(review).to.contain('Riverside Office');
  expect(review).to.contain('Individual Therapy');
  expect(review).to.contain(when);
}

/**
 * One scenario per request: brings the form to the request with `fault` switched on, checks the
 * alert and the choices, clears the fault, presses Try again, and checks the form carried on.
 */
export const scenarios: Record<FormRoute, (api: FaultyApi, fault: Fault) => Promise<void>> = {
  async providers(api, fault) {
    // A therapist's link: every choice arrives with the page, before the first request.
    api.fail('providers', fault);
    const el = await mountForm({ adapter: api.adapter, provider: 'dr-chen', location: 'riverside', service: 'individual-50' });
    const { retry } = await failureShown(rootOf(el), fault);
    expect(retry.closest('[part~="field"]'), 'the alert is beside Provider').to.contain(field(el, 'Provider'));
    api.clear();
    retry.click();
    // The link's choices were kept: the form lands on Availability with all three.
    await onStep(el, 'Availability');
    expectChenChosen(el);
    await slotsShown(el);
  },

  async locations(api, fault) {
    const el = await mountForm({ adapter: api.adapter });
    await readyField(el, 'Provider');
    api.fail('locations', fault);
    await pick(el, 'Provider', 'dr-chen');
    const { retry } = await failureShown(rootOf(el), fault);
    expect(retry.closest('[part~="field"]')).to.contain(field(el, 'Location'));
    expect(field(el, 'Provider')!.value).to.equal('dr-chen');
    api.clear();
    retry.click();
    const location = await readyField(el, 'Location');
    expect(optionValues(location)).to.deep.equal(['riverside', 'telehealth']);
    expect(field(el, 'Provider')!.value).to.equal('dr-chen');
  },

  async services(api, fault) {
    const el = await mountForm({ adapter: api.adapter });
    await pick(el, 'Provider', 'dr-chen');
    api.fail('services', fault);
    await pick(el, 'Location', 'riverside');
    const { retry } = await failureShown(rootOf(el), fault);
    expect(retry.closest('[part~="field"]')).to.contain(field(el, 'Service'));
    expect([field(el, 'Provider')!.value, field(el, 'Location')!.value]).to.deep.equal(['dr-chen', 'riverside']);
    api.clear();
    retry.click();
    const service = await readyField(el, 'Service');
    expect(optionValues(service)).to.deep.equal(['individual-50', 'intake-60']);
    expect([field(el, 'Provider')!.value, field(el, 'Location')!.value]).to.deep.equal(['dr-chen', 'riverside']);
  },

  async availability(api, fault) {
    const el = await mountForm({ adapter: api.adapter });
    await pick(el, 'Provider', 'dr-chen');
    await pick(el, 'Location', 'riverside');
    // Before the service: a wide form asks for the times as soon as all three are chosen.
    api.fail('availability', fault);
    await pick(el, 'Service', 'individual-50');
    await continueToTimes(el);
    await onStep(el, 'Availability');
    const { retry } = await failureShown(rootOf(el), fault);
    expectChenChosen(el);
    api.clear();
    retry.click();
    await slotsShown(el);
    expectChenChosen(el);
    expect(alertWithRetry(rootOf(el)), 'the alert is gone').to.equal(undefined);
  },

  async validate(api, fault) {
    const el = await mountForm({ adapter: api.adapter });
    await toAvailability(el);
    const when = await chooseFirstTime(el);
    api.fail('validate', fault);
    buttonNamed(rootOf(el), 'Save')!.click();
    const { retry } = await failureShown(rootOf(el), fault);
    expect(selectedTime(el)).to.contain(when);
    expectChenChosen(el);
    api.clear();
    retry.click();
    await onStep(el, 'Review your appointment request');
    expectReviewOf(el, when);
  },

  async submit(api, fault) {
    const before = holdingOf(api).length;
    const el = await mountForm({ adapter: api.adapter });
    await toAvailability(el);
    const when = await toReview(el);
    api.fail('submit', fault);
    buttonNamed(rootOf(el), 'Submit New Appointment')!.click();
    const { retry } = await failureShown(rootOf(el), fault);
    expectReviewOf(el, when);
    api.clear();
    retry.click();
    await onStep(el, 'Appointment request sent');
    // However the first answer failed, one request was meant, and one appointment made.
    const keys = new Set(api.requestsTo('submit').map((request) => request.idempotencyKey));
    expect(api.requestsTo('submit')).to.have.length(2);
    expect(keys.size, 'one idempotency key for the request and its retry').to.equal(1);
    expect(holdingOf(api)).to.have.length(before + 1);
  },

  async change(api, fault) {
    const seed1 = (await api.adapter.listAppointments()).find((a) => a.id === 'seed-1') as Appointment;
    const before = holdingOf(api).length;
    const el = await mountForm({ adapter: api.adapter, changing: seed1 });
    await onStep(el, 'Availability');
    await slotsShown(el);
    const when = await chooseFirstTime(el);
    buttonNamed(rootOf(el), 'Save')!.click();
    await onStep(el, 'Review your appointment request');
    api.fail('change', fault);
    buttonNamed(rootOf(el), 'Submit Change')!.click();
    const { retry } = await failureShown(rootOf(el), fault);
    expectReviewOf(el, when);
    api.clear();
    retry.click();
    await onStep(el, 'Change request sent');
    expect(new Set(api.requestsTo('change').map((request) => request.idempotencyKey)).size).to.equal(1);
    const moved = api.practice.appointmentsOf(alex).find((a) => a.id === 'seed-1')!;
    expect(moved.start).not.to.equal(seed1.start);
    expect(moved.status).to.equal('unconfirmed');
    expect(holdingOf(api), 'moved, not copied').to.have.length(before);
  },
};


/** One test per (route, fault) of `formRoutes`, for the file that calls it. */
export function faultTable(formRoutes: FormRoute[]): void {
  describe('<self-schedule-form> when a request fails', function () {
    this.timeout(60_000);
    const served = faultyApiPerTest();

    for (const route of formRoutes) {
      const routeFaults: Fault[] = route === 'submit' || route === 'change' ? [...faults, 'lost'] : [...faults];
      for (const fault of routeFaults) {
        it(`${route}, ${fault}: says so with Try again, keeps the choices, and carries on once it works`, async () => {
          await scenarios[route](served.api, fault);
          expect(served.api.log.some((request) => request.route === route && request.fault === fault), 'the fault was met').to.equal(true);
          expect(served.uncaught.errors, 'nothing thrown that nobody caught').to.deep.equal([]);
        });
      }
    }
  });
}
