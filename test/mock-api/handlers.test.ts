/**
 * The mock API's HTTP contract, spoken with raw fetch: statuses, bodies, idempotency, the race
 * for one slot, and the therapist's side under /api/practice (confirm, decline, self-scheduling,
 * the e-mail outbox).
 */
import { expect } from '@open-wc/testing';
import type { OutboxEmail } from '../../src/adapters/memory/practice-data.js';
import type { Appointment, AppointmentRequest, Provider } from '../../src/model/schemas.js';
import { demoClientId } from '../../mock-api/demo-practice.js';
import { chenRequest, createTestPractice, nyTime } from '../support/fixtures.js';
import { serveMockApi } from '../support/mock-worker.js';

const alexEmail = 'alex.rivera@example.com';
const practiceEmail = 'frontdesk@riverside-counseling.example';
/** The mock's stand-in for a portal's staff token: the front desk, who sees the whole practice. */
const frontDesk = 'staff:front-desk';


interface CallInit {
  method?: string;
  client?: string | null;
  body?: unknown;
  /** Sent as is, instead of JSON of `body`. */
  rawBody?: string;
  idempotencyKey?: string;
}

interface Answer<T = unknown> {
  status: number;
  body: T;
}

interface ErrorBody {
  error: { code: string; message: string; problems?: Array<{ code: string }> };
}

/** Calls the mock API as `client` (Alex unless null), and reads the JSON answer. */
async function call<T = unknown>(path: string, init: CallInit = {}): Promise<Answer<T>> {
  const headers = new Headers({ Accept: 'application/json' });
  const client = init.client === undefined ? demoClientId : init.client;
  if (client) headers.set('Authorization', `Bearer ${client}`);
  if (init.idempotencyKey) headers.set('Idempotency-Key', init.idempotencyKey);
  const body = init.rawBody ?? (init.body === undefined ? undefined : JSON.stringify(init.body));
  if (body !== undefined) headers.set('Content-Type', 'application/json');
  const response = await fetch(`/api${path}`, { method: init.method ?? 'GET', headers, body });
  expect(response.headers.get('Content-Type'), `${init.method ?? 'GET'} ${path}`).to.contain('application/json');
  return { status: response.status, body: (await response.json()) as T };
}

let keys = 0;
const newKey = () => `test-key-${Date.now()}-${++keys}`;

const requestAppointment = (request: AppointmentRequest, client = demoClientId, key = newKey()) =>
  call<Appointment & ErrorBody>('/appointments', { method: 'POST', client, body: request, idempotencyKey: key });

const outbox = async () => (await call<{ emails: OutboxEmail[] }>('/practice/outbox', { client: frontDesk })).body.emails;

/** Expects the contract's error body with `code`, and returns it. */
function expectError(answer: Answer, status: number, code: string): ErrorBody['error'] {
  expect(answer.status).to.equal(status);
  const body = answer.body as ErrorBody;
  expect(body.error.code).to.equal(code);
  expect(body.error.message).to.be.a('string').and.not.equal('');
  return body.error;
}

describe('mock API over HTTP', () => {
  beforeEach(async () => {
    await serveMockApi(createTestPractice().practice);
  });

  describe('requests', () => {
    it('answers a valid request with 201 and the unconfirmed appointment', async () => {
      const answer = await requestAppointment(chenRequest());
      expect(answer.status).to.equal(201);
      expect(answer.body.status).to.equal('unconfirmed');
      expect(answer.body.start).to.equal(chenRequest().start);
      expect(answer.body.provider.id).to.equal('dr-chen');
    });

    it('gives one of ten simultaneous requests from two clients for one slot, and 409 to the rest', async () => {
      const answers = await Promise.all(
        Array.from({ length: 10 }, (_, index) =>
          requestAppointment(chenRequest(9, '15:00'), index % 2 ? 'client-taylor' : demoClientId),
        ),
      );
      const statuses = answers.map((a) => a.status).sort();
      expect(statuses).to.deep.equal([201, ...Array(9).fill(409)]);
      for (const lost of answers.filter((a) => a.status === 409)) {
        expect(Object.keys(lost.body)).to.deep.equal(['error']);
        const error = expectError(lost, 409, 'conflict');
        expect(error.problems?.length).to.be.greaterThan(0);
        expect(error.problems!.map((p) => p.code)).to.include('outside-availability');
      }
      const booked = (await call<{ appointments: Appointment[] }>('/practice/appointments', { client: frontDesk })).body
        .appointments;
      expect(booked.filter((a) => a.start === chenRequest(9, '15:00').start)).to.have.length(1);
    });

    it('answers a replay with the same Idempotency-Key with the same appointment, once', async () => {
      const key = newKey();
      const first = await requestAppointment(chenRequest(), demoClientId, key);
      const again = await requestAppointment(chenRequest(), demoClientId, key);
      expect(first.status).to.equal(201);
      expect(again.status).to.equal(201);
      expect(again.body.id).to.equal(first.body.id);
      const mine = (await call<{ appointments: Appointment[] }>('/appointments')).body.appointments;
      expect(mine.filter((a) => a.start === chenRequest().start)).to.have.length(1);
      expect((await outbox()).filter((m) => m.kind === 'request-received')).to.have.length(1);
    });

    it('answers simultaneous replays with the same key with one appointment', async () => {
      const key = newKey();
      const answers = await Promise.all(Array.from({ length: 5 }, () => requestAppointment(chenRequest(), demoClientId, key)));
      expect(answers.map((a) => a.status)).to.deep.equal(Array(5).fill(201));
      expect(new Set(answers.map((a) => a.body.id)).size).to.equal(1);
    });

    it('answers a replay with the appointment as it is now, still 201', async () => {
      const key = newKey();
      const first = await requestAppointment(chenRequest(), demoClientId, key);
      await call(`/practice/appointments/${first.body.id}/confirm`, { method: 'POST', client: frontDesk });
      const again = await requestAppointment(chenRequest(), demoClientId, key);
      expect(again.status).to.equal(201);
      expect(again.body.id).to.equal(first.body.id);
      expect(again.body.status).to.equal('confirmed');
    });

    it('stores no failure under a key: the same request may succeed later', async () => {
      const alex = await requestAppointment(chenRequest());
      const key = newKey();
      expectError(await requestAppointment(chenRequest(), 'client-taylor', key), 409, 'conflict');
      await call(`/practice/appointments/${alex.body.id}/decline`, { method: 'POST', client: frontDesk, body: {} });
      const retried = await requestAppointment(chenRequest(), 'client-taylor', key);
      expect(retried.status).to.equal(201);
      expect(retried.body.id).not.to.equal(alex.body.id);
    });

    it('refuses a key used for a request when it comes back on a cancellation (400)', async () => {
      const key = newKey();
      await requestAppointment(chenRequest(), demoClientId, key);
      const cancel = await call('/appointments/seed-1/cancel', { method: 'POST', body: {}, idempotencyKey: key });
      expectError(cancel, 400, 'bad-request');
      expect(
        (await call<{ appointments: Appointment[] }>('/appointments')).body.appointments.find((a) => a.id === 'seed-1')
          ?.status,
      ).to.equal('confirmed');
    });

    it('refuses the same key for a different request with 400', async () => {
      const key = newKey();
      await requestAppointment(chenRequest(), demoClientId, key);
      expectError(await requestAppointment(chenRequest(9, '10:00'), demoClientId, key), 400, 'bad-request');
    });

    it('keeps idempotency keys apart per client', async () => {
      const key = newKey();
      const alex = await requestAppointment(chenRequest(9, '09:00'), demoClientId, key);
      const taylor = await requestAppointment(chenRequest(9, '10:00'), 'client-taylor', key);
      expect(alex.status).to.equal(201);
      expect(taylor.status).to.equal(201);
      expect(taylor.body.id).not.to.equal(alex.body.id);
    });

    it('requires an Idempotency-Key (400)', async () => {
      const answer = await call('/appointments', { method: 'POST', body: chenRequest() });
      expect(expectError(answer, 400, 'bad-request').message).to.contain('Idempotency-Key');
    });

    it('refuses a body that is not JSON (400)', async () => {
      const answer = await call('/appointments', { method: 'POST', rawBody: '{"providerId": "dr-chen",', idempotencyKey: newKey() });
      expect(expectError(answer, 400, 'bad-request').message).to.contain('JSON');
    });

    it('refuses a request missing a field or with a bad instant (400)', async () => {
      const { serviceId: _, ...missing } = chenRequest();
      const noService = await call('/appointments', { method: 'POST', body: missing, idempotencyKey: newKey() });
      expect(expectError(noService, 400, 'bad-request').message).to.contain('serviceId');
      const badStart = await call('/appointments', {
        method: 'POST',
        body: { ...chenRequest(), start: 'tomorrow morning' },
        idempotencyKey: newKey(),
      });
      expect(expectError(badStart, 400, 'bad-request').message).to.contain('start');
    });

    it('answers without a bearer token, or with an unknown one, with 401', async () => {
      expectError(await call('/providers', { client: null }), 401, 'unauthorized');
      expectError(await call('/appointments', { client: 'client-nobody' }), 401, 'unauthorized');
      expectError(await requestAppointment(chenRequest(), 'client-nobody'), 401, 'unauthorized');
    });

    it('answers a taken time with 409 and a rule broken whatever the time with 422', async () => {
      const taken = { ...chenRequest(), start: nyTime(7, '14:00'), end: nyTime(7, '14:50') };
      const conflict = expectError(await requestAppointment(taken), 409, 'conflict');
      expect(conflict.problems).to.deep.equal([{ code: 'outside-availability' }]);
      const short = { ...chenRequest(), end: nyTime(9, '09:30') };
      const violation = expectError(await requestAppointment(short), 422, 'rule-violation');
      expect(violation.problems).to.deep.equal([{ code: 'wrong-length', expectedMinutes: 50, actualMinutes: 30 }]);
    });
  });

  describe('reads', () => {
    const availability = (params: Record<string, string>, client?: string) =>
      call(`/availability?${new URLSearchParams(params)}`, { client });
    const week = {
      provider: 'dr-chen',
      location: 'riverside',
      service: 'individual-50',
      start: nyTime(7, '00:00'),
      end: nyTime(14, '00:00'),
    };

    it('answers availability for a full query', async () => {
      const answer = await availability(week);
      expect(answer.status).to.equal(200);
      expect((answer.body as { providerId: string }).providerId).to.equal('dr-chen');
    });

    for (const name of Object.keys(week)) {
      it(`requires the "${name}" query parameter on /availability (400)`, async () => {
        const { [name as keyof typeof week]: _, ...rest } = week;
        const error = expectError(await availability(rest), 400, 'bad-request');
        expect(error.message).to.contain(`"${name}"`);
      });
    }

    it('refuses an availability bound that is not an instant (400)', async () => {
      expectError(await availability({ ...week, start: 'soon' }), 400, 'bad-request');
    });

    it('refuses availability bounds that are not ISO 8601 instants with an offset (400)', async () => {
      // On the wire every instant carries an offset; without one, Date.parse reads the text in
      // the zone of whatever runs the mock, so the answer would depend on the machine.
      const notInstants = ['2026-12-07T00:00:00', '2026-12-07', 'December 7, 2026', '12/07/2026'];
      const statuses: Record<string, number> = {};
      for (const start of notInstants) statuses[start] = (await availability({ ...week, start })).status;
      expect(statuses).to.deep.equal(Object.fromEntries(notInstants.map((start) => [start, 400])));
    });

    it('answers an unknown provider, location or service with 404', async () => {
      expectError(await availability({ ...week, provider: 'dr-nobody' }), 404, 'not-found');
      expectError(await availability({ ...week, location: 'moon' }), 404, 'not-found');
      expectError(await availability({ ...week, service: 'hypnosis' }), 404, 'not-found');
      expectError(await call('/providers/dr-nobody/locations'), 404, 'not-found');
      expectError(await call('/providers/dr-chen/locations/moon/services'), 404, 'not-found');
    });

    it("lists only the signed-in client's appointments", async () => {
      const alex = await call<{ appointments: Appointment[] }>('/appointments');
      const taylor = await call<{ appointments: Appointment[] }>('/appointments', { client: 'client-taylor' });
      expect(alex.body.appointments.map((a) => a.id)).to.deep.equal(['seed-3', 'seed-1', 'seed-2']);
      expect(taylor.body.appointments.map((a) => a.id)).to.deep.equal(['seed-4', 'seed-5', 'seed-6']);
    });

    it('refuses an appointment bound that is not an instant (400)', async () => {
      expectError(await call('/appointments?start=yesterday'), 400, 'bad-request');
    });
  });

  describe("the therapist's side", () => {
    type Listed = Appointment & { client: { id: string; name: string; email: string } };
    const inbox = async () => (await call<{ appointments: Listed[] }>('/practice/appointments', { client: frontDesk })).body.appointments;
    const decide = (id: string, decision: 'confirm' | 'decline', body: unknown = {}) =>
      call<Appointment & ErrorBody>(`/practice/appointments/${id}/${decision}`, { method: 'POST', client: frontDesk, body });
    const statusFor = async (id: string, client = demoClientId) =>
      (await call<{ appointments: Appointment[] }>('/appointments', { client })).body.appointments.find((a) => a.id === id)
        ?.status;

    it('lists every appointment of every client, with the client', async () => {
      const all = await inbox();
      expect(all.map((a) => a.id).sort()).to.deep.equal(['seed-1', 'seed-2', 'seed-3', 'seed-4', 'seed-5', 'seed-6']);
      const starts = all.map((a) => Date.parse(a.start));
      expect(starts).to.deep.equal([...starts].sort((a, b) => a - b));
      const seed1 = all.find((a) => a.id === 'seed-1')!;
      expect(seed1.client).to.deep.equal({ id: demoClientId, name: 'Alex Rivera', email: alexEmail });
      expect(all.find((a) => a.id === 'seed-4')!.client.id).to.equal('client-taylor');
    });

    it('lists a new request with its client', async () => {
      const { body } = await requestAppointment(chenRequest());
      const listed = (await inbox()).find((a) => a.id === body.id);
      expect(listed?.status).to.equal('unconfirmed');
      expect(listed?.client.email).to.equal(alexEmail);
    });

    it('confirms a request, which the client then sees, and refuses to confirm it twice (409)', async () => {
      const { body } = await requestAppointment(chenRequest());
      const confirmed = await decide(body.id, 'confirm');
      expect(confirmed.status).to.equal(200);
      expect(confirmed.body.status).to.equal('confirmed');
      expect(await statusFor(body.id)).to.equal('confirmed');
      const twice = expectError(await decide(body.id, 'confirm'), 409, 'conflict');
      expect(twice.message).to.contain('confirmed');
      expectError(await decide(body.id, 'decline'), 409, 'conflict');
    });

    it('declines a request, which the client then sees', async () => {
      const { body } = await requestAppointment(chenRequest());
      const declined = await decide(body.id, 'decline', { note: 'I am away that day.' });
      expect(declined.status).to.equal(200);
      expect(declined.body.status).to.equal('declined');
      expect(await statusFor(body.id)).to.equal('declined');
      expect((await inbox()).find((a) => a.id === body.id)?.status).to.equal('declined');
    });

    it('frees the time of a declined request', async () => {
      const { body } = await requestAppointment(chenRequest());
      await decide(body.id, 'decline');
      expect((await requestAppointment(chenRequest(), 'client-taylor')).status).to.equal(201);
    });

    it('confirms without a body, but wants a JSON body to decline (400)', async () => {
      const { body } = await requestAppointment(chenRequest());
      const bare = (decision: string) =>
        fetch(`/api/practice/appointments/${body.id}/${decision}`, { method: 'POST', headers: { Authorization: `Bearer ${frontDesk}` } });
      const declined = await bare('decline');
      expect(declined.status).to.equal(400);
      expect(((await declined.json()) as ErrorBody).error.code).to.equal('bad-request');
      expect(await statusFor(body.id)).to.equal('unconfirmed');
      const confirmed = await bare('confirm');
      expect(confirmed.status).to.equal(200);
      expect(await statusFor(body.id)).to.equal('confirmed');
    });

    it('answers a decision on an unknown appointment with 404', async () => {
      expectError(await decide('apt-nobody', 'confirm'), 404, 'not-found');
      expectError(await decide('apt-nobody', 'decline'), 404, 'not-found');
    });

    it('turns self-scheduling off, so availability is refused with 422, and on again', async () => {
      const off = await call<Provider>('/practice/providers/dr-chen/self-scheduling', {
        method: 'PUT',
        client: frontDesk,
        body: { selfScheduling: false },
      });
      expect(off.status).to.equal(200);
      expect(off.body).to.include({ id: 'dr-chen', selfScheduling: false });
      const providers = (await call<{ providers: Provider[] }>('/providers')).body.providers;
      expect(providers.find((p) => p.id === 'dr-chen')?.selfScheduling).to.equal(false);
      const query = new URLSearchParams({
        provider: 'dr-chen',
        location: 'riverside',
        service: 'individual-50',
        start: nyTime(7, '00:00'),
        end: nyTime(14, '00:00'),
      });
      const refused = expectError(await call(`/availability?${query}`), 422, 'rule-violation');
      expect(refused.problems).to.deep.equal([{ code: 'provider-not-self-scheduling' }]);
      const request = expectError(await requestAppointment(chenRequest()), 422, 'rule-violation');
      expect(request.problems!.map((p) => p.code)).to.include('provider-not-self-scheduling');

      const on = await call<Provider>('/practice/providers/dr-chen/self-scheduling', {
        method: 'PUT',
        client: frontDesk,
        body: { selfScheduling: true },
      });
      expect(on.body.selfScheduling).to.equal(true);
      expect((await call(`/availability?${query}`)).status).to.equal(200);
    });

    it('refuses a malformed self-scheduling body (400) and an unknown provider (404)', async () => {
      const path = '/practice/providers/dr-chen/self-scheduling';
      expectError(await call(path, { method: 'PUT', client: frontDesk, body: { selfScheduling: 'no' } }), 400, 'bad-request');
      expectError(await call(path, { method: 'PUT', client: frontDesk, rawBody: 'off' }), 400, 'bad-request');
      expectError(
        await call('/practice/providers/dr-nobody/self-scheduling', { method: 'PUT', client: frontDesk, body: { selfScheduling: false } }),
        404,
        'not-found',
      );
    });
  });

  describe('the practice API: who may call it, and what staff may do', () => {
    let clock: { now: number };
    beforeEach(async () => {
      const created = createTestPractice();
      clock = created.clock;
      await serveMockApi(created.practice);
      // No staff cookie from an earlier test's sign-in stays in this browser: the tests' credentials are their own.
      await call('/practice/auth/sign-out', { method: 'POST', client: 'staff:front-desk', body: {} });
    });
    const maya = 'staff:maya-chen';
    const routes: Array<[string, string, unknown?]> = [
      ['GET', '/practice/appointments'],
      ['POST', '/practice/appointments/seed-2/confirm', {}],
      ['POST', '/practice/appointments/seed-2/decline', {}],
      ['GET', '/practice/settings'],
      ['PUT', '/practice/providers/dr-chen/self-scheduling', { selfScheduling: false }],
      ['PUT', '/practice/providers/dr-chen/schedules/riverside', { weekly: [] }],
      ['GET', '/practice/outbox'],
      ['GET', '/practice/auth/session'],
      ['POST', '/practice/auth/sign-out', {}],
    ];

    it('refuses every practice route to nobody (401) and to a client (403), and changes nothing', async () => {
      for (const [method, path, body] of routes) {
        expectError(await call(path, { method, client: null, body }), 401, 'unauthorized');
        expectError(await call(path, { method, client: demoClientId, body }), 403, 'forbidden');
      }
      const seed2 = (await call<{ appointments: Appointment[] }>('/appointments')).body.appointments.find((a) => a.id === 'seed-2');
      expect(seed2?.status).to.equal('unconfirmed');
    });

    it('signs staff in with their password, and answers a wrong password as it answers an unknown address', async () => {
      const signIn = (email: string, password: string) =>
        call<{ staff: { id: string; providerId?: string } }>('/practice/auth/sign-in', { method: 'POST', client: null, body: { email, password } });
      const ok = await signIn('Maya.Chen@riverside-counseling.example', 'riverside-demo');
      expect(ok.status).to.equal(200);
      expect(ok.body.staff).to.deep.include({ id: 'maya-chen', providerId: 'dr-chen' });
      const wrong = expectError(await signIn('maya.chen@riverside-counseling.example', 'riverside-demO'), 401, 'unauthorized');
      const unknown = expectError(await signIn('nobody@riverside-counseling.example', 'riverside-demo'), 401, 'unauthorized');
      expect(unknown.message).to.equal(wrong.message);
      expectError(await call('/practice/auth/sign-in', { method: 'POST', client: null, body: { email: 'x@example.org' } }), 400, 'bad-request');
    });

    it("keeps a therapist to their own: another's appointment is not found, the policy is not theirs", async () => {
      const listed = (await call<{ appointments: Appointment[] }>('/practice/appointments', { client: maya })).body.appointments;
      expect(new Set(listed.map((a) => a.provider.id))).to.deep.equal(new Set(['dr-chen']));
      // seed-2 is Jordan Alvarez's request.
      expectError(await call('/practice/appointments/seed-2/confirm', { method: 'POST', client: maya, body: {} }), 404, 'not-found');
      expectError(await call('/practice/providers/jordan-alvarez/self-scheduling', { method: 'PUT', client: maya, body: { selfScheduling: false } }), 403, 'forbidden');
      const policy = (await call<{ policy: unknown }>('/practice/settings', { client: frontDesk })).body.policy;
      expectError(await call('/practice/policy', { method: 'PUT', client: maya, body: policy }), 403, 'forbidden');
      expect((await call('/practice/policy', { method: 'PUT', client: frontDesk, body: policy })).status).to.equal(200);
    });

    it('refuses hours whose window or break does not start before it ends, and a notice longer than the horizon (400), as the server does', async () => {
      const path = '/practice/providers/dr-chen/schedules/riverside';
      const hours = (start: string, end: string) => ({ weekly: [{ weekday: 1, start, end }] });
      expect((await call(path, { method: 'PUT', client: frontDesk, body: hours('09:00', '09:01') })).status).to.equal(200);
      const flat = expectError(await call(path, { method: 'PUT', client: frontDesk, body: hours('09:00', '09:00') }), 400, 'bad-request');
      expect(flat.message).to.contain('weekly[0]');
      const pause = { ...hours('09:00', '17:00'), breaks: [{ start: '13:00', end: '12:00' }] };
      expect(expectError(await call(path, { method: 'PUT', client: frontDesk, body: pause }), 400, 'bad-request').message).to.contain('breaks[0]');

      const policy = { minimumNoticeMinutes: 24 * 60, horizonDays: 1, slotStepMinutes: 15, manageCutoffHours: 24 };
      expect((await call('/practice/policy', { method: 'PUT', client: frontDesk, body: policy })).status).to.equal(200);
      const beyond = { ...policy, minimumNoticeMinutes: 24 * 60 + 1 };
      expectError(await call('/practice/policy', { method: 'PUT', client: frontDesk, body: beyond }), 400, 'bad-request');
    });

    it('signs out only a member of staff (401 for nobody, 403 for a client)', async () => {
      expectError(await call('/practice/auth/sign-out', { method: 'POST', client: null, body: {} }), 401, 'unauthorized');
      expectError(await call('/practice/auth/sign-out', { method: 'POST', client: demoClientId, body: {} }), 403, 'forbidden');
      expect((await call('/practice/auth/sign-out', { method: 'POST', client: frontDesk, body: {} })).status).to.equal(200);
    });

    it('filters the list by status, therapist and range', async () => {
      const list = async (query: string) =>
        (await call<{ appointments: Appointment[] }>(`/practice/appointments?${query}`, { client: frontDesk })).body.appointments.map((a) => a.id);
      expect(await list('status=unconfirmed')).to.deep.equal(['seed-5', 'seed-2']);
      expect(await list('status=unconfirmed&provider=jordan-alvarez')).to.deep.equal(['seed-2']);
      expect(await list('status=confirmed,declined&provider=dr-chen')).to.deep.equal(['seed-3', 'seed-1', 'seed-4']);
      expectError(await call('/practice/appointments?status=waiting', { client: frontDesk }), 400, 'bad-request');
      expectError(await call('/practice/appointments?start=today', { client: frontDesk }), 400, 'bad-request');
    });

    it('shows the client the note of a decline, trimmed; a note of 1000 characters is taken and 1001 refused', async () => {
      expectError(await call('/practice/appointments/seed-5/decline', { method: 'POST', client: frontDesk, body: { note: 'x'.repeat(1001) } }), 400, 'bad-request');
      const declined = await call<Appointment>('/practice/appointments/seed-2/decline', {
        method: 'POST',
        client: frontDesk,
        body: { note: '  Jordan is away that week; please choose another.  ' },
      });
      expect(declined.body.declineNote).to.equal('Jordan is away that week; please choose another.');
      const seen = (await call<{ appointments: Appointment[] }>('/appointments')).body.appointments.find((a) => a.id === 'seed-2');
      expect(seen).to.deep.include({ status: 'declined', declineNote: 'Jordan is away that week; please choose another.' });
      const long = await call<Appointment>('/practice/appointments/seed-5/decline', { method: 'POST', client: frontDesk, body: { note: 'y'.repeat(1000) } });
      expect(long.body.declineNote).to.have.length(1000);
    });

    it('flags and refuses a request whose time has passed: a minute before its start it confirms', async () => {
      const seed5 = (await call<{ appointments: Appointment[] }>('/practice/appointments?status=unconfirmed&provider=dr-chen', { client: frontDesk })).body;
      const start = Date.parse(seed5.appointments[0].start);
      clock.now = start;
      type Listed = Appointment & { conflicts: Array<{ code: string }> };
      const listed = (await call<{ appointments: Listed[] }>('/practice/appointments?status=unconfirmed&provider=dr-chen', { client: frontDesk })).body.appointments;
      expect(listed[0].conflicts.map((c) => c.code)).to.deep.equal(['in-the-past']);
      const refused = expectError(await call('/practice/appointments/seed-5/confirm', { method: 'POST', client: frontDesk, body: {} }), 409, 'conflict');
      expect(refused.message).to.contain('passed');
      clock.now = start - 60_000;
      expect((await call('/practice/appointments/seed-5/confirm', { method: 'POST', client: frontDesk, body: {} })).status).to.equal(200);
    });

    it('flags and refuses a request on a day the therapist has since taken off', async () => {
      // seed-2: Jordan Alvarez, telehealth, 17:00 New York time three days after NOW.
      const settings = (await call<{ providers: Array<{ provider: { id: string }; schedules: Array<{ locationId: string; weekly: unknown[]; breaks?: unknown[] }> }> }>('/practice/settings', { client: frontDesk })).body;
      const telehealth = settings.providers.find((p) => p.provider.id === 'jordan-alvarez')!.schedules.find((s) => s.locationId === 'telehealth')!;
      const seed2 = (await call<{ appointments: Appointment[] }>('/practice/appointments?provider=jordan-alvarez&status=unconfirmed', { client: frontDesk })).body.appointments[0];
      const day = new Intl.DateTimeFormat('en-CA', { timeZone: 'America/New_York' }).format(new Date(seed2.start));
      const put = await call('/practice/providers/jordan-alvarez/schedules/telehealth', {
        method: 'PUT',
        client: frontDesk,
        body: { weekly: telehealth.weekly, breaks: telehealth.breaks, daysOff: [day] },
      });
      expect(put.status).to.equal(200);
      type Listed = Appointment & { conflicts: Array<{ code: string }> };
      const listed = (await call<{ appointments: Listed[] }>('/practice/appointments?provider=jordan-alvarez&status=unconfirmed', { client: frontDesk })).body.appointments;
      expect(listed[0].conflicts.map((c) => c.code)).to.deep.equal(['outside-hours']);
      expectError(await call('/practice/appointments/seed-2/confirm', { method: 'POST', client: frontDesk, body: {} }), 409, 'conflict');
      expect((await call('/practice/appointments/seed-2/decline', { method: 'POST', client: frontDesk, body: {} })).status).to.equal(200);
    });
  });

  describe('the outbox', () => {
    const decide = (id: string, decision: 'confirm' | 'decline', body: unknown = {}) =>
      call(`/practice/appointments/${id}/${decision}`, { method: 'POST', client: frontDesk, body });
    const mailsFor = async (id: string) => (await outbox()).filter((mail) => mail.appointmentId === id);

    it('starts empty', async () => {
      expect(await outbox()).to.deep.equal([]);
    });

    it("records a request's e-mails to the client and to the practice", async () => {
      const { body } = await requestAppointment(chenRequest());
      const mails = await mailsFor(body.id);
      expect(mails.map((m) => [m.kind, m.to])).to.deep.equal([
        ['request-received', alexEmail],
        ['new-request', practiceEmail],
      ]);
      for (const mail of mails) {
        expect(mail.subject).to.be.a('string').and.not.equal('');
        expect(mail.body).to.contain('Individual Therapy');
        expect(mail.body).to.contain('Dr. Maya Chen');
      }
    });

    it('records nothing for a refused or replayed request', async () => {
      const taken = { ...chenRequest(), start: nyTime(7, '14:00'), end: nyTime(7, '14:50') };
      await requestAppointment(taken);
      expect(await outbox()).to.deep.equal([]);
      const key = newKey();
      await requestAppointment(chenRequest(), demoClientId, key);
      await requestAppointment(chenRequest(), demoClientId, key);
      expect(await outbox()).to.have.length(2);
    });

    it('records the confirmation, to the client', async () => {
      const { body } = await requestAppointment(chenRequest());
      await decide(body.id, 'confirm');
      const mails = await mailsFor(body.id);
      expect(mails.map((m) => [m.kind, m.to])).to.deep.equal([
        ['request-received', alexEmail],
        ['new-request', practiceEmail],
        ['confirmed', alexEmail],
      ]);
    });

    it("records the decline, to the client, with the therapist's note", async () => {
      const { body } = await requestAppointment(chenRequest());
      await decide(body.id, 'decline', { note: 'I am away that day.' });
      const declined = (await mailsFor(body.id)).filter((m) => m.kind === 'declined');
      expect(declined).to.have.length(1);
      expect(declined[0].to).to.equal(alexEmail);
      expect(declined[0].body).to.contain('I am away that day.');
    });

    it("records the client's cancellation, to the client", async () => {
      const cancelled = await call<Appointment>('/appointments/seed-1/cancel', {
        method: 'POST',
        body: { reason: 'Feeling better' },
        idempotencyKey: newKey(),
      });
      expect(cancelled.status).to.equal(200);
      expect(cancelled.body.status).to.equal('cancelled');
      const mails = await mailsFor('seed-1');
      expect(mails.map((m) => [m.kind, m.to])).to.deep.equal([['cancelled', alexEmail]]);
    });

    it('records e-mails in order across a whole story', async () => {
      const first = (await requestAppointment(chenRequest(9, '09:00'))).body;
      const second = (await requestAppointment(chenRequest(9, '13:00'))).body;
      await decide(first.id, 'confirm');
      await decide(second.id, 'decline');
      await call(`/appointments/${first.id}/cancel`, { method: 'POST', body: {}, idempotencyKey: newKey() });
      const toClient = (await outbox()).filter((m) => m.to === alexEmail);
      expect(toClient.map((m) => [m.kind, m.appointmentId])).to.deep.equal([
        ['request-received', first.id],
        ['request-received', second.id],
        ['confirmed', first.id],
        ['declined', second.id],
        ['cancelled', first.id],
      ]);
      expect((await outbox()).filter((m) => m.kind === 'new-request')).to.have.length(2);
    });
  });

  describe('the sign-in stand-in (/auth/…)', () => {
    afterEach(async () => {
      // msw keeps a mocked Set-Cookie for the rest of the run: sign out.
      await call('/auth/sign-out', { method: 'POST', client: null, body: {} });
    });

    it('answers a link request with 202 and the same words for any address, and 429 from the 4th for one address', async () => {
      const known = await call<{ message: string }>('/auth/email-link', { method: 'POST', client: null, body: { email: alexEmail } });
      const unknown = await call<{ message: string }>('/auth/email-link', { method: 'POST', client: null, body: { email: 'nobody@example.org' } });
      expect(known.status).to.equal(202);
      expect(unknown).to.deep.equal(known);
      // One address however it is written.
      await call('/auth/email-link', { method: 'POST', client: null, body: { email: ` ${alexEmail.toUpperCase()} ` } });
      expect((await call('/auth/email-link', { method: 'POST', client: null, body: { email: alexEmail } })).status).to.equal(202);
      expectError(await call('/auth/email-link', { method: 'POST', client: null, body: { email: alexEmail } }), 429, 'server');
      // Another address is still answered; a fresh practice starts from none.
      expect((await call('/auth/email-link', { method: 'POST', client: null, body: { email: 'nobody@example.org' } })).status).to.equal(202);
      await serveMockApi(createTestPractice().practice);
      expect((await call('/auth/email-link', { method: 'POST', client: null, body: { email: alexEmail } })).status).to.equal(202);
    });

    it('answers a link request without an address with 400', async () => {
      expectError(await call('/auth/email-link', { method: 'POST', client: null, body: { email: 'not an address' } }), 400, 'bad-request');
      expectError(await call('/auth/email-link', { method: 'POST', client: null, body: {} }), 400, 'bad-request');
    });

    it('signs in with demo-token-<client id> (the demo-client cookie), and refuses any other token with 401', async () => {
      expectError(await call('/auth/email-link/verify', { method: 'POST', client: null, body: { token: 'demo-token-client-nobody' } }), 401, 'unauthorized');
      expectError(await call('/auth/email-link/verify', { method: 'POST', client: null, body: { token: 'client-alex' } }), 401, 'unauthorized');
      expectError(await call('/auth/session', { client: null }), 401, 'unauthorized');

      const verified = await call('/auth/email-link/verify', { method: 'POST', client: null, body: { token: 'demo-token-client-alex' } });
      expect(verified).to.deep.equal({ status: 200, body: { client: { id: 'client-alex', name: 'Alex Rivera' } } });
      // The cookie now says who the client is, with no bearer token.
      expect(await call('/auth/session', { client: null })).to.deep.equal(verified);
      expect((await call('/providers', { client: null })).status).to.equal(200);

      expect(await call('/auth/sign-out', { method: 'POST', client: null, body: {} })).to.deep.equal({ status: 200, body: { signedOut: true } });
      expectError(await call('/auth/session', { client: null }), 401, 'unauthorized');
      expectError(await call('/providers', { client: null }), 401, 'unauthorized');
    });
  });
});
