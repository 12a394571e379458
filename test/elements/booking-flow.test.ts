/**
 * The form's logic without its DOM: BookingFlow's steps and transitions and AvailabilityWindow's
 * range, cache and look-ahead, driven against a MemoryAdapter whose answers are held and released
 * by hand, so every race is staged exactly and each test runs in milliseconds.
 */
import { expect } from '@open-wc/testing';
import { BookingError } from '../../src/adapters/errors.js';
import { Practice } from '../../src/adapters/memory/practice.js';
import type { AvailabilityQuery, ValidateOptions } from '../../src/adapters/booking-adapter.js';
import type { PracticeData } from '../../src/adapters/memory/practice-data.js';
import { BookingFlow, type FlowHost, type Prefill, prefillOf } from '../../src/elements/self-schedule-form/booking-flow.js';
import { browserTimeZone } from '../../src/scheduling/time-zone.js';
import { RequestFailEvent, RequestSubmitEvent, SlotSelectEvent } from '../../src/elements/self-schedule-form/self-schedule-form.events.js';
import { defaultFormStrings } from '../../src/elements/self-schedule-form/self-schedule-form.strings.js';
import { createDemoPractice } from '../../mock-api/demo-practice.js';
import { until } from '../support/async.js';
import { NOW, nyTime } from '../support/fixtures.js';
import { HeldAdapter } from '../support/held-adapter.js';
import { TestAdapter } from '../support/element-driver.js';

const zone = 'America/New_York';
const chen: Prefill = { provider: 'dr-chen', location: 'riverside', service: 'individual-50' };
/** Monday 7 December, before Dr. Chen's hours: opens that week with nothing chosen. */
const dec7Week = nyTime(7, '07:00');

function practice(edit: (data: PracticeData) => void = () => {}): Practice {
  const data = createDemoPractice(NOW);
  edit(data);
  return new Practice(data, { now: () => NOW });
}

/** Dr. Chen's hours at Riverside, to edit. */
const chenAtRiverside = (data: PracticeData) => data.schedules.find((s) => s.providerId === 'dr-chen' && s.locationId === 'riverside')!;

function adapterFor(on = practice()): HeldAdapter {
  return new HeldAdapter({ practice: on, clientId: 'client-alex', latency: 0 });
}

interface TestHost extends FlowHost {
  events: Event[];
  refused: unknown[];
}

function makeFlow(): { flow: BookingFlow; host: TestHost } {
  const host: TestHost = {
    events: [],
    refused: [],
    words: () => defaultFormStrings,
    locale: () => 'en-US',
    problemMessages: () => ({}),
    now: () => NOW,
    changed: () => {},
    needsSignIn: (error) => {
      const refused = error instanceof BookingError && error.code === 'unauthorized';
      if (refused) host.refused.push(error);
      return refused;
    },
    isPrompting: () => false,
    signedIn: () => {},
    emit: (event) => host.events.push(event),
  };
  const flow = new BookingFlow(host, zone);
  return { flow, host };
}

const optionIds = (flow: BookingFlow, field: 'provider' | 'location' | 'service') => {
  const options = flow.options[field];
  return options.state === 'ready' ? options.value.map((option) => option.id) : options.state;
};

/** A flow started on Dr. Chen's Individual Therapy at Riverside, showing the week of 7 December. */
async function atAvailability(adapter = adapterFor(), prefill: Prefill = { ...chen, start: dec7Week }) {
  const made = makeFlow();
  made.flow.start(adapter, { prefill });
  await until(() => made.flow.state.step === 'availability' && made.flow.window.availability.state === 'ready');
  return { ...made, adapter };
}

describe('BookingFlow', () => {
  describe('the three choices', () => {
    it('offers only therapists who self-schedule, and loads the lists under a choice', async () => {
      const { flow } = makeFlow();
      flow.start(adapterFor());
      await until(() => flow.options.provider.state === 'ready');
      expect(optionIds(flow, 'provider')).to.deep.equal(['dr-chen', 'jordan-alvarez']);
      flow.select('provider', 'dr-chen');
      await until(() => flow.options.location.state === 'ready');
      expect(optionIds(flow, 'location')).to.deep.equal(['riverside', 'telehealth']);
      flow.select('location', 'riverside');
      await until(() => flow.options.service.state === 'ready');
      expect(optionIds(flow, 'service')).to.deep.equal(['individual-50', 'intake-60']);
      expect(flow.chosen, 'no service yet').to.equal(undefined);
      flow.select('service', 'individual-50');
      expect(flow.chosen?.service.name).to.equal('Individual Therapy');
      expect(flow.state.step, 'Continue is still to press').to.equal('choosing');
    });

    it('keeps a location that fits a newly chosen provider, and clears one that does not, saying which', async () => {
      const { flow } = makeFlow();
      flow.start(adapterFor(), { prefill: { provider: 'dr-chen', location: 'riverside', service: 'intake-60' } });
      await until(() => flow.options.service.state === 'ready');
      flow.select('provider', 'jordan-alvarez');
      await until(() => flow.options.service.state === 'ready');
      expect(flow.choice.location, 'Riverside fits Jordan too').to.equal('riverside');
      expect(flow.choice.service, 'Initial Consultation does not').to.equal(undefined);
      expect(flow.notices).to.deep.equal([defaultFormStrings.noLongerFits('Service', 'Initial Consultation')]);
    });

    it('takes only the latest adapter’s answer when the adapter is swapped while a list loads, and aborts the old call', async () => {
      const { flow } = makeFlow();
      const before = adapterFor();
      before.hold('listLocations');
      flow.start(before, { prefill: { provider: 'dr-chen' } });
      await until(() => before.callsTo('listLocations').length === 1);

      // The same provider through another adapter (a portal that signed the client in again, say).
      const after = adapterFor();
      after.hold('listLocations');
      flow.start(after, { prefill: { provider: 'dr-chen' } });
      await until(() => after.callsTo('listLocations').length === 1);
      expect(before.last('listLocations').signal?.aborted, 'the old call is aborted').to.equal(true);

      after.last('listLocations').release(new BookingError('server', 'The new practice is down.'));
      await until(() => flow.options.location.state === 'error');
      // The old adapter answers last, with a list that is no answer for the present adapter.
      before.last('listLocations').release();
      await new Promise((resolve) => setTimeout(resolve, 10));
      expect(flow.options.location.state, 'the old adapter’s late answer is dropped').to.equal('error');
      expect(flow.startedWith).to.equal(after);
    });

    it('drops the services of the provider chosen before when they arrive after a change of provider', async () => {
      const { flow } = makeFlow();
      const adapter = adapterFor();
      adapter.hold('listServices');
      flow.start(adapter, { prefill: { provider: 'dr-chen', location: 'riverside' } });
      await until(() => adapter.callsTo('listServices').length === 1);
      const chensServices = adapter.last('listServices');
      flow.select('provider', 'jordan-alvarez');
      await until(() => adapter.callsTo('listServices').length === 2);
      expect(chensServices.signal?.aborted).to.equal(true);
      chensServices.release();
      await new Promise((resolve) => setTimeout(resolve, 10));
      expect(flow.options.service.state, 'not Dr. Chen’s services').to.equal('pending');
      adapter.last('listServices').release();
      await until(() => flow.options.service.state === 'ready');
      expect(optionIds(flow, 'service')).to.deep.equal(['individual-50', 'couples-80']);
    });

    it('asks for sign-in, not Try again, when the practice answers 401', async () => {
      const { flow, host } = makeFlow();
      const adapter = adapterFor();
      adapter.failNext('listProviders', new BookingError('unauthorized', 'Please sign in again.'));
      flow.start(adapter);
      await until(() => flow.options.provider.state === 'error');
      expect(host.refused).to.have.length(1);
    });
  });

  describe('pre-fill', () => {
    it('lands on Availability with a link’s three choices, at the week of its start', async () => {
      const { flow } = await atAvailability();
      expect(flow.state.step).to.equal('availability');
      expect(new Date(flow.window.visibleRange.start).toISOString()).to.equal(nyTime(6, '00:00'));
      expect(flow.request, 'nothing chosen: 7:00 is before opening').to.equal(undefined);
      expect(flow.notices.join(' ')).to.contain('not available');
    });

    it('chooses a link’s open start, without an event (the client did not choose it here)', async () => {
      const { flow, host } = await atAvailability(adapterFor(), { ...chen, start: nyTime(9, '09:00') });
      expect(flow.request?.start).to.equal(nyTime(9, '09:00'));
      expect(host.events).to.deep.equal([]);
    });

    it('drops a linked provider who is not offered, with a notice, and stays on the choices', async () => {
      const { flow } = makeFlow();
      flow.start(adapterFor(), { prefill: { ...chen, provider: 'sam-okafor' } });
      await until(() => flow.options.provider.state === 'ready');
      expect(flow.choice.provider).to.equal(undefined);
      expect(flow.notices).to.deep.equal([defaultFormStrings.droppedFromLink('Provider')]);
      expect(flow.state.step).to.equal('choosing');
    });

    it('names a start it was given on the first step, until Availability can check it', async () => {
      const { flow } = makeFlow();
      flow.start(adapterFor(), { prefill: { provider: 'dr-chen', start: nyTime(9, '09:00') } });
      expect(flow.startToCheck).to.equal(Date.parse(nyTime(9, '09:00')));
    });
  });

  describe('from a chosen time to a sent request', () => {
    it('goes Availability → review → done, one key for the request, the time held in each step', async () => {
      const { flow, host, adapter } = await atAvailability();
      flow.pick(Date.parse(nyTime(7, '09:00')));
      expect(host.events[0]).to.be.instanceOf(SlotSelectEvent);
      await flow.save();
      const review = flow.state;
      if (review.step !== 'review') throw new Error(`on ${review.step}`);
      expect(new Date(review.selection.start).toISOString()).to.equal(nyTime(7, '09:00'));
      // Back and Save again with the same time: the same intention, the same key.
      flow.back();
      expect(flow.state.step).to.equal('availability');
      await flow.save();
      expect(flow.state.step === 'review' && flow.state.key).to.equal(review.key);
      await flow.submit();
      expect(flow.state.step).to.equal('done');
      expect(host.events.at(-1)).to.be.instanceOf(RequestSubmitEvent);
      const [, options] = adapter.last('requestAppointment').args as [unknown, { idempotencyKey: string }];
      expect(options.idempotencyKey).to.equal(review.key);
    });

    it('sends once for a second Submit while the first is on its way', async () => {
      const { flow, adapter } = await atAvailability();
      flow.pick(Date.parse(nyTime(7, '09:00')));
      await flow.save();
      adapter.hold('requestAppointment');
      const first = flow.submit();
      expect(flow.state.step).to.equal('submitting');
      await flow.submit();
      adapter.last('requestAppointment').release();
      await first;
      expect(adapter.callsTo('requestAppointment')).to.have.length(1);
    });

    it('returns to Availability with fresh times and one reason when Submit finds the time taken', async () => {
      const { flow, host, adapter } = await atAvailability();
      flow.pick(Date.parse(nyTime(7, '09:00')));
      await flow.save();
      adapter.failNext('requestAppointment', new BookingError('conflict', 'Taken.', { problems: [{ code: 'overlaps-appointment' }] as never }));
      const loadsBefore = adapter.callsTo('getAvailability').length;
      await flow.submit();
      expect(flow.state.step).to.equal('availability');
      expect(flow.request, 'the taken time is no longer chosen').to.equal(undefined);
      expect(flow.error?.message).to.equal(defaultFormStrings.timeTaken);
      expect(host.events.at(-1)).to.be.instanceOf(RequestFailEvent);
      await until(() => adapter.callsTo('getAvailability').length > loadsBefore);
    });

    it('keeps the review and its key after a network failure, with Try again sending under the same key', async () => {
      const { flow, adapter } = await atAvailability();
      flow.pick(Date.parse(nyTime(7, '09:00')));
      await flow.save();
      adapter.failNext('requestAppointment', new BookingError('network', 'Could not reach the server.'));
      await flow.submit();
      expect(flow.state.step).to.equal('review');
      expect(flow.error?.retry).to.be.a('function');
      flow.error!.retry!();
      await until(() => flow.state.step === 'done');
      const keys = adapter.callsTo('requestAppointment').map((call) => (call.args[1] as { idempotencyKey: string }).idempotencyKey);
      expect(new Set(keys).size).to.equal(1);
    });

    it('says why a time too short for the service cannot be chosen, once, and chooses nothing', async () => {
      const { flow } = await atAvailability();
      // 9:30 Monday: open, but Alex's 10:00 leaves 30 minutes for a 50-minute session.
      flow.pick(Date.parse(nyTime(7, '09:30')));
      expect(flow.request).to.equal(undefined);
      expect(flow.error?.message).to.match(/Individual Therapy|50 minutes/);
    });

    it('cannot review without a time: Save with none says to choose one', async () => {
      const { flow } = await atAvailability();
      await flow.save();
      expect(flow.state.step).to.equal('availability');
      expect(flow.error?.message).to.equal(defaultFormStrings.chooseTime);
    });

    it('shows Availability as soon as the three choices are made, when asked to', async () => {
      const { flow } = makeFlow();
      flow.showTimesWithChoices = true;
      flow.start(adapterFor(), { prefill: { provider: 'dr-chen', location: 'riverside' } });
      await until(() => flow.options.service.state === 'ready');
      expect(flow.state.step).to.equal('choosing');
      flow.select('service', 'individual-50');
      expect(flow.state.step).to.equal('availability');
      flow.select('service', 'intake-60');
      expect(flow.state.step === 'availability' && flow.state.chosen.service.id).to.equal('intake-60');
    });
  });
});

describe('AvailabilityWindow', () => {
  it('shows the week from the locale’s first day, or one day on a phone', async () => {
    const { flow } = await atAvailability();
    const week = flow.window.visibleRange;
    expect([new Date(week.start).toISOString(), new Date(week.end).toISOString()]).to.deep.equal([nyTime(6, '00:00'), nyTime(13, '00:00')]);
    flow.window.firstDay = 1;
    expect(new Date(flow.window.visibleRange.start).toISOString()).to.equal(nyTime(7, '00:00'));
    flow.setView('day');
    const day = flow.window.visibleRange;
    expect(day.end - day.start).to.equal(24 * 3600_000);
  });

  it('lists open start times without the client’s own appointment or the past', async () => {
    const { flow } = await atAvailability();
    const monday = flow.window.startTimes.filter((start) => start < Date.parse(nyTime(8, '00:00')));
    const times = monday.map((start) => new Date(start).toISOString());
    expect(times).to.include(nyTime(7, '09:00'));
    expect(times, 'Alex’s 10:00').not.to.include(nyTime(7, '10:00'));
  });

  it('shows the latest range when an earlier one’s answer comes last, and aborts it', async () => {
    const { flow, adapter } = await atAvailability();
    adapter.hold('getAvailability');
    flow.move(1);
    flow.move(1);
    const [nextWeek, weekAfter] = adapter.callsTo('getAvailability').slice(-2);
    expect(nextWeek.signal?.aborted).to.equal(true);
    weekAfter.release();
    await until(() => flow.window.availability.state === 'ready');
    nextWeek.release();
    await new Promise((resolve) => setTimeout(resolve, 10));
    const shown = flow.window.availability.state === 'ready' ? flow.window.availability.value : undefined;
    expect(Date.parse(shown!.open[0].start)).to.be.at.least(Date.parse(nyTime(20, '00:00')));
  });

  it('answers a range seen before from its cache, and asks again once told the times may have changed', async () => {
    const { flow, adapter } = await atAvailability();
    const asked = () => adapter.callsTo('getAvailability').length;
    const before = asked();
    flow.move(1);
    await until(() => flow.window.availability.state === 'ready');
    flow.move(-1);
    expect(asked(), 'the week of 7 December from the cache').to.equal(before + 1);
    flow.window.forget();
    await flow.refreshTimes();
    expect(asked()).to.equal(before + 2);
  });

  describe('the next available time', () => {
    async function onEmptyWeek() {
      // The week of 21 December, where the client went by hand (a link there would move on by itself):
      // Dr. Chen is away that week.
      const made = await atAvailability(adapterFor(awayWeekOf21()));
      made.flow.move(1);
      made.flow.move(1);
      await until(() => made.flow.window.availability.state === 'ready' && made.flow.window.visibleRange.start === Date.parse(nyTime(20, '00:00')));
      expect(made.flow.window.startTimes).to.deep.equal([]);
      return made;
    }

    it('finds the next open time beyond the week shown and shows its week', async () => {
      const { flow } = await onEmptyWeek();
      expect(await flow.showNextOpen()).to.equal(true);
      expect(flow.window.startTimes.length).to.be.greaterThan(0);
      expect(flow.window.visibleRange.start).to.be.greaterThan(Date.parse(nyTime(21, '00:00')));
    });

    it('offers Try again when the look-ahead could not reach the practice, and not when it was refused', async () => {
      const { flow, adapter } = await onEmptyWeek();
      adapter.failNext('getAvailability', new BookingError('forbidden', 'Not allowed.'));
      expect(await flow.showNextOpen()).to.equal(false);
      expect(flow.error?.message).to.be.a('string');
      // A type, not the function: a failure would otherwise report the whole flow behind it.
      expect(typeof flow.error?.retry, 'no Try again after 403').to.equal('undefined');
      adapter.failNext('getAvailability', new BookingError('network', 'Could not reach the server.'));
      expect(await flow.showNextOpen()).to.equal(false);
      expect(typeof flow.error?.retry, 'Try again after a lost connection').to.equal('function');
    });

    it('drops a look-ahead answer that arrives after the client chose another service, and aborts it', async () => {
      const { flow, adapter } = await onEmptyWeek();
      adapter.hold('getAvailability');
      const looking = flow.showNextOpen();
      const lookAhead = adapter.last('getAvailability');
      expect(flow.window.lookingAhead).to.equal(true);
      flow.select('provider', 'jordan-alvarez');
      expect(lookAhead.signal?.aborted, 'aborted with the choice').to.equal(true);
      lookAhead.release();
      expect(await looking).to.equal(false);
      expect(flow.state.step).to.equal('choosing');
      expect(flow.window.availability.state, 'no times shown for the old choice').to.equal('idle');
    });

    it('drops a look-ahead answer that arrives after the client moved to another week', async () => {
      const { flow, adapter } = await onEmptyWeek();
      adapter.hold('getAvailability');
      const looking = flow.showNextOpen();
      const lookAhead = adapter.last('getAvailability');
      flow.move(-1);
      const previousWeek = adapter.last('getAvailability');
      expect(lookAhead.signal?.aborted).to.equal(true);
      previousWeek.release();
      lookAhead.release();
      expect(await looking).to.equal(false);
      expect(new Date(flow.window.visibleRange.start).toISOString()).to.equal(nyTime(13, '00:00'));
    });
  });
});

describe('BookingFlow: moving an appointment', () => {
  it('leaves the appointment being moved out of every availability question and of validation', async () => {
    const adapter = new TestAdapter({ practice: practice(), clientId: 'client-alex', latency: 0 });
    const moving = (await adapter.listAppointments()).find((appointment) => appointment.id === 'seed-1')!;
    const { flow } = makeFlow();
    flow.start(adapter, { prefill: prefillOf(moving, {}), changing: moving });
    await until(() => flow.state.step === 'availability' && flow.window.availability.state === 'ready');
    // The week after, and a look for the next open time from there: each asks without the appointment.
    flow.move(1);
    await until(() => flow.window.availability.state === 'ready');
    await flow.showNextOpen();
    const queries = adapter.callsTo('getAvailability').map(([query]) => query as AvailabilityQuery);
    expect(queries.length).to.be.at.least(3);
    for (const query of queries) expect(query.exceptAppointmentId, `${query.start}–${query.end}`).to.equal('seed-1');

    flow.pick(flow.window.startTimes[0]);
    await flow.save();
    const [[request, options]] = adapter.callsTo('validateRequest') as Array<[unknown, ValidateOptions]>;
    expect(request).to.include({ providerId: 'dr-chen' });
    expect(options.exceptAppointmentId).to.equal('seed-1');
  });
});

describe('BookingFlow: landing on open time', () => {
  /** Dr. Chen away at Riverside for the weeks of 13 and 20 December: a link to 14 December finds its week empty. */
  const awayTwoWeeks = () =>
    practice((data) => {
      chenAtRiverside(data).daysOff = ['2026-12-14', '2026-12-16', '2026-12-18', '2026-12-21', '2026-12-23', '2026-12-25'];
    });
  const week = (flow: BookingFlow) => new Date(flow.window.visibleRange.start).toISOString();

  it('moves a link’s empty first week on to the first week with open time, once, and says so', async () => {
    const { flow } = makeFlow();
    const adapter = adapterFor(awayTwoWeeks());
    flow.start(adapter, { prefill: { ...chen, start: nyTime(14, '07:00') } });
    await until(() => flow.notices.some((notice) => notice.startsWith('No open times this week')));
    expect(week(flow), 'the third week shown: 27 December').to.equal(nyTime(27, '00:00'));
    expect(flow.window.startTimes.length).to.be.greaterThan(0);
    expect(flow.notices).to.include(defaultFormStrings.movedToOpenWeek('December 27, 2026'));

    // The client goes back to the empty week by hand: the form stays where the client put it.
    flow.move(-1);
    await until(() => flow.window.availability.state === 'ready' && week(flow) === nyTime(20, '00:00'));
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect(week(flow)).to.equal(nyTime(20, '00:00'));
    expect(flow.window.startTimes).to.deep.equal([]);
  });

  it('moves a phone’s empty first day on to the first day with open time', async () => {
    const { flow } = makeFlow();
    flow.setView('day');
    flow.start(adapterFor(awayTwoWeeks()), { prefill: { ...chen, start: nyTime(14, '07:00') } });
    await until(() => flow.notices.some((notice) => notice.startsWith('No open times on this day')));
    expect(week(flow)).to.equal(nyTime(28, '00:00'));
    expect(flow.notices).to.include(defaultFormStrings.movedToOpenDay('Monday, December 28'));
  });

  it('never moves a client who moves on by hand while it looks ahead', async () => {
    const { flow } = makeFlow();
    const adapter = adapterFor(awayTwoWeeks());
    adapter.hold('getAvailability');
    flow.start(adapter, { prefill: { ...chen, start: nyTime(14, '07:00') } });
    await until(() => adapter.callsTo('getAvailability').length === 1);
    adapter.last('getAvailability').release();
    // The look-ahead, asked by the form itself once the first week came back empty.
    await until(() => adapter.callsTo('getAvailability').length === 2);
    const lookAhead = adapter.last('getAvailability');
    flow.move(-1);
    expect(lookAhead.signal?.aborted, 'the look-ahead is dropped').to.equal(true);
    adapter.last('getAvailability').release();
    lookAhead.release();
    await until(() => flow.window.availability.state === 'ready');
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect(week(flow), 'the week the client chose').to.equal(nyTime(6, '00:00'));
    expect(flow.notices.join(' ')).not.to.contain('No open times this week');
  });

  it('never moves a client who chooses another zone while it looks ahead', async () => {
    const { flow } = makeFlow();
    const adapter = adapterFor(awayTwoWeeks());
    adapter.hold('getAvailability');
    flow.start(adapter, { prefill: { ...chen, start: nyTime(14, '07:00') } });
    await until(() => adapter.callsTo('getAvailability').length === 1);
    adapter.last('getAvailability').release();
    await until(() => adapter.callsTo('getAvailability').length === 2);
    const lookAhead = adapter.last('getAvailability');
    expect(flow.movingToOpenTime, 'says it is looking').to.equal(true);
    flow.setZone('Europe/Paris');
    expect(lookAhead.signal?.aborted, 'the look-ahead is dropped').to.equal(true);
    expect(flow.movingToOpenTime).to.equal(false);
    for (const call of adapter.callsTo('getAvailability')) if (!call.released) call.release();
    await until(() => flow.window.availability.state === 'ready');
    expect(week(flow), 'the same week, in Paris').to.equal(new Date(Date.parse('2026-12-12T23:00:00Z')).toISOString());
  });

  it('says when nothing is open as far ahead as the practice takes requests', async () => {
    const { flow } = makeFlow();
    flow.start(adapterFor(practice((data) => void (chenAtRiverside(data).weekly = []))), { prefill: { ...chen, start: dec7Week } });
    await until(() => flow.notices.some((notice) => notice.includes('as far ahead as the practice takes requests')));
    // The horizon is 60 days after 1 December, 10:00.
    expect(flow.notices).to.include(defaultFormStrings.nothingOpenUntil('January 30, 2027'));
    expect(week(flow), 'still the week the link gave').to.equal(nyTime(6, '00:00'));
  });
});

describe('BookingFlow: the zone times are shown in', () => {
  /** Riverside kept in Honolulu time, telehealth in Tokyo's: zones no test browser runs in. */
  const farZones = () =>
    practice((data) => {
      for (const location of data.locations) location.timeZone = location.kind === 'in-person' ? 'Pacific/Honolulu' : 'Asia/Tokyo';
    });

  it('shows an in-person location in its own zone, and telehealth in the client’s', async () => {
    const { flow } = makeFlow();
    flow.start(adapterFor(farZones()), { prefill: { ...chen, start: dec7Week } });
    await until(() => flow.state.step === 'availability' && flow.window.availability.state === 'ready');
    expect(flow.window.zone).to.equal('Pacific/Honolulu');
    flow.select('location', 'telehealth');
    await until(() => flow.options.service.state === 'ready');
    flow.select('service', 'individual-50');
    flow.toAvailability();
    expect(flow.window.zone).to.equal(browserTimeZone());
  });

  it('names the location’s zone, not the browser’s, when the page’s zone was unknown', async () => {
    const { flow } = makeFlow();
    flow.start(adapterFor(farZones()), { prefill: { ...chen, start: dec7Week }, unknownZone: true });
    await until(() => flow.state.step === 'availability' && flow.window.availability.state === 'ready');
    expect(flow.notices).to.include(defaultFormStrings.unknownTimeZone('Pacific/Honolulu'));
    expect(flow.notices).not.to.include(defaultFormStrings.unknownTimeZone(zone));
  });

  it('keeps the page’s zone, and the client’s own choice over both', async () => {
    const { flow } = makeFlow();
    flow.setZone('Europe/Paris', 'host');
    flow.start(adapterFor(farZones()), { prefill: { ...chen, start: dec7Week } });
    await until(() => flow.state.step === 'availability' && flow.window.availability.state === 'ready');
    expect(flow.window.zone, 'the page’s time-zone').to.equal('Europe/Paris');
    flow.setZone('Asia/Kolkata');
    flow.setZone('Europe/Paris', 'host');
    flow.select('location', 'riverside');
    await until(() => flow.options.service.state === 'ready');
    flow.select('service', 'individual-50');
    flow.toAvailability();
    expect(flow.window.zone, 'the client’s choice').to.equal('Asia/Kolkata');
  });
});

/** A practice where Dr. Chen has the week of 21 December off at Riverside. */
function awayWeekOf21(): Practice {
  const data = createDemoPractice(NOW);
  const riverside = data.schedules.find((schedule) => schedule.providerId === 'dr-chen' && schedule.locationId === 'riverside')!;
  riverside.daysOff = [...(riverside.daysOff ?? []), '2026-12-21', '2026-12-23', '2026-12-25'];
  return new Practice(data, { now: () => NOW });
}
