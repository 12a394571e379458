/**
 * The New Appointment form from the client's side: the three choices, loading and error states,
 * pre-fill and therapist links, the start-time list through Save, review, Submit and done,
 * validation and submit errors, keyboard-only booking, accessibility of each state, and strings.
 * (Grid pointer input, navigation, time zones and the dialog are in self-schedule-form.grid.test.ts.)
 */
import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { sendKeys, setViewport } from '@web/test-runner-commands';
import type { SelfScheduleForm } from '../../src/elements/self-schedule-form/self-schedule-form.js';
import type {
  RequestFailEvent,
  RequestSubmitEvent,
  SlotSelectEvent,
  ViewAppointmentsEvent,
} from '../../src/elements/self-schedule-form/self-schedule-form.events.js';
import { MemoryAdapter } from '../../src/adapters/memory/memory-adapter.js';
import { Practice } from '../../src/adapters/memory/practice.js';
import type { PracticeData } from '../../src/adapters/memory/practice-data.js';
import type { AvailabilityQuery, BookingAdapter, ValidateOptions, WriteOptions } from '../../src/adapters/booking-adapter.js';
import { browserTimeZone } from '../../src/scheduling/time-zone.js';
import type { Appointment, AppointmentRequest } from '../../src/model/schemas.js';
import { createDemoPractice } from '../../mock-api/demo-practice.js';
import { TestAdapter, alex, alexOnPractice, deepActiveElement, networkError, rootOf, text, zone } from '../support/element-driver.js';
import { NOW, chenRequest, createTestPractice, nyTime } from '../support/fixtures.js';
import {
  type FormOptions,
  alertText,
  button,
  field,
  mountForm,
  movingLine,
  noticeText,
  shownZone,
  onStep,
  optionNames,
  pick,
  readyField,
  slotAt,
  slotLabels,
  slots,
  slotsShown,
  stepHeading,
} from '../support/form-driver.js';

const taylor = 'client-taylor';
/** A Monday-morning start that is not open: opens the calendar at the week of 7 December with nothing chosen. */
const dec7Week = nyTime(7, '07:00');

// ---- a practice and an adapter the tests can steer ------------------------------------------

/** The demo practice, changed by `mutate`, on the fixed test clock. */
function practiceWith(mutate: (data: PracticeData) => void): Practice {
  const data = createDemoPractice(NOW);
  mutate(data);
  return new Practice(data, { now: () => NOW });
}

/** Mounts the form for Alex, in New York time. */
const mount = (options: FormOptions = {}) => mountForm(options);

const continueButton = (el: SelfScheduleForm) => button(el, 'Continue');
const submitPart = (el: SelfScheduleForm) => rootOf(el).querySelector<HTMLElement>('[part~="submit"]');
const alertRegion = (el: SelfScheduleForm) => rootOf(el).querySelector<HTMLElement>('[part~="error"][role="alert"]');
/** The text of every error part (the alert region and any beside a field or the times). */
const errorTexts = (el: SelfScheduleForm) => [...rootOf(el).querySelectorAll('[part~="error"]')].map(text).filter(Boolean);

/** On the choices, with no times shown yet (on a wide screen the times show beside the choices). */
const onChooseStep = (el: SelfScheduleForm) => field(el, 'Provider') !== null && stepHeading(el) !== 'Availability';
/** Whether Availability is shown: on a wide screen, beside the choices as soon as all three are made. */
const timesShown = (el: SelfScheduleForm) => stepHeading(el) === 'Availability';
/** The three choices as their selects show them. */
const chosenOptions = (el: SelfScheduleForm) =>
  ['Provider', 'Location', 'Service'].map((label) => text(field(el, label)?.selectedOptions[0])).join(' · ');
const chenChosen = 'Dr. Maya Chen, PsyD · Riverside Office · Individual Therapy';
const phone = { width: 375, height: 800 };
const wide = { width: 1280, height: 900 };

/** Mounts at Availability for Dr. Chen, Riverside, Individual Therapy, in the week of 7 December. */
async function atAvailability(adapter: BookingAdapter, options: FormOptions = {}): Promise<SelfScheduleForm> {
  const el = await mount({
    adapter,
    provider: 'dr-chen',
    location: 'riverside',
    service: 'individual-50',
    start: dec7Week,
    ...options,
  });
  await onStep(el, 'Availability');
  await slotsShown(el);
  return el;
}

/** Chooses Monday 7 December at `time` and saves, reaching the review. */
async function toReview(el: SelfScheduleForm, time = '9:00 AM', day = 7): Promise<void> {
  const slot = slotAt(el, day, time);
  if (!slot) throw new Error(`No start at ${time} on ${day}: ${slotLabels(el).join(' | ')}`);
  slot.click();
  await el.updateComplete;
  button(el, 'Save')!.click();
  await onStep(el, 'Review your appointment request');
}

function alexsAppointmentsAt(practice: Practice, start: string): Appointment[] {
  return practice.appointmentsOf(alex).filter((appointment) => Date.parse(appointment.start) === Date.parse(start));
}

/** The 9:00 Monday request for Dr. Chen at Riverside, as a second client would send it. */
const nineOClock: AppointmentRequest = {
  providerId: 'dr-chen',
  locationId: 'riverside',
  serviceId: 'individual-50',
  start: nyTime(7, '09:00'),
  end: nyTime(7, '09:50'),
};

async function taylorTakes(practice: Practice, request: AppointmentRequest = nineOClock): Promise<void> {
  await new MemoryAdapter({ practice, clientId: taylor }).requestAppointment(request, { idempotencyKey: 'taylor-1' });
}

/** Presses Tab until `target` has focus (a keyboard user's way there), failing after `limit` presses. */
async function tabTo(target: () => Element | null | undefined, limit = 12): Promise<void> {
  for (let presses = 0; presses < limit; presses += 1) {
    const wanted = target();
    if (wanted && deepActiveElement() === wanted) return;
    await sendKeys({ press: 'Tab' });
  }
  throw new Error(`Tab never reached ${target()?.outerHTML.slice(0, 80)}; focus is on ${deepActiveElement()?.outerHTML.slice(0, 80)}`);
}

// ---- the tests -------------------------------------------------------------------------------

describe('self-schedule-form flow', () => {
  before(() => setViewport(wide));

  describe('choose step', () => {
    it('offers only therapists who self-schedule, in a labelled Provider select', async () => {
      const { adapter } = alexOnPractice();
      const el = await mount({ adapter });
      const provider = await readyField(el, 'Provider');
      expect(optionNames(provider)).to.deep.equal(['Dr. Maya Chen, PsyD', 'Jordan Alvarez, LCSW']);
      expect(text(provider)).not.to.include('Sam Okafor');
      expect(provider.value).to.equal('');
      const hint = rootOf(el).getElementById(provider.getAttribute('aria-describedby')!);
      expect(text(hint)).to.equal('Who you would like to schedule an appointment with');
      expect(field(el, 'Location'), 'no Location before a provider').to.equal(null);
      expect(field(el, 'Service'), 'no Service before a location').to.equal(null);
    });

    it('offers the locations of the chosen provider, choosing the only one for the client', async () => {
      const practice = practiceWith((data) => {
        data.schedules = data.schedules.filter((s) => !(s.providerId === 'jordan-alvarez' && s.locationId === 'telehealth'));
      });
      const el = await mount({ adapter: new MemoryAdapter({ practice, clientId: alex }) });
      await pick(el, 'Provider', 'Dr. Maya Chen');
      let location = await readyField(el, 'Location');
      expect(optionNames(location)).to.deep.equal(['Riverside Office', 'Telehealth (video)']);
      expect(location.value).to.equal('');

      await pick(el, 'Provider', 'Jordan Alvarez');
      await waitUntil(() => field(el, 'Location') && optionNames(field(el, 'Location')!).length === 1, 'Jordan’s locations');
      location = field(el, 'Location')!;
      expect(optionNames(location)).to.deep.equal(['Riverside Office']);
      expect(location.value, 'a single location is chosen for the client').to.equal('riverside');
      expect(field(el, 'Service'), 'and its services are offered').not.to.equal(null);
    });

    it('offers the services of the chosen provider at the chosen location', async () => {
      const { adapter } = alexOnPractice();
      const el = await mount({ adapter });
      await pick(el, 'Provider', 'Dr. Maya Chen');
      await pick(el, 'Location', 'Telehealth');
      let service = await readyField(el, 'Service');
      expect(optionNames(service)).to.deep.equal(['Individual Therapy', 'Brief Check-in']);
      expect(text(rootOf(el).getElementById(service.getAttribute('aria-describedby')!))).to.equal(
        'Services depend on the selected provider',
      );

      await pick(el, 'Location', 'Riverside Office');
      await waitUntil(() => field(el, 'Service') && optionNames(field(el, 'Service')!).includes('Initial Consultation'));
      service = field(el, 'Service')!;
      expect(optionNames(service)).to.deep.equal(['Individual Therapy', 'Initial Consultation']);

      await pick(el, 'Provider', 'Jordan Alvarez');
      await waitUntil(() => field(el, 'Service') && optionNames(field(el, 'Service')!).includes('Couples Therapy'));
      expect(optionNames(field(el, 'Service')!)).to.deep.equal(['Individual Therapy', 'Couples Therapy']);
    });

    it('clears a service that does not fit a newly chosen provider, with a notice', async () => {
      const { adapter } = alexOnPractice();
      const el = await mount({ adapter });
      await pick(el, 'Provider', 'Dr. Maya Chen');
      await pick(el, 'Location', 'Riverside Office');
      await pick(el, 'Service', 'Initial Consultation');
      expect(timesShown(el)).to.equal(true);

      await pick(el, 'Provider', 'Jordan Alvarez');
      await waitUntil(() => field(el, 'Service') && optionNames(field(el, 'Service')!).includes('Couples Therapy'));
      expect(field(el, 'Location')!.value, 'the location still fits').to.equal('riverside');
      expect(field(el, 'Service')!.value).to.equal('');
      expect(noticeText(el)).to.include('so the service was cleared');
      expect(timesShown(el)).to.equal(false);
    });

    it('clears a location that does not fit a newly chosen provider, with a notice', async () => {
      const practice = practiceWith((data) => {
        data.locations.push({ id: 'uptown', kind: 'in-person', name: 'Uptown Office', address: '5 Main St', timeZone: zone });
        data.schedules = data.schedules.map((s) =>
          s.providerId === 'jordan-alvarez' && s.locationId === 'telehealth' ? { ...s, locationId: 'uptown' } : s,
        );
      });
      const el = await mount({ adapter: new MemoryAdapter({ practice, clientId: alex }) });
      await pick(el, 'Provider', 'Dr. Maya Chen');
      await pick(el, 'Location', 'Telehealth');
      await pick(el, 'Service', 'Brief Check-in');

      await pick(el, 'Provider', 'Jordan Alvarez');
      await waitUntil(() => field(el, 'Location') && optionNames(field(el, 'Location')!).includes('Uptown Office'));
      expect(field(el, 'Location')!.value).to.equal('');
      expect(field(el, 'Service'), 'no services without a location').to.equal(null);
      expect(noticeText(el)).to.include('so the location was cleared');
      expect(timesShown(el)).to.equal(false);
    });

    it('names the cleared choice in the notice', async () => {
      const { adapter } = alexOnPractice();
      const el = await mount({ adapter });
      await pick(el, 'Provider', 'Dr. Maya Chen');
      await pick(el, 'Location', 'Riverside Office');
      await pick(el, 'Service', 'Initial Consultation');
      await pick(el, 'Provider', 'Jordan Alvarez');
      await waitUntil(() => noticeText(el).includes('cleared'), 'the notice');
      expect(noticeText(el)).to.equal('Initial Consultation is not available with your other choices, so the service was cleared.');
    });

    it('says so when a provider has no locations, or no services at a location, open online', async () => {
      const practice = practiceWith((data) => {
        data.providers.push({ id: 'new-therapist', name: 'Riley New', selfScheduling: true });
        data.schedules.push({ providerId: 'jordan-alvarez', locationId: 'riverside-annex', weekly: [] });
        data.locations.push({ id: 'riverside-annex', kind: 'in-person', name: 'Riverside Annex', address: '1 Annex Way', timeZone: zone });
      });
      const el = await mount({ adapter: new MemoryAdapter({ practice, clientId: alex }) });
      await pick(el, 'Provider', 'Riley New');
      await waitUntil(() => text(rootOf(el)).includes('This provider has no locations open for online booking.'), 'no locations');
      expect(optionNames(field(el, 'Location')!)).to.deep.equal([]);
      expect(timesShown(el)).to.equal(false);

      await pick(el, 'Provider', 'Jordan Alvarez');
      await pick(el, 'Location', 'Riverside Annex');
      await waitUntil(() => text(rootOf(el)).includes('This provider offers no services online at this location.'), 'no services');
      expect(text(rootOf(el))).not.to.include('no locations open');
      expect(timesShown(el)).to.equal(false);
    });

    it('shows the times beside the choices as soon as all three are made, with no Continue to press', async () => {
      const { adapter } = alexOnPractice();
      const el = await mount({ adapter });
      await readyField(el, 'Provider');
      expect(continueButton(el), 'no Continue on a wide screen').to.equal(undefined);
      await pick(el, 'Provider', 'Dr. Maya Chen');
      expect(timesShown(el)).to.equal(false);
      await pick(el, 'Location', 'Riverside Office');
      expect(timesShown(el)).to.equal(false);
      await pick(el, 'Service', 'Individual Therapy');
      expect(timesShown(el)).to.equal(true);
      expect(chosenOptions(el), 'the choices stay in view, above the times').to.equal(chenChosen);
      await pick(el, 'Service', '');
      expect(timesShown(el), 'after un-choosing the service').to.equal(false);
      await pick(el, 'Service', 'Individual Therapy');
      await slotsShown(el);
      expect(continueButton(el)).to.equal(undefined);
    });

    it('hides the times while the options of a newly chosen provider load', async () => {
      const { adapter } = alexOnPractice(150);
      const el = await mount({ adapter });
      await pick(el, 'Provider', 'Dr. Maya Chen');
      await pick(el, 'Location', 'Riverside Office');
      await pick(el, 'Service', 'Initial Consultation');
      expect(timesShown(el)).to.equal(true);
      // Jordan does not offer Initial Consultation: until that is known, the old choice cannot be trusted.
      await pick(el, 'Provider', 'Jordan Alvarez');
      expect(timesShown(el)).to.equal(false);
    });

    it('says plainly that online booking is not available when no therapist self-schedules, and shows no selects', async () => {
      const { practice, adapter } = alexOnPractice();
      practice.setSelfScheduling('dr-chen', false);
      practice.setSelfScheduling('jordan-alvarez', false);
      const el = await mount({ adapter });
      await waitUntil(() => noticeText(el).includes('Online booking'), 'the notice');
      expect(noticeText(el)).to.equal(
        'Online booking is not available at the moment. Please contact your therapist to schedule an appointment.',
      );
      expect(rootOf(el).querySelectorAll('select')).to.have.length(0);
      expect(continueButton(el)).to.equal(undefined);
    });
  });

  describe('loading and error states', () => {
    it('shows Loading… in each select while its options load', async () => {
      const { adapter } = alexOnPractice(120);
      const el = await mount({ adapter });
      let provider = field(el, 'Provider')!;
      expect(provider.disabled).to.equal(true);
      expect(provider.getAttribute('aria-busy')).to.equal('true');
      expect(text(provider.options[0])).to.equal('Loading…');
      provider = await readyField(el, 'Provider');
      expect(provider.getAttribute('aria-busy')).to.equal('false');
      expect(text(provider.options[0])).to.equal('Choose…');

      await pick(el, 'Provider', 'Dr. Maya Chen');
      expect(text(field(el, 'Location')!.options[0])).to.equal('Loading…');
      await pick(el, 'Location', 'Riverside Office');
      expect(text(field(el, 'Service')!.options[0])).to.equal('Loading…');
      expect(field(el, 'Service')!.disabled).to.equal(true);
      await readyField(el, 'Service');
    });

    it('shows why the providers could not load, and Try again recovers', async () => {
      const { adapter } = alexOnPractice();
      adapter.failNext('listProviders');
      const el = await mount({ adapter });
      await waitUntil(() => button(el, 'Try again'), 'Try again');
      expect(errorTexts(el)).to.deep.equal(['We could not reach the practice. Please check your connection. Try again']);
      expect(field(el, 'Provider')!.disabled).to.equal(true);
      button(el, 'Try again')!.click();
      const provider = await readyField(el, 'Provider');
      expect(optionNames(provider)).to.deep.equal(['Dr. Maya Chen, PsyD', 'Jordan Alvarez, LCSW']);
      expect(button(el, 'Try again')).to.equal(undefined);
      expect(text(rootOf(el))).not.to.include('could not reach');
    });

    it('shows why locations or services could not load, and Try again recovers each', async () => {
      const { adapter } = alexOnPractice();
      adapter.failNext('listLocations');
      adapter.failNext('listServices');
      const el = await mount({ adapter });
      await pick(el, 'Provider', 'Dr. Maya Chen');
      await waitUntil(() => button(el, 'Try again'), 'Try again for locations');
      expect(text(rootOf(el))).to.include('We could not reach the practice.');
      button(el, 'Try again')!.click();
      await pick(el, 'Location', 'Riverside Office');
      await waitUntil(() => button(el, 'Try again'), 'Try again for services');
      button(el, 'Try again')!.click();
      const service = await readyField(el, 'Service');
      expect(optionNames(service)).to.include('Initial Consultation');
      expect(button(el, 'Try again')).to.equal(undefined);
    });

    it('announces a failed load in an alert region', async () => {
      const unannounced: string[] = [];
      const check = (el: SelfScheduleForm, what: string) => {
        const message = [...rootOf(el).querySelectorAll('[part~="error"]')].find((part) => text(part).includes('could not reach'));
        if (!message) unannounced.push(`${what}: no message`);
        else if (!message.closest('[role="alert"], [role="status"], [aria-live="assertive"], [aria-live="polite"]')) {
          unannounced.push(`${what}: <${message.tagName.toLowerCase()} part="${message.getAttribute('part')}"> in no live region`);
        }
      };
      const providers = alexOnPractice().adapter;
      providers.failNext('listProviders');
      const first = await mount({ adapter: providers });
      await waitUntil(() => button(first, 'Try again'), 'Try again for providers');
      check(first, 'providers');

      const times = alexOnPractice().adapter;
      times.failNext('getAvailability');
      const second = await mount({ adapter: times, provider: 'dr-chen', location: 'riverside', service: 'individual-50', start: dec7Week });
      await waitUntil(() => button(second, 'Try again'), 'Try again for times');
      check(second, 'times');
      expect(unannounced).to.deep.equal([]);
    });

    it('shows why the times could not load, and Try again recovers', async () => {
      const { adapter } = alexOnPractice();
      adapter.failNext('getAvailability');
      const el = await mount({ adapter, provider: 'dr-chen', location: 'riverside', service: 'individual-50', start: dec7Week });
      await onStep(el, 'Availability');
      await waitUntil(() => button(el, 'Try again'), 'Try again');
      expect(text(rootOf(el))).to.include('We could not reach the practice.');
      expect(slots(el)).to.have.length(0);
      button(el, 'Try again')!.click();
      await slotsShown(el);
      expect(button(el, 'Try again')).to.equal(undefined);
    });

    it('says it is not connected when it has no adapter, and loads once it gets one', async () => {
      const el = await mount();
      expect(text(rootOf(el).querySelector('[part~="notice"]'))).to.equal('This booking form is not connected to a practice yet.');
      expect(rootOf(el).querySelectorAll('select')).to.have.length(0);
      el.adapter = alexOnPractice().adapter;
      await readyField(el, 'Provider');
      expect(text(rootOf(el))).not.to.include('not connected');
    });
  });

  describe('pre-fill and therapist links', () => {
    it('lands on Availability when provider, location and service attributes are given', async () => {
      const { adapter } = alexOnPractice();
      const el = await fixture<SelfScheduleForm>(html`<self-schedule-form .now=${() => NOW}
        time-zone=${zone}
        provider="dr-chen"
        location="riverside"
        service="individual-50"
        start=${dec7Week}
        .adapter=${adapter}
      ></self-schedule-form>`);
      await onStep(el, 'Availability');
      expect(chosenOptions(el)).to.equal(chenChosen);
      await slotsShown(el);
      expect(slotLabels(el)[0]).to.equal('Start at Monday, December 7, 2026 at 9:00 AM EST');
      expect(rootOf(el).querySelector('[aria-pressed="true"]'), 'a closed start chooses nothing').to.equal(null);
      // The linked start (midnight) is not open: the form says why, and stays usable.
      expect(noticeText(el)).to.equal('Your therapist is not available at that time. Please choose a time that is not greyed out.');
    });

    it('opens at a pre-filled open start with that time chosen', async () => {
      const { adapter } = alexOnPractice();
      const el = await atAvailability(adapter, { start: nyTime(9, '09:00') });
      await waitUntil(() => rootOf(el).querySelector('[aria-pressed="true"]'), 'the chosen time');
      expect(rootOf(el).querySelector('[aria-pressed="true"]')!.getAttribute('aria-label')!.replace(/\s+/g, ' ')).to.equal(
        'Start at Wednesday, December 9, 2026 at 9:00 AM EST',
      );
      expect(button(el, 'Save')!.disabled).to.equal(false);
    });

    it('drops an unknown pre-filled provider with a notice and stays on the choose step', async () => {
      const { adapter } = alexOnPractice();
      const el = await mount({ adapter, provider: 'dr-nobody', location: 'riverside', service: 'individual-50' });
      await readyField(el, 'Provider');
      await waitUntil(() => noticeText(el) !== '', 'the notice');
      expect(noticeText(el)).to.equal(
        'The provider in your link is not available for online booking. Please choose one below.',
      );
      expect(field(el, 'Provider')!.value).to.equal('');
      expect(onChooseStep(el)).to.equal(true);
      expect(timesShown(el)).to.equal(false);
    });

    it('drops a linked provider who does not self-schedule with a notice', async () => {
      const { adapter } = alexOnPractice();
      const el = await mount({ adapter, provider: 'sam-okafor', location: 'riverside', service: 'individual-50' });
      await readyField(el, 'Provider');
      await waitUntil(() => noticeText(el) !== '', 'the notice');
      expect(noticeText(el)).to.include('The provider in your link is not available for online booking.');
      expect(field(el, 'Provider')!.value).to.equal('');
      expect(onChooseStep(el)).to.equal(true);
    });

    it('drops a linked service the provider does not offer there, keeping provider and location', async () => {
      const { adapter } = alexOnPractice();
      const el = await mount({ adapter, provider: 'dr-chen', location: 'telehealth', service: 'intake-60' });
      await readyField(el, 'Service');
      expect(noticeText(el)).to.equal('The service in your link is not available for online booking. Please choose one below.');
      expect(field(el, 'Provider')!.value).to.equal('dr-chen');
      expect(field(el, 'Location')!.value).to.equal('telehealth');
      expect(field(el, 'Service')!.value).to.equal('');
      expect(onChooseStep(el)).to.equal(true);
    });

    it('lands on Availability from prefillFromLink', async () => {
      const { adapter } = alexOnPractice();
      const el = await mount({ adapter });
      await readyField(el, 'Provider');
      el.prefillFromLink(`https://x.test/book?provider=dr-chen&location=riverside&service=individual-50&start=${dec7Week}`);
      await onStep(el, 'Availability');
      await slotsShown(el);
      expect(chosenOptions(el)).to.equal(chenChosen);
      expect(slotLabels(el)[0]).to.include('December 7, 2026');
      // The linked start (midnight) is not open: the form says why, and stays usable.
      expect(noticeText(el)).to.equal('Your therapist is not available at that time. Please choose a time that is not greyed out.');
    });

    it('lands on Availability from a link without a start', async () => {
      const { adapter } = alexOnPractice();
      const el = await mount({ adapter });
      el.prefillFromLink('https://x.test/book?provider=dr-chen&location=riverside&service=individual-50');
      await onStep(el, 'Availability');
    });

    it('leaves a malformed link parameter out with a notice', async () => {
      const { adapter } = alexOnPractice();
      const el = await mount({ adapter });
      el.prefillFromLink('https://x.test/book?provider=dr-chen&location=riverside&service=individual-50&start=next-monday');
      await onStep(el, 'Availability');
      await waitUntil(() => noticeText(el) !== '', 'the notice');
      expect(noticeText(el)).to.equal('Part of your link could not be read, so it was left out.');
    });

    it('leaves a malformed provider out with a notice and stays on the choose step', async () => {
      const { adapter } = alexOnPractice();
      const el = await mount({ adapter });
      el.prefillFromLink(new URLSearchParams({ provider: 'dr chen!', location: 'riverside', service: 'individual-50' }));
      await readyField(el, 'Provider');
      await waitUntil(() => noticeText(el) !== '', 'the notice');
      expect(noticeText(el)).to.include('Part of your link could not be read, so it was left out.');
      expect(field(el, 'Provider')!.value).to.equal('');
      expect(onChooseStep(el)).to.equal(true);
    });

    it('blames a changed provider, not the link, when a linked service stops fitting', async () => {
      const { adapter } = alexOnPractice();
      const el = await mount({ adapter, provider: 'dr-chen', location: 'riverside', service: 'intake-60', start: dec7Week });
      await onStep(el, 'Availability');
      await pick(el, 'Provider', 'Jordan Alvarez');
      await waitUntil(() => noticeText(el) !== '', 'the notice');
      expect(noticeText(el)).to.include('so the service was cleared');
      expect(noticeText(el)).not.to.include('in your link');
    });

  });

  describe('booking through the start-time list', () => {
    it('selects a start time on click and fires ss-slot-select with the request', async () => {
      const { adapter } = alexOnPractice();
      const el = await atAvailability(adapter);
      expect(button(el, 'Save')!.disabled, 'Save waits for a time').to.equal(true);
      const slot = slotAt(el, 7, '11:00 AM')!;
      expect(slot.getAttribute('aria-pressed')).to.equal('false');
      const selected = oneEvent(el, 'ss-slot-select') as Promise<SlotSelectEvent>;
      slot.click();
      const event = await selected;
      expect(event.request).to.deep.equal({
        providerId: 'dr-chen',
        locationId: 'riverside',
        serviceId: 'individual-50',
        start: nyTime(7, '11:00'),
        end: nyTime(7, '11:50'),
      });
      expect(event.timeZone).to.equal(zone);
      expect(event.bubbles && event.composed).to.equal(true);
      await el.updateComplete;
      expect(slot.getAttribute('aria-pressed')).to.equal('true');
      expect(rootOf(el).querySelectorAll('[part~="slot"][aria-pressed="true"]')).to.have.length(1);
      expect(text(rootOf(el))).to.include('Selected time: Monday, December 7, 2026 at 11:00 AM EST');
      expect(button(el, 'Save')!.disabled).to.equal(false);
    });

    it("lists only open start times: not Alex's or Taylor's appointments, the lunch break or the days off", async () => {
      const { adapter } = alexOnPractice();
      const el = await atAvailability(adapter);
      const monday = slotLabels(el)
        .filter((label) => label.includes('December 7,'))
        .map((label) => label.replace(/.* at (\d+:\d+ [AP]M) EST/, '$1'));
      expect(monday).to.deep.equal(['9:00 AM', '11:00 AM', '1:00 PM', '3:00 PM', '3:15 PM', '3:30 PM', '3:45 PM', '4:00 PM']);
      expect(slotLabels(el).some((label) => /December (6|8|10|12),/.test(label))).to.equal(false);
    });

    it('shows the review with provider, location address, service, length and date and time with zone', async () => {
      const { adapter } = alexOnPractice();
      const el = await atAvailability(adapter);
      await toReview(el);
      const rows = Object.fromEntries(
        [...rootOf(el).querySelectorAll('dt')].map((dt) => [text(dt), (dt.nextElementSibling as HTMLElement).textContent!.trim()]),
      );
      expect(rows['Provider']).to.equal('Dr. Maya Chen, PsyD');
      expect(rows['Location']).to.equal('Riverside Office\n1200 River Road, Suite 300\nHudson, NY 12534');
      expect(rows['Service']).to.equal('Individual Therapy');
      expect(rows['Length']).to.equal('50 minutes');
      expect(rows['Date and time']!.replace(/\s+/g, ' ')).to.equal('Monday, December 7, 2026 at 9:00 AM EST (America/New_York)');
      expect(text(submitPart(el))).to.equal('Submit New Appointment');
    });

    it('shows a telehealth location as online in the review', async () => {
      const { adapter } = alexOnPractice();
      const el = await atAvailability(adapter, { location: 'telehealth', service: 'check-in-25', start: nyTime(8, '07:00') });
      await toReview(el, '11:00 AM', 8);
      const location = [...rootOf(el).querySelectorAll('dt')].find((dt) => text(dt) === 'Location')!.nextElementSibling;
      expect(text(location)).to.equal('Telehealth (video) · Telehealth (online)');
      expect(text(rootOf(el).querySelector('dl'))).to.include('25 minutes');
    });

    it('goes Back from the review to Availability with the time still chosen', async () => {
      const { adapter } = alexOnPractice();
      const el = await atAvailability(adapter);
      await toReview(el);
      button(el, 'Back')!.click();
      await onStep(el, 'Availability');
      await slotsShown(el);
      expect(slotAt(el, 7, '9:00 AM')!.getAttribute('aria-pressed')).to.equal('true');
    });

    it('submits an unconfirmed request, fires ss-request-submit and shows the done step', async () => {
      const { practice, adapter } = alexOnPractice();
      const el = await atAvailability(adapter);
      await toReview(el);
      const submitted = oneEvent(el, 'ss-request-submit') as Promise<RequestSubmitEvent>;
      submitPart(el)!.click();
      const { appointment } = await submitted;
      expect(appointment.status).to.equal('unconfirmed');
      expect(appointment.start).to.equal(nyTime(7, '09:00'));
      expect(appointment.end).to.equal(nyTime(7, '09:50'));
      expect(appointment.provider.id).to.equal('dr-chen');
      expect(alexsAppointmentsAt(practice, nyTime(7, '09:00')).map((a) => a.status)).to.deep.equal(['unconfirmed']);

      await onStep(el, 'Appointment request sent');
      expect(text(rootOf(el))).to.include(
        "Your therapist will receive a notification and will confirm or decline the request. You will receive an email notification that the appointment is waiting for your therapist's confirmation.",
      );
      expect(text(submitPart(el))).to.equal('View My Appointments');
      expect(alertText(el)).to.equal('');
    });

    it('fires ss-view-appointments from View My Appointments', async () => {
      const { adapter } = alexOnPractice();
      const el = await atAvailability(adapter);
      await toReview(el);
      submitPart(el)!.click();
      await onStep(el, 'Appointment request sent');
      const view = button(el, 'View My Appointments')!;
      expect(view.tagName).to.equal('BUTTON');
      const viewed = oneEvent(el, 'ss-view-appointments') as Promise<ViewAppointmentsEvent>;
      view.click();
      const event = await viewed;
      expect(event.appointment?.start).to.equal(nyTime(7, '09:00'));
    });

    it('makes View My Appointments a link to appointments-href', async () => {
      const { adapter } = alexOnPractice();
      const el = await atAvailability(adapter, { appointmentsHref: '/portal/appointments' });
      await toReview(el);
      submitPart(el)!.click();
      await onStep(el, 'Appointment request sent');
      const link = rootOf(el).querySelector<HTMLAnchorElement>('a[part~="submit"]')!;
      expect(text(link)).to.equal('View My Appointments');
      expect(link.getAttribute('href')).to.equal('/portal/appointments');
      // Stay on the test page: the click still reports itself first.
      const stay = (event: Event) => event.preventDefault();
      el.addEventListener('click', stay);
      const viewed = oneEvent(el, 'ss-view-appointments');
      link.click();
      await viewed;
      el.removeEventListener('click', stay);
    });

    it('ignores a javascript: appointments-href and shows the button instead', async () => {
      const { adapter } = alexOnPractice();
      const el = await atAvailability(adapter, { appointmentsHref: 'javascript:alert(1)' });
      await toReview(el);
      submitPart(el)!.click();
      await onStep(el, 'Appointment request sent');
      expect(rootOf(el).querySelector('a')).to.equal(null);
      const view = rootOf(el).querySelector<HTMLButtonElement>('button[part~="submit"]')!;
      expect(text(view)).to.equal('View My Appointments');
    });
  });

  describe('validation at Save', () => {
    it('explains in plain words when the time was taken before Save, keeping every choice', async () => {
      const { practice, adapter } = alexOnPractice();
      const el = await atAvailability(adapter);
      slotAt(el, 7, '9:00 AM')!.click();
      await el.updateComplete;
      await taylorTakes(practice);
      button(el, 'Save')!.click();
      await waitUntil(() => alertText(el) !== '', 'the error');
      expect(alertText(el)).to.equal(
        'Your therapist is not available at that time. Please choose a time that is not greyed out.',
      );
      expect(stepHeading(el)).to.equal('Availability');
      expect(chosenOptions(el)).to.equal(chenChosen);
      expect(alexsAppointmentsAt(practice, nyTime(7, '09:00'))).to.have.length(0);
    });

    it('stops offering a time that Save found taken', async () => {
      const { practice, adapter } = alexOnPractice();
      const el = await atAvailability(adapter);
      slotAt(el, 7, '9:00 AM')!.click();
      await el.updateComplete;
      await taylorTakes(practice);
      button(el, 'Save')!.click();
      await waitUntil(() => alertText(el) !== '', 'the error');
      await waitUntil(() => slots(el).length > 0 && !slotAt(el, 7, '9:00 AM'), 'the taken time gone from the list', {
        timeout: 1000,
      });
    });

    it('explains a gap too short for the service in minutes', async () => {
      const { adapter } = alexOnPractice();
      adapter.validation = { ok: false, problems: [{ code: 'too-short-for-service', serviceMinutes: 50, availableMinutes: 30 }] };
      const el = await atAvailability(adapter);
      slotAt(el, 7, '3:00 PM')!.click();
      await el.updateComplete;
      button(el, 'Save')!.click();
      await waitUntil(() => alertText(el) !== '', 'the error');
      expect(alertText(el)).to.match(/takes 50 minutes.*only 30 minutes/);
      expect(alertText(el)).to.equal('Individual Therapy takes 50 minutes, but only 30 minutes are free at that time.');
      expect(stepHeading(el)).to.equal('Availability');
    });

    it('checks a double-clicked Save once', async () => {
      const { adapter } = alexOnPractice();
      const el = await atAvailability(adapter);
      slotAt(el, 7, '9:00 AM')!.click();
      await el.updateComplete;
      const save = button(el, 'Save')!;
      save.click();
      save.click();
      await onStep(el, 'Review your appointment request');
      expect(adapter.callsTo('validateRequest')).to.have.length(1);
    });

    it('offers Try again when Save cannot reach the practice', async () => {
      const { adapter } = alexOnPractice();
      adapter.failNext('validateRequest');
      const el = await atAvailability(adapter);
      slotAt(el, 7, '9:00 AM')!.click();
      await el.updateComplete;
      button(el, 'Save')!.click();
      await waitUntil(() => alertText(el).includes('could not reach'), 'the error');
      expect(stepHeading(el)).to.equal('Availability');
      alertRegion(el)!.querySelector('button')!.click();
      await onStep(el, 'Review your appointment request');
    });
  });

  describe('errors at Submit', () => {
    it('returns to Availability with fresh times when the time was taken after Save', async () => {
      const { practice, adapter } = alexOnPractice();
      const el = await atAvailability(adapter);
      await toReview(el);
      await taylorTakes(practice);
      const failed = oneEvent(el, 'ss-request-fail') as Promise<RequestFailEvent>;
      submitPart(el)!.click();
      const event = await failed;
      expect(event.error.code).to.equal('conflict');
      expect(event.request.start).to.equal(nyTime(7, '09:00'));

      await onStep(el, 'Availability');
      expect(alertText(el)).to.include('That time was just taken by someone else. Please choose another time.');
      await slotsShown(el);
      expect(slotAt(el, 7, '9:00 AM'), 'the taken time is no longer offered').to.equal(undefined);
      expect(slotAt(el, 7, '11:00 AM')).not.to.equal(undefined);
      expect(rootOf(el).querySelector('[aria-pressed="true"]')).to.equal(null);
      expect(chosenOptions(el)).to.equal(chenChosen);
      expect(alexsAppointmentsAt(practice, nyTime(7, '09:00'))).to.have.length(0);
    });

    it('explains a rule broken at Submit (the therapist stopped taking requests online) and fires ss-request-fail', async () => {
      const { practice, adapter } = alexOnPractice();
      const el = await atAvailability(adapter);
      await toReview(el);
      practice.setSelfScheduling('dr-chen', false);
      const failed = oneEvent(el, 'ss-request-fail') as Promise<RequestFailEvent>;
      submitPart(el)!.click();
      expect((await failed).error.code).to.equal('rule-violation');
      await waitUntil(() => alertText(el) !== '', 'the error');
      expect(alertText(el)).to.equal('This therapist does not take appointment requests online. Please contact the practice.');
      expect(stepHeading(el)).not.to.equal('Appointment request sent');
      expect(practice.appointmentsOf(alex).filter((a) => a.status === 'unconfirmed')).to.have.length(1);
    });

    it('keeps the review and offers Try again after a network failure, sending one request under one key', async () => {
      const { practice, adapter } = alexOnPractice();
      // The request arrives but its answer is lost: only the idempotency key keeps a retry from booking twice.
      adapter.failNext('requestAppointment', networkError(), true);
      const el = await atAvailability(adapter);
      await toReview(el);
      const failed = oneEvent(el, 'ss-request-fail') as Promise<RequestFailEvent>;
      submitPart(el)!.click();
      expect((await failed).error.code).to.equal('network');
      await waitUntil(() => alertText(el).includes('could not reach'), 'the error');
      expect(stepHeading(el)).to.equal('Review your appointment request');
      const retry = alertRegion(el)!.querySelector('button')!;
      expect(text(retry)).to.equal('Try again');

      const submitted = oneEvent(el, 'ss-request-submit') as Promise<RequestSubmitEvent>;
      retry.click();
      const { appointment } = await submitted;
      await onStep(el, 'Appointment request sent');
      const keys = adapter.callsTo('requestAppointment').map(([, options]) => (options as WriteOptions).idempotencyKey);
      expect(keys).to.have.length(2);
      expect(keys[0]).to.be.a('string').and.not.equal('');
      expect(keys[1]).to.equal(keys[0]);
      expect(alexsAppointmentsAt(practice, nyTime(7, '09:00')).map((a) => a.id)).to.deep.equal([appointment.id]);
    });

    it('sends one request for a double click on Submit', async () => {
      const { practice, adapter } = alexOnPractice();
      const el = await atAvailability(adapter);
      await toReview(el);
      const submit = submitPart(el)!;
      submit.click();
      submit.click();
      await onStep(el, 'Appointment request sent');
      expect(adapter.callsTo('requestAppointment')).to.have.length(1);
      expect(alexsAppointmentsAt(practice, nyTime(7, '09:00'))).to.have.length(1);
    });

    it('uses a new key for a new request after a time is chosen again', async () => {
      const { adapter } = alexOnPractice();
      adapter.failNext('requestAppointment');
      const el = await atAvailability(adapter);
      await toReview(el);
      submitPart(el)!.click();
      await waitUntil(() => alertText(el).includes('could not reach'), 'the error');
      button(el, 'Back')!.click();
      await slotsShown(el);
      await toReview(el, '11:00 AM');
      submitPart(el)!.click();
      await onStep(el, 'Appointment request sent');
      const keys = adapter.callsTo('requestAppointment').map(([, options]) => (options as WriteOptions).idempotencyKey);
      expect(keys).to.have.length(2);
      expect(keys[1]).not.to.equal(keys[0]);
    });
  });

  describe('keyboard', () => {
    it('books from the first field to a submitted request with the keyboard alone', async () => {
      const { practice, adapter } = alexOnPractice();
      const el = await mount({ adapter, start: dec7Week });
      const provider = await readyField(el, 'Provider');
      provider.focus();
      await sendKeys({ press: 'ArrowDown' });
      expect(provider.value).to.equal('dr-chen');
      await readyField(el, 'Location');
      await tabTo(() => field(el, 'Location'));
      await sendKeys({ press: 'ArrowDown' });
      expect(field(el, 'Location')!.value).to.equal('riverside');
      await readyField(el, 'Service');
      await tabTo(() => field(el, 'Service'));
      await sendKeys({ press: 'ArrowDown' });
      expect(field(el, 'Service')!.value).to.equal('individual-50');
      await onStep(el, 'Availability');
      await slotsShown(el);

      await tabTo(() => slots(el).find((slot) => slot.tabIndex === 0));
      expect(deepActiveElement()).to.equal(slots(el)[0]);
      await sendKeys({ press: 'ArrowDown' });
      expect(deepActiveElement()).to.equal(slots(el)[1]);
      await sendKeys({ press: 'Enter' });
      await el.updateComplete;
      expect(slots(el)[1].getAttribute('aria-pressed')).to.equal('true');

      await tabTo(() => button(el, 'Save'));
      await sendKeys({ press: ' ' });
      await onStep(el, 'Review your appointment request');
      await tabTo(() => submitPart(el));
      await sendKeys({ press: 'Enter' });
      await onStep(el, 'Appointment request sent');
      expect(alexsAppointmentsAt(practice, nyTime(7, '11:00'))).to.have.length(1);
    });

    it('moves between start times with arrows, Home and End, keeping one tab stop', async () => {
      const { adapter } = alexOnPractice();
      const el = await atAvailability(adapter);
      const all = slots(el);
      const tabStops = () => slots(el).filter((slot) => slot.tabIndex === 0);
      expect(tabStops()).to.deep.equal([all[0]]);
      all[0].focus();
      const expectFocusOn = (index: number, after: string) => {
        expect(deepActiveElement(), after).to.equal(all[index]);
        expect(tabStops(), `one tab stop after ${after}`).to.deep.equal([all[index]]);
      };
      await sendKeys({ press: 'ArrowDown' });
      expectFocusOn(1, 'ArrowDown');
      await sendKeys({ press: 'ArrowRight' });
      expectFocusOn(2, 'ArrowRight');
      await sendKeys({ press: 'ArrowUp' });
      expectFocusOn(1, 'ArrowUp');
      await sendKeys({ press: 'ArrowLeft' });
      expectFocusOn(0, 'ArrowLeft');
      await sendKeys({ press: 'ArrowUp' });
      expectFocusOn(0, 'ArrowUp at the first');
      await sendKeys({ press: 'End' });
      expectFocusOn(all.length - 1, 'End');
      await sendKeys({ press: 'ArrowDown' });
      expectFocusOn(all.length - 1, 'ArrowDown at the last');
      await sendKeys({ press: 'Home' });
      expectFocusOn(0, 'Home');
      await sendKeys({ press: 'ArrowRight' });
      await sendKeys({ press: 'ArrowRight' });
      await sendKeys({ press: 'Enter' });
      await el.updateComplete;
      expectFocusOn(2, 'Enter');
      expect(all[2].getAttribute('aria-pressed')).to.equal('true');
    });

    it('keeps one tab stop when a time is clicked after moving with the arrows', async () => {
      const { adapter } = alexOnPractice();
      const el = await atAvailability(adapter);
      const all = slots(el);
      all[0].focus();
      for (let press = 0; press < 5; press += 1) await sendKeys({ press: 'ArrowDown' });
      expect(deepActiveElement()).to.equal(all[5]);
      all[2].click();
      await el.updateComplete;
      expect(all[2].getAttribute('aria-pressed')).to.equal('true');
      const tabStops = slots(el).filter((slot) => slot.tabIndex === 0);
      expect(tabStops.map((slot) => slots(el).indexOf(slot))).to.deep.equal([2]);
    });

    it('moves focus into each new step instead of dropping it', async () => {
      const { adapter } = alexOnPractice();
      const el = await mount({ adapter, start: dec7Week });
      await pick(el, 'Provider', 'Dr. Maya Chen');
      await pick(el, 'Location', 'Riverside Office');
      const dropped: string[] = [];
      const focusKept = (after: string) => {
        if (!rootOf(el).activeElement) dropped.push(`${after} (focus on ${document.activeElement?.tagName})`);
      };
      (await readyField(el, 'Service')).focus();
      await pick(el, 'Service', 'Individual Therapy');
      await onStep(el, 'Availability');
      await el.updateComplete;
      // The times appear below the choices; the client's place is not taken away from them.
      expect(rootOf(el).activeElement === field(el, 'Service'), 'focus stays on Service').to.equal(true);
      await slotsShown(el);
      slotAt(el, 7, '9:00 AM')!.focus();
      await sendKeys({ press: 'Enter' });
      await el.updateComplete;
      button(el, 'Save')!.focus();
      await sendKeys({ press: 'Enter' });
      await onStep(el, 'Review your appointment request');
      await el.updateComplete;
      focusKept('Save');
      submitPart(el)!.focus();
      await sendKeys({ press: 'Enter' });
      await onStep(el, 'Appointment request sent');
      await el.updateComplete;
      focusKept('Submit New Appointment');
      expect(dropped, 'steps after which focus fell back to the page').to.deep.equal([]);
    });
  });

  describe('on a phone: one step at a time', () => {
    // The three choices and a day's grid do not fit one phone screen: Continue leads to the times.
    beforeEach(() => setViewport(phone));
    afterEach(() => setViewport(wide));

    it('keeps Continue disabled until provider, location and service are all chosen', async () => {
      const { adapter } = alexOnPractice();
      const el = await mount({ adapter });
      await readyField(el, 'Provider');
      expect(continueButton(el)!.disabled).to.equal(true);
      await pick(el, 'Provider', 'Dr. Maya Chen');
      expect(continueButton(el)!.disabled).to.equal(true);
      await pick(el, 'Location', 'Riverside Office');
      expect(continueButton(el)!.disabled).to.equal(true);
      await pick(el, 'Service', 'Individual Therapy');
      expect(continueButton(el)!.disabled).to.equal(false);
      await pick(el, 'Service', '');
      expect(continueButton(el)!.disabled, 'after un-choosing the service').to.equal(true);
      await pick(el, 'Service', 'Individual Therapy');
      continueButton(el)!.click();
      await onStep(el, 'Availability');
      expect(field(el, 'Provider'), 'the choices give way to the times').to.equal(null);
      expect(text(rootOf(el).querySelector('.choice-summary'))).to.equal('Dr. Maya Chen · Riverside Office · Individual Therapy (50 minutes)');
    });

    it('keeps Continue disabled while the options of a newly chosen provider load', async () => {
      const { adapter } = alexOnPractice(150);
      const el = await mount({ adapter });
      await pick(el, 'Provider', 'Dr. Maya Chen');
      await pick(el, 'Location', 'Riverside Office');
      await pick(el, 'Service', 'Initial Consultation');
      expect(continueButton(el)!.disabled).to.equal(false);
      // Jordan does not offer Initial Consultation: until that is known, the old choice cannot be trusted.
      await pick(el, 'Provider', 'Jordan Alvarez');
      expect(continueButton(el)!.disabled).to.equal(true);
    });

    it('waits for Continue after Back, even when the choices match the link again', async () => {
      const { adapter } = alexOnPractice();
      const el = await mount({ adapter, provider: 'dr-chen', location: 'riverside', service: 'individual-50', start: dec7Week });
      await onStep(el, 'Availability');
      button(el, 'Back')!.click();
      await el.updateComplete;
      await pick(el, 'Provider', 'Jordan Alvarez');
      await waitUntil(() => field(el, 'Service') && optionNames(field(el, 'Service')!).includes('Couples Therapy'));
      await pick(el, 'Provider', 'Dr. Maya Chen');
      await waitUntil(() => !field(el, 'Service') || optionNames(field(el, 'Service')!).includes('Initial Consultation'));
      await new Promise((resolve) => setTimeout(resolve, 50));
      expect(stepHeading(el)).not.to.equal('Availability');
      expect(onChooseStep(el)).to.equal(true);
    });
  
    it('takes focus to each new step’s heading after Continue and Back', async () => {
      const { adapter } = alexOnPractice();
      const el = await mount({ adapter, start: dec7Week });
      await pick(el, 'Provider', 'Dr. Maya Chen');
      await pick(el, 'Location', 'Riverside Office');
      await pick(el, 'Service', 'Individual Therapy');
      continueButton(el)!.focus();
      await sendKeys({ press: 'Enter' });
      await onStep(el, 'Availability');
      await el.updateComplete;
      expect(rootOf(el).activeElement?.textContent).to.equal('Availability');
      button(el, 'Back')!.focus();
      await sendKeys({ press: 'Enter' });
      await waitUntil(() => onChooseStep(el), 'the choices');
      await el.updateComplete;
      expect(rootOf(el).activeElement === field(el, 'Provider'), 'focus on the first select').to.equal(true);
    });
  });

  describe('accessibility', () => {
    it('has no axe violations on the choose step', async () => {
      const { adapter } = alexOnPractice();
      const el = await mount({ adapter });
      await pick(el, 'Provider', 'Dr. Maya Chen');
      await pick(el, 'Location', 'Riverside Office');
      await readyField(el, 'Service');
      await expect(el).to.be.accessible();
    });

    it('has no axe violations on Availability once the times are listed', async () => {
      const { adapter } = alexOnPractice();
      const el = await atAvailability(adapter);
      await waitUntil(() => rootOf(el).querySelector('[part~="calendar"] .unavailable'), 'the grid drawn', { timeout: 5000 });
      slotAt(el, 7, '9:00 AM')!.click();
      await el.updateComplete;
      await expect(el).to.be.accessible();
    });

    it('has no axe violations on the review', async () => {
      const { adapter } = alexOnPractice();
      const el = await atAvailability(adapter);
      await toReview(el);
      await expect(el).to.be.accessible();
    });

    it('has no axe violations on the done step', async () => {
      const { adapter } = alexOnPractice();
      const el = await atAvailability(adapter);
      await toReview(el);
      submitPart(el)!.click();
      await onStep(el, 'Appointment request sent');
      await expect(el).to.be.accessible();
    });

    it('has no axe violations while showing an error', async () => {
      const { adapter } = alexOnPractice();
      adapter.failNext('requestAppointment');
      const el = await atAvailability(adapter);
      await toReview(el);
      submitPart(el)!.click();
      await waitUntil(() => alertText(el).includes('could not reach'), 'the error');
      await expect(el).to.be.accessible();
    });

    it('has no axe violations while a list failed to load', async () => {
      const { adapter } = alexOnPractice();
      adapter.failNext('listProviders');
      const el = await mount({ adapter });
      await waitUntil(() => button(el, 'Try again'), 'Try again');
      await expect(el).to.be.accessible();
    });

    it('has no axe violations when no therapist self-schedules', async () => {
      const { practice, adapter } = alexOnPractice();
      practice.setSelfScheduling('dr-chen', false);
      practice.setSelfScheduling('jordan-alvarez', false);
      const el = await mount({ adapter });
      await waitUntil(() => noticeText(el).includes('Online booking'), 'the notice');
      await expect(el).to.be.accessible();
    });
  });

  describe('strings and language', () => {
    it('uses replacement strings for the buttons', async () => {
      const { adapter } = alexOnPractice();
      const el = await atAvailability(adapter, { strings: { submit: 'Send request', save: 'Check time' } });
      expect(button(el, 'Check time')).not.to.equal(undefined);
      slotAt(el, 7, '9:00 AM')!.click();
      await el.updateComplete;
      button(el, 'Check time')!.click();
      await onStep(el, 'Review your appointment request');
      expect(text(submitPart(el))).to.equal('Send request');
      expect(button(el, 'Submit New Appointment')).to.equal(undefined);
    });

    it('writes dates in the language of the page', async () => {
      const { adapter } = alexOnPractice();
      // Rendered into a French parent (a plain <div> fixture would wait for an animation frame).
      const parentNode = Object.assign(document.createElement('div'), { lang: 'fr' });
      const el = await fixture<SelfScheduleForm>(
        html`<self-schedule-form .now=${() => NOW}
          time-zone=${zone}
          provider="dr-chen"
          location="riverside"
          service="individual-50"
          start=${dec7Week}
          .adapter=${adapter}
        ></self-schedule-form>`,
        { parentNode },
      );
      await slotsShown(el);
      expect(slotLabels(el)[0]).to.match(/^Start at lundi 7 décembre 2026/);
      expect(text(rootOf(el).querySelector('[part~="slots"] h4'))).to.equal('lundi 7 décembre');
      expect(text(slots(el)[0])).to.equal('9:00');
    });
  });
});

describe('self-schedule-form: moving an appointment, landing on open time, the location’s zone', () => {
  before(() => setViewport(wide));

  /** Alex's request for Wednesday 9 December, 1:00–1:50 PM with Dr. Chen at Riverside: the appointment to move. */
  async function alexsWednesdayAtOne(adapter: BookingAdapter): Promise<Appointment> {
    return adapter.requestAppointment(chenRequest(9, '13:00'), { idempotencyKey: 'alex-wednesday-one' });
  }

  describe('changing an appointment', () => {
    it('says which appointment is moving, under the heading, in the zone shown, and describes the form with it', async () => {
      const { adapter } = alexOnPractice();
      const moving = await alexsWednesdayAtOne(adapter);
      const el = await mount({ adapter, changing: moving });
      await onStep(el, 'Availability');
      expect(movingLine(el)).to.equal('Moving your appointment of Wednesday, December 9, 2026 at 1:00 PM EST with Dr. Maya Chen, PsyD.');
      const form = rootOf(el).querySelector('[part~="form"]')!;
      expect(text(rootOf(el).getElementById(form.getAttribute('aria-describedby')!))).to.equal(movingLine(el));
      await slotsShown(el);
      await expect(el).to.be.accessible();
    });

    it('asks every availability question and Save’s validation with the moving appointment left out', async () => {
      const { adapter } = alexOnPractice();
      const moving = await alexsWednesdayAtOne(adapter);
      const el = await mount({ adapter, changing: moving });
      await slotsShown(el);
      button(el, 'Next week')!.click();
      await waitUntil(() => adapter.callsTo('getAvailability').length >= 2, 'the next week asked for');
      button(el, 'Previous week')!.click();
      await slotsShown(el);
      slotAt(el, 9, '9:00 AM')!.click();
      await el.updateComplete;
      button(el, 'Save')!.click();
      await onStep(el, 'Review your appointment request');
      const queries = adapter.callsTo('getAvailability').map(([query]) => query as AvailabilityQuery);
      expect(queries.map((query) => query.exceptAppointmentId)).to.deep.equal(queries.map(() => moving.id));
      const [[request, options]] = adapter.callsTo('validateRequest') as Array<[AppointmentRequest, ValidateOptions]>;
      expect(request.start).to.equal(nyTime(9, '09:00'));
      expect(options.exceptAppointmentId).to.equal(moving.id);
    });

    it('offers the appointment’s own old time, and a time overlapping it, with the memory adapter', async () => {
      const { practice } = createTestPractice();
      const adapter = new MemoryAdapter({ practice, clientId: alex });
      const moving = await alexsWednesdayAtOne(adapter);
      const el = await mount({ adapter, changing: moving });
      await slotsShown(el);
      expect(slotAt(el, 9, '1:00 PM'), 'its own time').not.to.equal(undefined);
      expect(slotAt(el, 9, '1:30 PM'), 'half an hour later, overlapping it').not.to.equal(undefined);
      slotAt(el, 9, '1:30 PM')!.click();
      await el.updateComplete;
      button(el, 'Save')!.click();
      await onStep(el, 'Review your appointment request');
      button(el, 'Submit Change')!.click();
      await onStep(el, 'Change request sent');
      expect(practice.appointmentsOf(alex).find((a) => a.id === moving.id)!.start).to.equal(nyTime(9, '13:30'));
    });
  });

  describe('landing on open time', () => {
    /** Dr. Chen away at Riverside for the weeks of 13 and 20 December. */
    const awayTwoWeeks = () =>
      practiceWith((data) => {
        data.schedules.find((s) => s.providerId === 'dr-chen' && s.locationId === 'riverside')!.daysOff = [
          '2026-12-14', '2026-12-16', '2026-12-18', '2026-12-21', '2026-12-23', '2026-12-25',
        ];
      });
    const range = (el: SelfScheduleForm) => text(rootOf(el).querySelector('.range'));

    it('moves a link’s empty week on to the first week with open time and says so; a client going back by hand stays', async () => {
      const adapter = new MemoryAdapter({ practice: awayTwoWeeks(), latency: 20, clientId: alex });
      const el = await mount({ adapter, provider: 'dr-chen', location: 'riverside', service: 'individual-50', start: nyTime(14, '07:00') });
      // Meanwhile it says it is looking, and offers no empty week to act on.
      const seen = new Set<string>();
      const observer = new MutationObserver(() => {
        if (text(rootOf(el)).includes('Looking for the first open time…')) seen.add('looking');
        if (button(el, 'Go to the next available time')) seen.add('next-open button');
      });
      observer.observe(rootOf(el), { subtree: true, childList: true, characterData: true });
      await waitUntil(() => range(el).startsWith('December 27') && slots(el).length > 0, 'the third week');
      observer.disconnect();
      expect([...seen]).to.deep.equal(['looking']);
      expect(range(el)).to.equal('December 27, 2026 – January 2, 2027');
      expect(noticeText(el)).to.contain('No open times this week; showing the week of December 27, 2026, the first with open times.');
      expect(slotLabels(el)[0]).to.equal('Start at Monday, December 28, 2026 at 9:00 AM EST');

      button(el, 'Previous week')!.click();
      await waitUntil(() => range(el) === 'December 20 – 26, 2026' && text(rootOf(el)).includes('No times are available in this week.'), 'the empty week');
      await new Promise((resolve) => setTimeout(resolve, 100));
      expect(range(el), 'not moved again').to.equal('December 20 – 26, 2026');
    });

    it('says so when nothing is open as far ahead as the practice takes requests', async () => {
      const practice = practiceWith((data) => {
        data.schedules.find((s) => s.providerId === 'dr-chen' && s.locationId === 'riverside')!.weekly = [];
      });
      const el = await mount({ adapter: new MemoryAdapter({ practice, clientId: alex }), provider: 'dr-chen', location: 'riverside', service: 'individual-50', start: dec7Week });
      await waitUntil(() => noticeText(el).includes('as far ahead as the practice takes requests'), 'the horizon notice');
      expect(noticeText(el)).to.contain(
        'No times are available for online booking up to January 30, 2027, as far ahead as the practice takes requests. Please contact the practice.',
      );
      expect(range(el)).to.equal('December 6 – 12, 2026');
    });
  });

  describe('the zone times are shown in', () => {
    /** Riverside kept in Honolulu time, telehealth in Tokyo's: zones no test browser runs in. */
    const farZones = () =>
      practiceWith((data) => {
        for (const location of data.locations) location.timeZone = location.kind === 'in-person' ? 'Pacific/Honolulu' : 'Asia/Tokyo';
      });

    it('shows an in-person location in its own zone and telehealth in the client’s, when the page names none', async () => {
      const adapter = new MemoryAdapter({ practice: farZones(), clientId: alex });
      const el = await mount({ adapter, timeZone: null, provider: 'dr-chen', location: 'riverside', service: 'individual-50', start: dec7Week });
      await slotsShown(el);
      expect(shownZone(el)).to.equal('Pacific/Honolulu');
      expect(slotLabels(el)[0]).to.match(/ HST$/);
      expect(text(rootOf(el).querySelector('[part~="slots"]'))).to.contain('Times in Hawaii-Aleutian Standard Time');

      await pick(el, 'Location', 'Telehealth');
      await pick(el, 'Service', 'Individual Therapy');
      await slotsShown(el);
      expect(shownZone(el)).to.equal(browserTimeZone());
    });

    it('keeps the page’s time-zone over the location’s', async () => {
      const adapter = new MemoryAdapter({ practice: farZones(), clientId: alex });
      const el = await mount({ adapter, timeZone: 'Europe/Paris', provider: 'dr-chen', location: 'riverside', service: 'individual-50', start: dec7Week });
      await slotsShown(el);
      expect(shownZone(el)).to.equal('Europe/Paris');
      expect(movingLine(el), 'no Moving line for a new request').to.equal('');
      // The same page without its zone: the location's.
      const inPerson = await mount({ adapter: new TestAdapter({ practice: farZones(), clientId: alex }), timeZone: null, provider: 'dr-chen', location: 'riverside', service: 'individual-50', start: dec7Week });
      await slotsShown(inPerson);
      expect(shownZone(inPerson)).to.equal('Pacific/Honolulu');
    });

    it('names the zone with the time on the done step', async () => {
      const { adapter } = alexOnPractice();
      const el = await atAvailability(adapter);
      await toReview(el);
      button(el, 'Submit New Appointment')!.click();
      await onStep(el, 'Appointment request sent');
      expect(text(rootOf(el))).to.contain('Requested time: Monday, December 7, 2026 at 9:00 AM EST');
    });
  });
});
