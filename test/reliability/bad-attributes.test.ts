/**
 * Bad attributes and links, generated: a form opened with any mix of good, unknown, unfitting and
 * garbage provider, location and service ids, a start that is open, unbookable (past, too soon,
 * beyond the horizon, not open) or garbage, a good or garbage time zone and language, given as
 * attributes or as a therapist's link. Whatever comes: nothing is thrown; the client is told
 * (a notice) exactly when something given could not be used; and the form stays usable: the
 * client picks provider, location and service, finds an open time and reaches the review. The
 * two views take garbage attributes too, and still list the appointments.
 */
import { expect, fixture, fixtureCleanup, html } from '@open-wc/testing';
import { nothing } from 'lit';
import fc from 'fast-check';
import '../../src/elements/self-schedule-form/self-schedule-form.js';
import '../../src/elements/appointment-status/appointment-status.js';
import '../../src/elements/appointment-calendar/appointment-calendar.js';
import type { SelfScheduleForm } from '../../src/elements/self-schedule-form/self-schedule-form.js';
import { openStartTimes } from '../../src/scheduling/open-time.js';
import { NOW, createTestPractice, nyTime } from '../support/fixtures.js';
import { type FaultyApi, serveFaultyApi, watchUncaught } from '../support/faults.js';
import {
  assertAsync,
  buttonNamed,
  continueToTimes,
  field,
  onStep,
  pick,
  rootOf,
  selectedTime,
  settle,
  slots,
  stepHeading,
  text,
  waitUntil,
} from './helpers.js';

const good = { provider: 'dr-chen', location: 'riverside', service: 'individual-50' } as const;
const knownIds = ['dr-chen', 'jordan-alvarez', 'sam-okafor', 'riverside', 'telehealth', 'individual-50', 'intake-60', 'couples-80', 'check-in-25'];

/** What was given for one field, and whether it is usable for Dr. Chen at Riverside. */
interface Given {
  value?: string;
  bad: boolean;
}

/** An id: the good one, absent, one that exists but does not fit, an unknown one, or any text at all. */
function idArbitrary(goodId: string, unfitting: string): fc.Arbitrary<Given> {
  return fc.oneof(
    { weight: 3, arbitrary: fc.constant<Given>({ value: goodId, bad: false }) },
    { weight: 1, arbitrary: fc.constant<Given>({ bad: false }) },
    { weight: 1, arbitrary: fc.constant<Given>({ value: unfitting, bad: true }) },
    {
      weight: 1,
      arbitrary: fc
        .stringMatching(/^[a-z][a-z0-9-]{0,15}$/)
        .filter((id) => !knownIds.includes(id))
        .map((value) => ({ value, bad: true })),
    },
    {
      weight: 1,
      arbitrary: fc
        .string({ minLength: 1, maxLength: 40 })
        .filter((value) => value.trim() !== '' && !knownIds.includes(value))
        .map((value) => ({ value, bad: true })),
    },
  );
}

const { practice: reference } = createTestPractice();
const day = 24 * 3600_000;

/** Dr. Chen's open 50-minute starts at Riverside from `from` for `days` days, as the practice has them. */
function openStartsFor(from: number, days: number): number[] {
  const availability = reference.availability({
    providerId: good.provider,
    locationId: good.location,
    serviceId: good.service,
    start: new Date(from).toISOString(),
    end: new Date(from + days * day).toISOString(),
  });
  return openStartTimes(
    availability.open.map((range) => ({ start: Date.parse(range.start), end: Date.parse(range.end) })),
    { durationMinutes: 50, stepMinutes: availability.slotStepMinutes, timeZone: availability.timeZone },
  );
}

// An open start to give comes from the week the form shows first; "not open" is judged against
// the whole booking window (60 days), since a start on any other open day is bookable too.
const openStarts = openStartsFor(Date.parse(nyTime(6, '00:00')), 7);
const open = new Set(openStartsFor(NOW, 61));

interface GivenStart extends Given {
  /** Whether the form can read it as an instant (in an attribute; a link also needs the contract's form). */
  kind: 'none' | 'open' | 'unbookable' | 'garbage';
}

const startArbitrary: fc.Arbitrary<GivenStart> = fc.oneof(
  fc.constant<GivenStart>({ kind: 'none', bad: false }),
  fc.constantFrom(...openStarts).map((start) => ({ kind: 'open' as const, value: new Date(start).toISOString(), bad: false })),
  // In the past, inside the minimum notice, beyond the horizon, or simply not open: on a 15-minute step.
  fc
    .oneof(
      fc.integer({ min: NOW - 3650 * day, max: NOW }),
      fc.integer({ min: NOW, max: NOW + day }),
      fc.integer({ min: NOW + 61 * day, max: NOW + 3650 * day }),
      fc.integer({ min: NOW + day, max: NOW + 60 * day }),
    )
    .map((instant) => Math.floor(instant / 900_000) * 900_000)
    .filter((instant) => !open.has(instant))
    .map((instant) => ({ kind: 'unbookable' as const, value: new Date(instant).toISOString(), bad: true })),
  fc
    .oneof(
      fc.constantFrom('tomorrow', '2026-02-30T10:00:00Z', '2026-12-09T09:00', '12/9/2026', 'NaN', '2026-12-09T09:00:00+99:00', ' '),
      fc.string({ minLength: 1, maxLength: 30 }),
    )
    .map((value) => ({ kind: 'garbage' as const, value, bad: true })),
);

const zoneArbitrary = fc.oneof(
  fc.constant<Given>({ bad: false }),
  fc.constantFrom('America/New_York', 'Europe/Berlin', 'Asia/Kolkata').map((value) => ({ value, bad: false })),
  fc
    .oneof(fc.constantFrom('Mars/Olympus_Mons', 'America/New York', 'EST+5', 'UTC+25', '../../etc/passwd'), fc.string({ minLength: 1, maxLength: 20 }))
    .filter((value) => {
      try {
        new Intl.DateTimeFormat('en', { timeZone: value });
        return false;
      } catch {
        return true;
      }
    })
    .map((value) => ({ value, bad: true })),
);

const langArbitrary = fc.oneof(
  fc.constant<string | undefined>(undefined),
  fc.constantFrom('en-US', 'en-GB', 'de-DE'),
  fc.constantFrom('%%%', 'en_US!', 'x', 'toolongsubtag-abcdefghijkl', '-'),
  fc.string({ minLength: 1, maxLength: 12 }),
);

const caseArbitrary = fc.record({
  via: fc.constantFrom<'attributes' | 'link'>('attributes', 'link'),
  provider: idArbitrary(good.provider, 'sam-okafor'),
  location: idArbitrary(good.location, 'nowhere-office'),
  service: idArbitrary(good.service, 'couples-80'),
  start: startArbitrary,
  timeZone: zoneArbitrary,
  lang: langArbitrary,
});
type Case = typeof caseArbitrary extends fc.Arbitrary<infer T> ? T : never;

const noticeText = (el: HTMLElement) => [...rootOf(el).querySelectorAll('[part~="notice"]')].map(text).join(' ').trim();

/** Nothing loading, and the form on a step with its controls ready. */
function settled(el: SelfScheduleForm): boolean {
  const root = rootOf(el);
  if (root.querySelector('[aria-busy="true"]') || text(root).includes('Loading')) return false;
  if (stepHeading(el) === 'Availability') return root.querySelector('.availability')?.getAttribute('aria-busy') === 'false';
  const provider = field(el, 'Provider');
  return Boolean(provider && !provider.disabled);
}

function describeCase(c: Case): string {
  const show = (g: Given) => (g.value === undefined ? '—' : JSON.stringify(g.value).slice(0, 30));
  return `${c.via}: provider ${show(c.provider)}, location ${show(c.location)}, service ${show(c.service)}, start ${show(c.start)} (${c.start.kind}), zone ${show(c.timeZone)}, lang ${JSON.stringify(c.lang)}`;
}

async function mountCase(api: FaultyApi, c: Case): Promise<SelfScheduleForm> {
  const viaAttributes = c.via === 'attributes';
  const wrapper = await fixture<HTMLDivElement>(html`<div lang=${c.lang ?? nothing}>
    <self-schedule-form
      .now=${() => NOW}
      .adapter=${api.adapter}
      time-zone=${c.timeZone.value ?? nothing}
      provider=${(viaAttributes && c.provider.value) || nothing}
      location=${(viaAttributes && c.location.value) || nothing}
      service=${(viaAttributes && c.service.value) || nothing}
      start=${(viaAttributes && c.start.value) || nothing}
    ></self-schedule-form>
  </div>`);
  const el = wrapper.querySelector('self-schedule-form')!;
  if (!viaAttributes) {
    const link = new URL('https://practice.example/book');
    for (const key of ['provider', 'location', 'service', 'start'] as const) {
      const value = c[key].value;
      if (value !== undefined) link.searchParams.set(key, value);
    }
    el.prefillFromLink(link.href);
  }
  return el;
}

describe('<self-schedule-form> given bad attributes and links (property)', function () {
  this.timeout(600_000);
  let api: FaultyApi;

  beforeEach(async () => {
    api = await serveFaultyApi(createTestPractice().practice, { timeoutMs: 30_000 });
  });

  it('tells the client exactly when something given cannot be used, and stays usable through to the review', async () => {
    const uncaught = watchUncaught();
    const seen = { bad: 0, fine: 0 };
    try {
      await assertAsync(() =>
        fc.assert(
          fc.asyncProperty(caseArbitrary, async (c) => {
            fixtureCleanup();
            const what = describeCase(c);
            const anythingBad = c.provider.bad || c.location.bad || c.service.bad || c.start.bad || c.timeZone.bad;
            seen[anythingBad ? 'bad' : 'fine'] += 1;

            const el = await mountCase(api, c);
            await settle(el, api, settled, what, 20_000);
            const notices = [noticeText(el)];

            // The client completes what the page did not: provider, location, service (and Continue, on a narrow form).
            if (stepHeading(el) !== 'Availability') {
              // A link's location or service is only judged once the fields before it are chosen,
              // and a choice by hand clears the notices: read them before each one.
              if (field(el, 'Provider')!.value !== good.provider) await pick(el, 'Provider', good.provider);
              await waitUntil(() => field(el, 'Location') && !field(el, 'Location')!.disabled, `${what}: Location`, { timeout: 20_000 });
              notices.push(noticeText(el));
              if (field(el, 'Location')!.value !== good.location) await pick(el, 'Location', good.location);
              await waitUntil(() => field(el, 'Service') && !field(el, 'Service')!.disabled, `${what}: Service`, { timeout: 20_000 });
              notices.push(noticeText(el));
              if (field(el, 'Service')!.value !== good.service) await pick(el, 'Service', good.service);
              await continueToTimes(el, 20_000);
              await onStep(el, 'Availability', 20_000);
              await settle(el, api, settled, what, 20_000);
              notices.push(noticeText(el));
            }
            expect(uncaught.errors, `${what}: nothing thrown`).to.deep.equal([]);
            const told = notices.some((notice) => notice !== '');
            expect(told, `${what}: a notice exactly when something could not be used (notices: ${JSON.stringify(notices)})`).to.equal(anythingBad);
            if (c.start.kind === 'open' && !anythingBad) {
              expect(selectedTime(el), `${what}: the linked time is chosen`).not.to.contain('No time selected');
            }

            // Usable: an open time is there to choose (at most a "go to the next available time" away).
            if (!slots(el).length) {
              const jump = buttonNamed(rootOf(el), 'Go to the next available time');
              expect(jump, `${what}: a way to open times`).not.to.equal(undefined);
              jump!.click();
            }
            await waitUntil(() => slots(el).length > 0, `${what}: open times`, { timeout: 20_000 });
            if (selectedTime(el).includes('No time selected')) {
              slots(el)[0].click();
              await el.updateComplete;
            }
            buttonNamed(rootOf(el), 'Save')!.click();
            await onStep(el, 'Review your appointment request', 20_000);
            expect(uncaught.errors, `${what}: nothing thrown`).to.deep.equal([]);
          }),
          {
            numRuns: 30,
            endOnFailure: true,
            examples: [
              [{ via: 'attributes', provider: { value: 'dr-chen', bad: false }, location: { value: 'riverside', bad: false }, service: { value: 'individual-50', bad: false }, start: { kind: 'unbookable', value: '2001-01-01T12:00:00.000Z', bad: true }, timeZone: { bad: false }, lang: undefined }],
              [{ via: 'attributes', provider: { value: 'dr-chen', bad: false }, location: { value: 'riverside', bad: false }, service: { value: 'individual-50', bad: false }, start: { kind: 'garbage', value: 'tomorrow', bad: true }, timeZone: { value: 'Mars/Olympus_Mons', bad: true }, lang: '%%%' }],
              [{ via: 'link', provider: { value: 'no-such-therapist', bad: true }, location: { value: 'riverside', bad: false }, service: { value: 'individual-50', bad: false }, start: { kind: 'unbookable', value: '2035-06-01T15:00:00.000Z', bad: true }, timeZone: { bad: false }, lang: undefined }],
              // A link with only the therapist and a start exactly at the minimum notice, before the
              // week the open starts above come from: bookable, so no notice.
              [{ via: 'link', provider: { value: 'dr-chen', bad: false }, location: { bad: false }, service: { bad: false }, start: { kind: 'open', value: new Date(NOW + day).toISOString(), bad: false }, timeZone: { bad: false }, lang: undefined }],
            ],
          },
        ),
      );
      expect(seen.bad, 'cases with something bad').to.be.greaterThan(3);
      expect(seen.fine, 'cases with nothing bad').to.be.greaterThan(0);
    } finally {
      uncaught.stop();
    }
  });
});

describe('the views given garbage attributes (property)', function () {
  this.timeout(300_000);

  it('list the appointments whatever the time zone, view, initial date and language, and throw nothing', async () => {
    const api = await serveFaultyApi(createTestPractice().practice, { timeoutMs: 30_000 });
    const uncaught = watchUncaught();
    try {
      await assertAsync(() =>
        fc.assert(
          fc.asyncProperty(
            fc.constantFrom('appointment-status', 'appointment-calendar'),
            zoneArbitrary,
            fc.oneof(fc.constantFrom('week', 'month', 'day', 'year', ''), fc.string({ maxLength: 10 })),
            fc.oneof(fc.constantFrom('2026-12-07', '2026-02-30', 'next week', '', '99999-01-01'), fc.string({ maxLength: 20 })),
            langArbitrary,
            async (tag, timeZone, view, initialDate, lang) => {
              fixtureCleanup();
              const wrapper = await fixture<HTMLDivElement>(html`<div lang=${lang ?? nothing}>
                ${tag === 'appointment-status'
                  ? html`<appointment-status time-zone=${timeZone.value ?? nothing} .now=${() => NOW} .adapter=${api.adapter}></appointment-status>`
                  : html`<appointment-calendar
                      time-zone=${timeZone.value ?? nothing}
                      view=${view}
                      initial-date=${initialDate}
                      .now=${() => NOW}
                      .adapter=${api.adapter}
                    ></appointment-calendar>`}
              </div>`);
              const el = wrapper.firstElementChild as HTMLElement;
              const what = `${tag} zone ${JSON.stringify(timeZone.value)} view ${JSON.stringify(view)} date ${JSON.stringify(initialDate)} lang ${JSON.stringify(lang)}`;
              // The list is there: the Appointments tab lists seed-1; the calendar's toolbar and list are drawn.
              await waitUntil(
                () => (tag === 'appointment-status' ? rootOf(el).querySelector('[data-id="seed-1"]') : rootOf(el).querySelector('.agenda')),
                `${what}: drawn`,
                { timeout: 20_000 },
              );
              expect(uncaught.errors, `${what}: nothing thrown`).to.deep.equal([]);
            },
          ),
          { numRuns: 20, endOnFailure: true },
        ),
      );
    } finally {
      uncaught.stop();
      api.clear();
    }
  });
});
