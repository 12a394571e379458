/**
 * What every BookingAdapter must do, as one suite that each implementation runs: the elements
 * rely on exactly this, whichever backend a host plugs in.
 */
import { expect } from '@open-wc/testing';
import type { BookingAdapter } from '../../src/adapters/booking-adapter.js';
import type { BookingError } from '../../src/adapters/errors.js';
import { createIdempotencyKey } from '../../src/adapters/idempotency.js';
import type { Appointment } from '../../src/model/schemas.js';
import { NOW, chenRequest, createTestPractice, nyTime } from '../support/fixtures.js';
import { rejection, until } from '../support/async.js';

export interface AdapterHarness {
  /** The adapter under test, signed in as the demo client (Alex). */
  adapter: BookingAdapter;
  /** The same practice signed in as another client (Taylor). */
  otherClient: BookingAdapter;
  /** The practice's side, to play the therapist (a remote practice answers asynchronously). */
  therapist: { confirm(id: string): unknown; decline(id: string, note?: string): unknown };
  /** Moves the practice's clock. */
  setNow(now: number): unknown;
}

/**
 * Makes an adapter over the practice; called before every test. The in-memory practice `setup`
 * plays the therapist and keeps the clock unless the factory brings its own (a remote server).
 */
export type HarnessFactory = (
  setup: ReturnType<typeof createTestPractice>,
) => Promise<Pick<AdapterHarness, 'adapter' | 'otherClient'> & Partial<Pick<AdapterHarness, 'therapist' | 'setNow'>>>;

const write = () => ({ idempotencyKey: createIdempotencyKey() });

export function describeAdapterConformance(name: string, createHarness: HarnessFactory): void {
  describe(`${name} (BookingAdapter conformance)`, () => {
    let harness: AdapterHarness;
    let adapter: BookingAdapter;

    beforeEach(async () => {
      const setup = createTestPractice();
      harness = {
        therapist: setup.practice,
        setNow: (now) => (setup.clock.now = now),
        ...(await createHarness(setup)),
      };
      adapter = harness.adapter;
    });

    describe('the practice', () => {
      it('lists every provider with whether they self-schedule', async () => {
        const providers = await adapter.listProviders();
        expect(providers.map((p) => [p.id, p.selfScheduling])).to.deep.equal([
          ['dr-chen', true],
          ['jordan-alvarez', true],
          ['sam-okafor', false],
        ]);
      });

      it('lists the locations a provider works at, with address or telehealth and zone', async () => {
        const locations = await adapter.listLocations('dr-chen');
        expect(locations.map((l) => [l.id, l.kind, l.timeZone])).to.deep.equal([
          ['riverside', 'in-person', 'America/New_York'],
          ['telehealth', 'telehealth', 'America/New_York'],
        ]);
        const office = locations[0];
        expect(office.kind === 'in-person' && office.address).to.contain('River Road');
      });

      it('lists only the services the provider offers at that location', async () => {
        expect((await adapter.listServices('dr-chen', 'riverside')).map((s) => s.id)).to.deep.equal([
          'individual-50',
          'intake-60',
        ]);
        expect((await adapter.listServices('dr-chen', 'telehealth')).map((s) => s.id)).to.deep.equal([
          'individual-50',
          'check-in-25',
        ]);
      });

      it('answers an unknown provider with not-found', async () => {
        const error = await rejection(adapter.listLocations('nobody'));
        expect(error.code).to.equal('not-found');
      });

      it('returns copies, so changing an answer changes nothing behind it', async () => {
        const [first] = await adapter.listProviders();
        first.name = 'Changed';
        first.selfScheduling = false;
        const [again] = await adapter.listProviders();
        expect(again.name).to.equal('Dr. Maya Chen');
        expect(again.selfScheduling).to.equal(true);
      });
    });

    describe('availability', () => {
      const week = { start: nyTime(7, '00:00'), end: nyTime(14, '00:00') };
      const query = { providerId: 'dr-chen', locationId: 'riverside', serviceId: 'individual-50', ...week };

      it("opens the provider's hours less breaks and bookings, in the location's zone", async () => {
        const availability = await adapter.getAvailability(query);
        expect(availability.timeZone).to.equal('America/New_York');
        expect(availability.slotStepMinutes).to.equal(15);
        const monday = availability.open.filter((i) => i.start < nyTime(8, '00:00'));
        // 9–17 with lunch 12–13, less Alex's 10:00 and Taylor's 14:00 sessions.
        expect(monday).to.deep.equal([
          { start: nyTime(7, '09:00'), end: nyTime(7, '10:00') },
          { start: nyTime(7, '10:50'), end: nyTime(7, '12:00') },
          { start: nyTime(7, '13:00'), end: nyTime(7, '14:00') },
          { start: nyTime(7, '14:50'), end: nyTime(7, '17:00') },
        ]);
        // Tuesday is a telehealth day for Dr. Chen: nothing at the office.
        expect(availability.open.some((i) => i.start.startsWith('2026-12-08'))).to.equal(false);
      });

      it('states the bookable window: minimum notice and horizon', async () => {
        const availability = await adapter.getAvailability(query);
        expect(Date.parse(availability.earliestStart)).to.equal(NOW + 24 * 3600_000);
        expect(Date.parse(availability.latestEnd)).to.be.greaterThan(NOW + 60 * 24 * 3600_000);
      });

      it('opens nothing inside the minimum notice', async () => {
        const availability = await adapter.getAvailability({ ...query, start: nyTime(1, '00:00'), end: nyTime(3, '00:00') });
        for (const interval of availability.open) {
          expect(Date.parse(interval.start)).to.be.at.least(NOW + 24 * 3600_000);
        }
      });

      it('opens nothing on a day off', async () => {
        const availability = await adapter.getAvailability({ ...query, start: nyTime(18, '00:00'), end: nyTime(19, '00:00') });
        expect(availability.open).to.deep.equal([]);
      });

      it('refuses a provider who does not self-schedule', async () => {
        const error = await rejection(
          adapter.getAvailability({ ...query, providerId: 'sam-okafor' }),
        );
        expect(error.code).to.equal('rule-violation');
        expect(error.problems.map((p) => p.code)).to.deep.equal(['provider-not-self-scheduling']);
      });

      it('refuses a service the provider does not offer there', async () => {
        const error = await rejection(adapter.getAvailability({ ...query, serviceId: 'couples-80' }));
        expect(error.problems.map((p) => p.code)).to.deep.equal(['service-not-offered']);
      });

      it('refuses a reversed range', async () => {
        const error = await rejection(adapter.getAvailability({ ...query, start: week.end, end: week.start }));
        expect(error.code).to.equal('bad-request');
      });
    });

    describe('requests', () => {
      it('creates an unconfirmed request the client can still manage', async () => {
        const appointment = await adapter.requestAppointment(chenRequest(9, '09:00'), write());
        expect(appointment.status).to.equal('unconfirmed');
        expect(appointment.provider.name).to.equal('Dr. Maya Chen');
        expect(appointment.service).to.deep.equal({ id: 'individual-50', name: 'Individual Therapy', durationMinutes: 50 });
        expect(appointment.manage.canChange).to.equal(true);
        expect(appointment.manage.canCancel).to.equal(true);
        expect(Date.parse(appointment.manage.until!)).to.equal(Date.parse(nyTime(8, '09:00')));
        const listed = await adapter.listAppointments();
        expect(listed.map((a) => a.id)).to.include(appointment.id);
      });

      it('takes the requested time out of availability', async () => {
        await adapter.requestAppointment(chenRequest(9, '09:00'), write());
        const availability = await adapter.getAvailability({
          providerId: 'dr-chen',
          locationId: 'riverside',
          serviceId: 'individual-50',
          start: nyTime(9, '00:00'),
          end: nyTime(10, '00:00'),
        });
        expect(availability.open[0]).to.deep.equal({ start: nyTime(9, '09:50'), end: nyTime(9, '12:00') });
      });

      it('answers a taken time with conflict and the reason', async () => {
        const error = await rejection(adapter.requestAppointment(chenRequest(7, '14:00'), write()));
        expect(error.code).to.equal('conflict');
        expect(error.problems.map((p) => p.code)).to.include('outside-availability');
      });

      it('answers a time that leaves too little room with the minutes free', async () => {
        const error = await rejection(adapter.requestAppointment(chenRequest(7, '11:30'), write()));
        expect(error.code).to.equal('conflict');
        expect(error.problems).to.deep.include({ code: 'too-short-for-service', serviceMinutes: 50, availableMinutes: 30 });
      });

      it('refuses a time inside the minimum notice', async () => {
        const error = await rejection(adapter.requestAppointment(chenRequest(2, '09:30'), write()));
        expect(error.code).to.equal('rule-violation');
        expect(error.problems.map((p) => p.code)).to.include('inside-minimum-notice');
      });

      it('refuses a time in the past', async () => {
        const error = await rejection(adapter.requestAppointment(chenRequest(1, '09:00'), write()));
        expect(error.problems.map((p) => p.code)).to.include('in-the-past');
      });

      it('refuses a length that does not fit the service', async () => {
        const error = await rejection(adapter.requestAppointment(chenRequest(9, '09:00', 30), write()));
        expect(error.code).to.equal('rule-violation');
        expect(error.problems).to.deep.include({ code: 'wrong-length', expectedMinutes: 50, actualMinutes: 30 });
      });

      it('refuses a start off the 15-minute step', async () => {
        const error = await rejection(adapter.requestAppointment(chenRequest(9, '09:05'), write()));
        expect(error.problems).to.deep.include({ code: 'not-on-slot-step', stepMinutes: 15 });
      });

      it('refuses a time beyond the booking horizon', async () => {
        const start = new Date(NOW + 90 * 24 * 3600_000).toISOString();
        const request = { ...chenRequest(9, '09:00'), start, end: new Date(Date.parse(start) + 50 * 60_000).toISOString() };
        const error = await rejection(adapter.requestAppointment(request, write()));
        expect(error.problems.map((p) => p.code)).to.include('beyond-horizon');
      });

      it("refuses a time overlapping the client's own appointment with another therapist", async () => {
        await adapter.requestAppointment(
          { ...chenRequest(7, '13:00'), providerId: 'jordan-alvarez', locationId: 'telehealth' },
          write(),
        );
        const error = await rejection(adapter.requestAppointment(chenRequest(7, '13:00'), write()));
        expect(error.code).to.equal('conflict');
        expect(error.problems.map((p) => p.code)).to.deep.equal(['overlaps-own-appointment']);
      });

      it('refuses a provider who does not self-schedule', async () => {
        const error = await rejection(
          adapter.requestAppointment({ ...chenRequest(9, '09:00'), providerId: 'sam-okafor' }, write()),
        );
        expect(error.problems.map((p) => p.code)).to.include('provider-not-self-scheduling');
      });

      it('sends one request for one idempotency key, however often it is sent', async () => {
        const options = write();
        const first = await adapter.requestAppointment(chenRequest(9, '09:00'), options);
        const again = await adapter.requestAppointment(chenRequest(9, '09:00'), options);
        expect(again.id).to.equal(first.id);
        const mine = (await adapter.listAppointments()).filter((a) => a.start === nyTime(9, '09:00'));
        expect(mine).to.have.length(1);
      });

      it('treats the same instants written differently as the same request', async () => {
        const options = write();
        const request = chenRequest(9, '09:00');
        const first = await adapter.requestAppointment(request, options);
        const spelledOut = { ...request, start: request.start.replace('Z', '+00:00') };
        const again = await adapter.requestAppointment(spelledOut, options);
        expect(again.id).to.equal(first.id);
      });

      it('answers 422, not conflict, when a rule is broken as well as the time being taken', async () => {
        const error = await rejection(adapter.requestAppointment(chenRequest(7, '14:00', 30), write()));
        expect(error.code).to.equal('rule-violation');
        expect(error.problems.map((p) => p.code)).to.include.members(['wrong-length', 'outside-availability']);
      });

      it('refuses an idempotency key reused for another request', async () => {
        const options = write();
        await adapter.requestAppointment(chenRequest(9, '09:00'), options);
        const error = await rejection(adapter.requestAppointment(chenRequest(9, '10:00'), options));
        expect(error.code).to.equal('bad-request');
      });

      it('gives one of ten simultaneous requests for a slot, and conflict to the rest', async () => {
        const results = await Promise.allSettled(
          Array.from({ length: 10 }, (_, index) =>
            (index % 2 ? harness.otherClient : adapter).requestAppointment(chenRequest(9, '15:00'), write()),
          ),
        );
        const won = results.filter((r) => r.status === 'fulfilled');
        const lost = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
        expect(won).to.have.length(1);
        expect(lost.map((r) => (r.reason as BookingError).code)).to.deep.equal(Array(9).fill('conflict'));
      });

      it('validates without booking (dry run)', async () => {
        expect(adapter.validateRequest).to.be.a('function');
        const good = await adapter.validateRequest!(chenRequest(9, '09:00'));
        expect(good).to.deep.equal({ ok: true, problems: [] });
        const bad = await adapter.validateRequest!(chenRequest(7, '14:00'));
        expect(bad.ok).to.equal(false);
        expect(bad.problems.map((p) => p.code)).to.include('outside-availability');
        expect((await adapter.listAppointments()).some((a) => a.start === nyTime(9, '09:00'))).to.equal(false);
      });

      it('rejects an aborted call with code aborted', async () => {
        const controller = new AbortController();
        controller.abort();
        const error = await rejection(adapter.listProviders({ signal: controller.signal }));
        expect(error.code).to.equal('aborted');
      });
    });

    describe('managing appointments', () => {
      it('lists only the signed-in client’s appointments, soonest first', async () => {
        const appointments = await adapter.listAppointments();
        expect(appointments.map((a) => a.id)).to.deep.equal(['seed-3', 'seed-1', 'seed-2']);
        const later = await adapter.listAppointments({ start: nyTime(8, '00:00') });
        expect(later.map((a) => a.id)).to.deep.equal(['seed-2']);
      });

      it('moves an appointment to a new time as a new request, freeing the old time', async () => {
        const changed = await adapter.changeAppointment('seed-1', chenRequest(9, '09:00'), write());
        expect(changed.id).to.equal('seed-1');
        expect(changed.start).to.equal(nyTime(9, '09:00'));
        expect(changed.status).to.equal('unconfirmed');
        const monday = await adapter.getAvailability({
          providerId: 'dr-chen',
          locationId: 'riverside',
          serviceId: 'individual-50',
          start: nyTime(7, '09:00'),
          end: nyTime(7, '12:00'),
        });
        expect(monday.open).to.deep.equal([{ start: nyTime(7, '09:00'), end: nyTime(7, '12:00') }]);
      });

      it('may move an appointment to overlap its own old time', async () => {
        const changed = await adapter.changeAppointment('seed-1', chenRequest(7, '10:15'), write());
        expect(changed.start).to.equal(nyTime(7, '10:15'));
      });

      it('cancels an appointment, frees its time, and will not cancel it twice', async () => {
        const cancelled = await adapter.cancelAppointment('seed-1', { ...write(), reason: 'Feeling better' });
        expect(cancelled.status).to.equal('cancelled');
        expect(cancelled.manage.canCancel).to.equal(false);
        expect(cancelled.manage.reason).to.be.a('string');
        await adapter.requestAppointment(chenRequest(7, '10:00'), write());
        const error = await rejection(adapter.cancelAppointment('seed-1', write()));
        expect(error.code).to.equal('rule-violation');
      });

      it('shows the cancellation policy on appointments that can be managed', async () => {
        const [, upcoming] = await adapter.listAppointments();
        expect(upcoming.manage.cancellationPolicy).to.contain('24 hours');
      });

      it('closes online changes at the cutoff and says why', async () => {
        await harness.setNow(Date.parse(nyTime(6, '11:00'))); // 23 hours before Monday 10:00
        const seed = (await adapter.listAppointments()).find((a) => a.id === 'seed-1')!;
        expect(seed.manage.canChange).to.equal(false);
        expect(seed.manage.until).to.equal(null);
        expect(seed.manage.reason).to.contain('24 hours');
        const error = await rejection(adapter.changeAppointment('seed-1', chenRequest(9, '09:00'), write()));
        expect(error.code).to.equal('rule-violation');
      });

      it("cannot touch another client's appointment", async () => {
        const error = await rejection(adapter.cancelAppointment('seed-4', write()));
        expect(error.code).to.equal('not-found');
      });

      it("hears the therapist's confirmation and decline without asking", async () => {
        const first = await adapter.requestAppointment(chenRequest(9, '09:00'), write());
        const second = await adapter.requestAppointment(chenRequest(9, '13:00'), write());
        const seen: Appointment[][] = [];
        const stop = adapter.watchAppointments({ onChange: (appointments) => seen.push(appointments) });
        try {
          await until(() => (seen.length ? true : undefined));
          await harness.therapist.confirm(first.id);
          await harness.therapist.decline(second.id, 'I am away that afternoon.');
          await until(() => {
            const latest = seen[seen.length - 1];
            const status = (id: string) => latest.find((a) => a.id === id)?.status;
            return status(first.id) === 'confirmed' && status(second.id) === 'declined' ? true : undefined;
          });
        } finally {
          stop();
        }
      });

      it('stops telling a watcher once it unsubscribes', async () => {
        let calls = 0;
        const stop = adapter.watchAppointments({ onChange: () => calls++ });
        await until(() => (calls > 0 ? true : undefined));
        stop();
        const before = calls;
        await harness.therapist.confirm('seed-2');
        await new Promise((resolve) => setTimeout(resolve, 200));
        expect(calls).to.equal(before);
      });
    });
  });
}
