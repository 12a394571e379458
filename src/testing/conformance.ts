/**
 * What every BookingAdapter must do, as one suite that each implementation runs: the elements rely
 * on exactly this, whichever backend a host plugs in. It runs under any test runner (it is handed
 * the runner's `describe` and `it`) and against any adapter, in the page or in front of a server.
 *
 * ```ts
 * import { describe, it } from 'node:test'; // or mocha's, vitest's, jest's
 * import { MemoryAdapter, describeAdapterConformance } from 'self-schedule-elements/testing';
 *
 * describeAdapterConformance('MemoryAdapter', async ({ practice }) => ({
 *   adapter: new MemoryAdapter({ practice, clientId: 'client-alex' }),
 *   otherClient: new MemoryAdapter({ practice, clientId: 'client-taylor' }),
 * }), { describe, it });
 * ```
 */
import type { BookingAdapter } from '../adapters/booking-adapter.js';
import type { BookingError } from '../adapters/errors.js';
import { createIdempotencyKey } from '../adapters/idempotency.js';
import type { Appointment } from '../model/schemas.js';
import { assertDeepEqual, assertEqual, assertIncludes, assertTrue, rejection, until } from './checks.js';
import { NOW, type TestPractice, chenRequest, createTestPractice, nyTime } from './fixtures.js';

/**
 * The part of a test runner the suite uses. Mocha's, node:test's, vitest's and jest's `describe`
 * and `it` all fit; each test's body takes no argument, so no runner reads it as a `done` callback.
 */
export interface TestRunner {
  describe(name: string, body: () => void): unknown;
  it(name: string, body: () => Promise<void>): unknown;
}

export interface AdapterHarness {
  /** The adapter under test, signed in as the demo client (Alex, `client-alex`). */
  adapter: BookingAdapter;
  /** The same practice signed in as another client (Taylor, `client-taylor`). */
  otherClient: BookingAdapter;
  /** The practice's side, to play the therapist (a remote practice answers asynchronously). */
  therapist: { confirm(id: string): unknown; decline(id: string, note?: string): unknown };
  /** Moves the practice's clock. */
  setNow: (now: number) => unknown;
}

/**
 * Makes the adapters under test; called at the start of every test with a fresh demo practice at
 * NOW (`createTestPractice()`). An adapter over that practice (in the page, or through a mock API
 * serving it) returns just the two adapters: the suite plays the therapist and moves the clock on
 * `seed` itself. An adapter in front of a server of its own loads the same data into it
 * (`createDemoPractice(NOW)`, or `seed.practice.toJSON()`) with its clock at NOW, and returns
 * `therapist` and `setNow` acting on that server.
 */
export type HarnessFactory = (
  seed: TestPractice,
) => Promise<Pick<AdapterHarness, 'adapter' | 'otherClient'> & Partial<Pick<AdapterHarness, 'therapist' | 'setNow'>>>;

const write = () => ({ idempotencyKey: createIdempotencyKey() });

const codes = (error: BookingError) => error.problems.map((problem) => problem.code);

export function describeAdapterConformance(name: string, createHarness: HarnessFactory, { describe, it }: TestRunner): void {
  /** A test on a fresh practice and harness: each test stands alone, so none needs a `beforeEach`. */
  const test = (title: string, body: (harness: AdapterHarness) => Promise<void>) =>
    it(title, async () => {
      const seed = createTestPractice();
      await body({
        therapist: seed.practice,
        setNow: (now) => (seed.clock.now = now),
        ...(await createHarness(seed)),
      });
    });

  describe(`${name} (BookingAdapter conformance)`, () => {
    describe('the practice', () => {
      test('lists every provider with whether they self-schedule', async ({ adapter }) => {
        const providers = await adapter.listProviders();
        assertDeepEqual(
          providers.map((p) => [p.id, p.selfScheduling]),
          [
            ['dr-chen', true],
            ['jordan-alvarez', true],
            ['sam-okafor', false],
          ],
          'providers and whether they self-schedule',
        );
      });

      test('lists the locations a provider works at, with address or telehealth and zone', async ({ adapter }) => {
        const locations = await adapter.listLocations('dr-chen');
        assertDeepEqual(
          locations.map((l) => [l.id, l.kind, l.timeZone]),
          [
            ['riverside', 'in-person', 'America/New_York'],
            ['telehealth', 'telehealth', 'America/New_York'],
          ],
          "Dr. Chen's locations",
        );
        const office = locations[0];
        assertTrue(office.kind === 'in-person' && office.address.includes('River Road'), 'the office address to name River Road');
      });

      test('lists only the services the provider offers at that location', async ({ adapter }) => {
        assertDeepEqual(
          (await adapter.listServices('dr-chen', 'riverside')).map((s) => s.id),
          ['individual-50', 'intake-60'],
          'services at the office',
        );
        assertDeepEqual(
          (await adapter.listServices('dr-chen', 'telehealth')).map((s) => s.id),
          ['individual-50', 'check-in-25'],
          'services by telehealth',
        );
      });

      test('answers an unknown provider with not-found', async ({ adapter }) => {
        const error = await rejection(adapter.listLocations('nobody'));
        assertEqual(error.code, 'not-found', 'code');
      });

      test('returns copies, so changing an answer changes nothing behind it', async ({ adapter }) => {
        const [first] = await adapter.listProviders();
        first.name = 'Changed';
        first.selfScheduling = false;
        const [again] = await adapter.listProviders();
        assertEqual(again.name, 'Dr. Maya Chen', 'name asked again');
        assertEqual(again.selfScheduling, true, 'selfScheduling asked again');
      });
    });

    describe('availability', () => {
      const week = { start: nyTime(7, '00:00'), end: nyTime(14, '00:00') };
      const query = { providerId: 'dr-chen', locationId: 'riverside', serviceId: 'individual-50', ...week };

      test("opens the provider's hours less breaks and bookings, in the location's zone", async ({ adapter }) => {
        const availability = await adapter.getAvailability(query);
        assertEqual(availability.timeZone, 'America/New_York', 'timeZone');
        assertEqual(availability.slotStepMinutes, 15, 'slotStepMinutes');
        const monday = availability.open.filter((i) => i.start < nyTime(8, '00:00'));
        // 9–17 with lunch 12–13, less Alex's 10:00 and Taylor's 14:00 sessions.
        assertDeepEqual(
          monday,
          [
            { start: nyTime(7, '09:00'), end: nyTime(7, '10:00') },
            { start: nyTime(7, '10:50'), end: nyTime(7, '12:00') },
            { start: nyTime(7, '13:00'), end: nyTime(7, '14:00') },
            { start: nyTime(7, '14:50'), end: nyTime(7, '17:00') },
          ],
          "Monday's open time",
        );
        // Tuesday is a telehealth day for Dr. Chen: nothing at the office.
        assertEqual(availability.open.some((i) => i.start.startsWith('2026-12-08')), false, 'open time on Tuesday');
      });

      test('states the bookable window: minimum notice and horizon', async ({ adapter }) => {
        const availability = await adapter.getAvailability(query);
        assertEqual(Date.parse(availability.earliestStart), NOW + 24 * 3600_000, 'earliestStart');
        assertTrue(Date.parse(availability.latestEnd) > NOW + 60 * 24 * 3600_000, `latestEnd ${availability.latestEnd} beyond 60 days`);
      });

      test('opens nothing inside the minimum notice', async ({ adapter }) => {
        const availability = await adapter.getAvailability({ ...query, start: nyTime(1, '00:00'), end: nyTime(3, '00:00') });
        for (const interval of availability.open) {
          assertTrue(Date.parse(interval.start) >= NOW + 24 * 3600_000, `${interval.start} not before the minimum notice`);
        }
      });

      test('opens nothing on a day off', async ({ adapter }) => {
        const availability = await adapter.getAvailability({ ...query, start: nyTime(18, '00:00'), end: nyTime(19, '00:00') });
        assertDeepEqual(availability.open, [], 'open time');
      });

      test('refuses a provider who does not self-schedule', async ({ adapter }) => {
        const error = await rejection(adapter.getAvailability({ ...query, providerId: 'sam-okafor' }));
        assertEqual(error.code, 'rule-violation', 'code');
        assertDeepEqual(codes(error), ['provider-not-self-scheduling'], 'problems');
      });

      test('refuses a service the provider does not offer there', async ({ adapter }) => {
        const error = await rejection(adapter.getAvailability({ ...query, serviceId: 'couples-80' }));
        assertDeepEqual(codes(error), ['service-not-offered'], 'problems');
      });

      test('refuses a reversed range', async ({ adapter }) => {
        const error = await rejection(adapter.getAvailability({ ...query, start: week.end, end: week.start }));
        assertEqual(error.code, 'bad-request', 'code');
      });
    });

    describe('requests', () => {
      test('creates an unconfirmed request the client can still manage', async ({ adapter }) => {
        const appointment = await adapter.requestAppointment(chenRequest(9, '09:00'), write());
        assertEqual(appointment.status, 'unconfirmed', 'status');
        assertEqual(appointment.provider.name, 'Dr. Maya Chen', 'provider name');
        assertDeepEqual(appointment.service, { id: 'individual-50', name: 'Individual Therapy', durationMinutes: 50 }, 'service');
        assertEqual(appointment.manage.canChange, true, 'manage.canChange');
        assertEqual(appointment.manage.canCancel, true, 'manage.canCancel');
        assertEqual(Date.parse(appointment.manage.until!), Date.parse(nyTime(8, '09:00')), 'manage.until');
        const listed = await adapter.listAppointments();
        assertIncludes(
          listed.map((a) => a.id),
          [appointment.id],
          'appointments listed',
        );
      });

      test('takes the requested time out of availability', async ({ adapter }) => {
        await adapter.requestAppointment(chenRequest(9, '09:00'), write());
        const availability = await adapter.getAvailability({
          providerId: 'dr-chen',
          locationId: 'riverside',
          serviceId: 'individual-50',
          start: nyTime(9, '00:00'),
          end: nyTime(10, '00:00'),
        });
        assertDeepEqual(availability.open[0], { start: nyTime(9, '09:50'), end: nyTime(9, '12:00') }, 'first open time');
      });

      test('answers a taken time with conflict and the reason', async ({ adapter }) => {
        const error = await rejection(adapter.requestAppointment(chenRequest(7, '14:00'), write()));
        assertEqual(error.code, 'conflict', 'code');
        assertIncludes(codes(error), ['outside-availability'], 'problems');
      });

      test('answers a time that leaves too little room with the minutes free', async ({ adapter }) => {
        const error = await rejection(adapter.requestAppointment(chenRequest(7, '11:30'), write()));
        assertEqual(error.code, 'conflict', 'code');
        assertIncludes(error.problems, [{ code: 'too-short-for-service', serviceMinutes: 50, availableMinutes: 30 }], 'problems');
      });

      test('refuses a time inside the minimum notice', async ({ adapter }) => {
        const error = await rejection(adapter.requestAppointment(chenRequest(2, '09:30'), write()));
        assertEqual(error.code, 'rule-violation', 'code');
        assertIncludes(codes(error), ['inside-minimum-notice'], 'problems');
      });

      test('refuses a time in the past', async ({ adapter }) => {
        const error = await rejection(adapter.requestAppointment(chenRequest(1, '09:00'), write()));
        assertIncludes(codes(error), ['in-the-past'], 'problems');
      });

      test('refuses a length that does not fit the service', async ({ adapter }) => {
        const error = await rejection(adapter.requestAppointment(chenRequest(9, '09:00', 30), write()));
        assertEqual(error.code, 'rule-violation', 'code');
        assertIncludes(error.problems, [{ code: 'wrong-length', expectedMinutes: 50, actualMinutes: 30 }], 'problems');
      });

      test('refuses a start off the 15-minute step', async ({ adapter }) => {
        const error = await rejection(adapter.requestAppointment(chenRequest(9, '09:05'), write()));
        assertIncludes(error.problems, [{ code: 'not-on-slot-step', stepMinutes: 15 }], 'problems');
      });

      test('refuses a time beyond the booking horizon', async ({ adapter }) => {
        const start = new Date(NOW + 90 * 24 * 3600_000).toISOString();
        const request = { ...chenRequest(9, '09:00'), start, end: new Date(Date.parse(start) + 50 * 60_000).toISOString() };
        const error = await rejection(adapter.requestAppointment(request, write()));
        assertIncludes(codes(error), ['beyond-horizon'], 'problems');
      });

      test("refuses a time overlapping the client's own appointment with another therapist", async ({ adapter }) => {
        await adapter.requestAppointment({ ...chenRequest(7, '13:00'), providerId: 'jordan-alvarez', locationId: 'telehealth' }, write());
        const error = await rejection(adapter.requestAppointment(chenRequest(7, '13:00'), write()));
        assertEqual(error.code, 'conflict', 'code');
        assertDeepEqual(codes(error), ['overlaps-own-appointment'], 'problems');
      });

      test('refuses a provider who does not self-schedule', async ({ adapter }) => {
        const error = await rejection(adapter.requestAppointment({ ...chenRequest(9, '09:00'), providerId: 'sam-okafor' }, write()));
        assertIncludes(codes(error), ['provider-not-self-scheduling'], 'problems');
      });

      test('sends one request for one idempotency key, however often it is sent', async ({ adapter }) => {
        const options = write();
        const first = await adapter.requestAppointment(chenRequest(9, '09:00'), options);
        const again = await adapter.requestAppointment(chenRequest(9, '09:00'), options);
        assertEqual(again.id, first.id, 'id of the repeated request');
        const mine = (await adapter.listAppointments()).filter((a) => a.start === nyTime(9, '09:00'));
        assertEqual(mine.length, 1, 'appointments at that time');
      });

      test('treats the same instants written differently as the same request', async ({ adapter }) => {
        const options = write();
        const request = chenRequest(9, '09:00');
        const first = await adapter.requestAppointment(request, options);
        const spelledOut = { ...request, start: request.start.replace('Z', '+00:00') };
        const again = await adapter.requestAppointment(spelledOut, options);
        assertEqual(again.id, first.id, 'id of the repeated request');
      });

      test('answers 422, not conflict, when a rule is broken as well as the time being taken', async ({ adapter }) => {
        const error = await rejection(adapter.requestAppointment(chenRequest(7, '14:00', 30), write()));
        assertEqual(error.code, 'rule-violation', 'code');
        assertIncludes(codes(error), ['wrong-length', 'outside-availability'], 'problems');
      });

      test('refuses an idempotency key reused for another request', async ({ adapter }) => {
        const options = write();
        await adapter.requestAppointment(chenRequest(9, '09:00'), options);
        const error = await rejection(adapter.requestAppointment(chenRequest(9, '10:00'), options));
        assertEqual(error.code, 'bad-request', 'code');
      });

      test('gives one of ten simultaneous requests for a slot, and conflict to the rest', async ({ adapter, otherClient }) => {
        const results = await Promise.allSettled(
          Array.from({ length: 10 }, (_, index) => (index % 2 ? otherClient : adapter).requestAppointment(chenRequest(9, '15:00'), write())),
        );
        const won = results.filter((r) => r.status === 'fulfilled');
        const lost = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
        assertEqual(won.length, 1, 'requests that won');
        assertDeepEqual(
          lost.map((r) => (r.reason as BookingError).code),
          Array(9).fill('conflict'),
          'codes of the requests that lost',
        );
      });

      test('validates without booking (dry run)', async ({ adapter }) => {
        assertEqual(typeof adapter.validateRequest, 'function', 'typeof validateRequest');
        const good = await adapter.validateRequest!(chenRequest(9, '09:00'));
        assertDeepEqual(good, { ok: true, problems: [] }, 'a free time validated');
        const bad = await adapter.validateRequest!(chenRequest(7, '14:00'));
        assertEqual(bad.ok, false, 'a taken time validated');
        assertIncludes(
          bad.problems.map((p) => p.code),
          ['outside-availability'],
          'problems',
        );
        assertEqual((await adapter.listAppointments()).some((a) => a.start === nyTime(9, '09:00')), false, 'booked by the dry run');
      });

      test('rejects an aborted call with code aborted', async ({ adapter }) => {
        const controller = new AbortController();
        controller.abort();
        const error = await rejection(adapter.listProviders({ signal: controller.signal }));
        assertEqual(error.code, 'aborted', 'code');
      });
    });

    describe('managing appointments', () => {
      test('lists only the signed-in client’s appointments, soonest first', async ({ adapter }) => {
        const appointments = await adapter.listAppointments();
        assertDeepEqual(
          appointments.map((a) => a.id),
          ['seed-3', 'seed-1', 'seed-2'],
          'appointments',
        );
        const later = await adapter.listAppointments({ start: nyTime(8, '00:00') });
        assertDeepEqual(
          later.map((a) => a.id),
          ['seed-2'],
          'appointments from Tuesday',
        );
      });

      test('moves an appointment to a new time as a new request, freeing the old time', async ({ adapter }) => {
        const changed = await adapter.changeAppointment('seed-1', chenRequest(9, '09:00'), write());
        assertEqual(changed.id, 'seed-1', 'id');
        assertEqual(changed.start, nyTime(9, '09:00'), 'start');
        assertEqual(changed.status, 'unconfirmed', 'status');
        const monday = await adapter.getAvailability({
          providerId: 'dr-chen',
          locationId: 'riverside',
          serviceId: 'individual-50',
          start: nyTime(7, '09:00'),
          end: nyTime(7, '12:00'),
        });
        assertDeepEqual(monday.open, [{ start: nyTime(7, '09:00'), end: nyTime(7, '12:00') }], "Monday morning's open time");
      });

      test('may move an appointment to overlap its own old time', async ({ adapter }) => {
        const changed = await adapter.changeAppointment('seed-1', chenRequest(7, '10:15'), write());
        assertEqual(changed.start, nyTime(7, '10:15'), 'start');
      });

      describe('a change over its own old time (exceptAppointmentId)', () => {
        // seed-1 is Alex's with Dr. Chen at the office, Monday 7 December 10:00–10:50.
        const mondayMorning = {
          providerId: 'dr-chen',
          locationId: 'riverside',
          serviceId: 'individual-50',
          start: nyTime(7, '09:00'),
          end: nyTime(7, '12:00'),
        };

        test("shows the changed appointment's own time open, to the minute, only when asked", async ({ adapter }) => {
          const asIs = await adapter.getAvailability(mondayMorning);
          assertDeepEqual(
            asIs.open,
            [
              { start: nyTime(7, '09:00'), end: nyTime(7, '10:00') },
              { start: nyTime(7, '10:50'), end: nyTime(7, '12:00') },
            ],
            'open time without exceptAppointmentId',
          );
          const changing = await adapter.getAvailability({ ...mondayMorning, exceptAppointmentId: 'seed-1' });
          assertDeepEqual(changing.open, [{ start: nyTime(7, '09:00'), end: nyTime(7, '12:00') }], 'open time changing seed-1');
        });

        test('validates a change overlapping its old time, and reports the overlap without exceptAppointmentId', async ({ adapter }) => {
          // The least overlap the 15-minute step allows: 09:15–10:05 overlaps 10:00–10:50 by five minutes.
          const overlappingStart = chenRequest(7, '09:15');
          const overlappingEnd = chenRequest(7, '10:45');
          for (const request of [overlappingStart, overlappingEnd]) {
            assertDeepEqual(
              await adapter.validateRequest!(request, { exceptAppointmentId: 'seed-1' }),
              { ok: true, problems: [] },
              `${request.start} validated as a change of seed-1`,
            );
            const asNew = await adapter.validateRequest!(request);
            assertEqual(asNew.ok, false, `${request.start} validated as a new request`);
            assertIncludes(
              asNew.problems.map((p) => p.code),
              ['overlaps-own-appointment'],
              `problems of ${request.start} as a new request`,
            );
          }
        });

        test('still counts the therapist’s other bookings and the client’s other appointments', async ({ adapter }) => {
          await adapter.requestAppointment({ ...chenRequest(7, '13:00'), providerId: 'jordan-alvarez', locationId: 'telehealth' }, write());
          const own = await adapter.validateRequest!(chenRequest(7, '13:00'), { exceptAppointmentId: 'seed-1' });
          assertDeepEqual(own.problems.map((p) => p.code), ['overlaps-own-appointment'], "problems over Alex's other appointment");
          // Taylor's 14:00–14:50 with Dr. Chen (seed-4).
          const taken = await adapter.validateRequest!(chenRequest(7, '14:00'), { exceptAppointmentId: 'seed-1' });
          assertIncludes(taken.problems.map((p) => p.code), ['outside-availability'], "problems over Taylor's appointment");
          const changing = await adapter.getAvailability({ ...mondayMorning, end: nyTime(7, '17:00'), exceptAppointmentId: 'seed-1' });
          assertIncludes(changing.open, [{ start: nyTime(7, '14:50'), end: nyTime(7, '17:00') }], 'open time after Taylor’s appointment');
          assertEqual(
            changing.open.some((i) => Date.parse(i.start) < Date.parse(nyTime(7, '14:50')) && Date.parse(i.end) > Date.parse(nyTime(7, '14:00'))),
            false,
            "Taylor's time shown open",
          );
        });

        test("refuses another client's appointment or an unknown one as not found", async ({ adapter }) => {
          for (const exceptAppointmentId of ['seed-4', 'no-such-appointment']) {
            const availability = await rejection(adapter.getAvailability({ ...mondayMorning, exceptAppointmentId }));
            assertEqual(availability.code, 'not-found', `availability's code, leaving out ${exceptAppointmentId}`);
            const validation = await rejection(adapter.validateRequest!(chenRequest(7, '14:00'), { exceptAppointmentId }));
            assertEqual(validation.code, 'not-found', `validation's code, leaving out ${exceptAppointmentId}`);
          }
        });

        test('refuses an empty exceptAppointmentId as a bad request', async ({ adapter }) => {
          assertEqual((await rejection(adapter.getAvailability({ ...mondayMorning, exceptAppointmentId: '' }))).code, 'bad-request', "availability's code");
          const validation = await rejection(adapter.validateRequest!(chenRequest(7, '09:15'), { exceptAppointmentId: '' }));
          assertEqual(validation.code, 'bad-request', "validation's code");
        });

        test('takes a cancelled own appointment without error (it holds no time)', async ({ adapter }) => {
          await adapter.cancelAppointment('seed-1', write());
          const changing = await adapter.getAvailability({ ...mondayMorning, exceptAppointmentId: 'seed-1' });
          assertDeepEqual(changing.open, [{ start: nyTime(7, '09:00'), end: nyTime(7, '12:00') }], 'open time');
          assertDeepEqual(
            await adapter.validateRequest!(chenRequest(7, '09:15'), { exceptAppointmentId: 'seed-1' }),
            { ok: true, problems: [] },
            'validation',
          );
        });
      });

      test('cancels an appointment, frees its time, and will not cancel it twice', async ({ adapter }) => {
        const cancelled = await adapter.cancelAppointment('seed-1', { ...write(), reason: 'Feeling better' });
        assertEqual(cancelled.status, 'cancelled', 'status');
        assertEqual(cancelled.manage.canCancel, false, 'manage.canCancel');
        assertEqual(typeof cancelled.manage.reason, 'string', 'typeof manage.reason');
        await adapter.requestAppointment(chenRequest(7, '10:00'), write());
        const error = await rejection(adapter.cancelAppointment('seed-1', write()));
        assertEqual(error.code, 'rule-violation', 'code');
      });

      test('shows the cancellation policy on appointments that can be managed', async ({ adapter }) => {
        const [, upcoming] = await adapter.listAppointments();
        const policy = upcoming.manage.cancellationPolicy;
        assertTrue(typeof policy === 'string' && policy.includes('24 hours'), `a cancellation policy naming 24 hours, not ${policy}`);
      });

      test('closes online changes at the cutoff and says why', async ({ adapter, setNow }) => {
        await setNow(Date.parse(nyTime(6, '11:00'))); // 23 hours before Monday 10:00
        const seed = (await adapter.listAppointments()).find((a) => a.id === 'seed-1')!;
        assertEqual(seed.manage.canChange, false, 'manage.canChange');
        assertEqual(seed.manage.until, null, 'manage.until');
        const reason = seed.manage.reason;
        assertTrue(typeof reason === 'string' && reason.includes('24 hours'), `a reason naming 24 hours, not ${reason}`);
        const error = await rejection(adapter.changeAppointment('seed-1', chenRequest(9, '09:00'), write()));
        assertEqual(error.code, 'rule-violation', 'code');
      });

      test("cannot touch another client's appointment", async ({ adapter }) => {
        const error = await rejection(adapter.cancelAppointment('seed-4', write()));
        assertEqual(error.code, 'not-found', 'code');
      });

      test("hears the therapist's confirmation and decline without asking", async ({ adapter, therapist }) => {
        const first = await adapter.requestAppointment(chenRequest(9, '09:00'), write());
        const second = await adapter.requestAppointment(chenRequest(9, '13:00'), write());
        const seen: Appointment[][] = [];
        const stop = adapter.watchAppointments({ onChange: (appointments) => seen.push(appointments) });
        try {
          await until(() => seen.length > 0);
          await therapist.confirm(first.id);
          await therapist.decline(second.id, 'I am away that afternoon.');
          await until(() => {
            const latest = seen[seen.length - 1];
            const status = (id: string) => latest.find((a) => a.id === id)?.status;
            return status(first.id) === 'confirmed' && status(second.id) === 'declined';
          });
        } finally {
          stop();
        }
      });

      test('stops telling a watcher once it unsubscribes', async ({ adapter, therapist }) => {
        let calls = 0;
        const stop = adapter.watchAppointments({ onChange: () => calls++ });
        await until(() => calls > 0);
        stop();
        const before = calls;
        await therapist.confirm('seed-2');
        await new Promise((resolve) => setTimeout(resolve, 200));
        assertEqual(calls, before, 'changes heard after unsubscribing');
      });
    });
  });
}
