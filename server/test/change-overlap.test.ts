/**
 * A change over the appointment's own old time, on the reference server (PGlite) over HTTP: with
 * `exceptAppointmentId`, `GET /availability` shows the client's appointment being changed as open
 * and `POST /appointments/validate` lets a new time overlap it, as `PUT /appointments/{id}` does;
 * another client's appointment, or an unknown one, is refused as the PUT refuses it (404). Every
 * answer is checked against docs/openapi.yaml.
 *
 * The practice here takes starts on every minute, so a change can overlap its old time by exactly
 * one minute. seed-1 is Alex's with Dr. Chen at the office, Monday 7 December 10:00–10:50 New York
 * time (15:00–15:50 UTC); seed-4 is Taylor's, the same day 14:00–14:50.
 */
import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, test } from 'node:test';
import { replacePractice } from '../src/seed.js';
import { type ContractResponse, contractFetch } from './openapi.js';
import { NOW, demoSeed, startTestServer } from './support.js';

const MINUTE = 60_000;
const alex = { Authorization: 'Bearer client-alex' };
const taylor = { Authorization: 'Bearer client-taylor' };

/** Monday 7 December 2026 at a New York wall-clock time (UTC−5), as ISO. */
const monday = (time: string) => new Date(Date.parse(`2026-12-07T${time}:00-05:00`)).toISOString();

const seed = structuredClone(demoSeed(NOW));
seed.policy.slotStepMinutes = 1;

/** A 50-minute Individual Therapy with Dr. Chen at the office, starting on Monday at `time`. */
function chenMonday(time: string) {
  const start = monday(time);
  return {
    providerId: 'dr-chen',
    locationId: 'riverside',
    serviceId: 'individual-50',
    start,
    end: new Date(Date.parse(start) + 50 * MINUTE).toISOString(),
  };
}

const morning = { provider: 'dr-chen', location: 'riverside', service: 'individual-50', start: monday('09:00'), end: monday('12:00') };

describe('a change over its own old time (exceptAppointmentId) on the reference server', () => {
  let server: Awaited<ReturnType<typeof startTestServer>>;

  before(async () => {
    server = await startTestServer({}, { seed });
  });
  after(() => server?.stop());
  beforeEach(async () => {
    server.clock.now = NOW;
    await server.db.transaction((tx) => replacePractice(tx, seed));
  });

  const availability = (query: Record<string, string>, headers: Record<string, string> = alex) =>
    contractFetch(`${server.url}/api/availability?${new URLSearchParams(query)}`, { headers });

  const validate = (body: unknown, query = '', headers: Record<string, string> = alex) =>
    contractFetch(`${server.url}/api/appointments/validate${query}`, {
      method: 'POST',
      headers: { ...headers, 'Content-Type': 'application/json' },
      body: JSON.stringify(body),
    });

  function assertError(answer: ContractResponse, status: number, code: string) {
    assert.equal(answer.status, status, `expected ${status}, got ${answer.status}: ${JSON.stringify(answer.body)}`);
    assert.equal(answer.body.error.code, code);
  }

  test("GET /availability opens the changed appointment's own time to the minute, only when asked", async () => {
    const asIs = await availability(morning);
    assert.equal(asIs.status, 200);
    assert.deepEqual(asIs.body.open, [
      { start: monday('09:00'), end: monday('10:00') },
      { start: monday('10:50'), end: monday('12:00') },
    ]);
    const changing = await availability({ ...morning, exceptAppointmentId: 'seed-1' });
    assert.equal(changing.status, 200);
    assert.deepEqual(changing.body.open, [{ start: monday('09:00'), end: monday('12:00') }]);
  });

  test('POST /appointments/validate takes a one-minute overlap at either end of the old time as a change, not as a new request', async () => {
    for (const time of ['09:11', '10:49']) {
      const asChange = await validate(chenMonday(time), '?exceptAppointmentId=seed-1');
      assert.equal(asChange.status, 200);
      assert.deepEqual(asChange.body, { ok: true, problems: [] }, `${time} as a change of seed-1`);
      const asNew = await validate(chenMonday(time));
      assert.equal(asNew.body.ok, false, `${time} as a new request`);
      assert.ok(
        asNew.body.problems.some((problem: { code: string }) => problem.code === 'overlaps-own-appointment'),
        `${time} as a new request: ${JSON.stringify(asNew.body.problems)}`,
      );
    }
  });

  test('the minutes just before and after the old time are free either way', async () => {
    for (const time of ['09:10', '10:50']) {
      assert.deepEqual((await validate(chenMonday(time))).body, { ok: true, problems: [] }, `${time} as a new request`);
      assert.deepEqual((await validate(chenMonday(time), '?exceptAppointmentId=seed-1')).body, { ok: true, problems: [] }, `${time} as a change`);
    }
  });

  test('what validate accepts as a change, PUT makes', async () => {
    assert.deepEqual((await validate(chenMonday('10:49'), '?exceptAppointmentId=seed-1')).body, { ok: true, problems: [] });
    const moved = await contractFetch(`${server.url}/api/appointments/seed-1`, {
      method: 'PUT',
      headers: { ...alex, 'Content-Type': 'application/json', 'Idempotency-Key': 'change-overlap-1' },
      body: JSON.stringify(chenMonday('10:49')),
    });
    assert.equal(moved.status, 200, JSON.stringify(moved.body));
    assert.equal(moved.body.start, monday('10:49'));
  });

  test("another client's appointment, an unknown one, or one no row can hold is 404, as the change itself answers", async () => {
    for (const exceptAppointmentId of ['seed-4', 'no-such-appointment', 'seed-1\u0000']) {
      assertError(await availability({ ...morning, exceptAppointmentId }), 404, 'not-found');
      assertError(await validate(chenMonday('14:00'), `?${new URLSearchParams({ exceptAppointmentId })}`), 404, 'not-found');
    }
    // Taylor may leave out her own 14:00 (seed-4); Alex may not leave out hers.
    const afternoon = { ...morning, start: monday('13:00'), end: monday('17:00') };
    assert.deepEqual((await availability({ ...afternoon, exceptAppointmentId: 'seed-4' }, taylor)).body.open, [
      { start: monday('13:00'), end: monday('17:00') },
    ]);
    assert.deepEqual((await validate(chenMonday('13:15'), '?exceptAppointmentId=seed-4', taylor)).body, { ok: true, problems: [] });
    assertError(await validate(chenMonday('13:15'), '?exceptAppointmentId=seed-4'), 404, 'not-found');
  });

  test('an empty or repeated exceptAppointmentId is 400', async () => {
    for (const query of ['exceptAppointmentId=', 'exceptAppointmentId=seed-1&exceptAppointmentId=seed-1']) {
      assertError(await contractFetch(`${server.url}/api/availability?${new URLSearchParams(morning)}&${query}`, { headers: alex }), 400, 'bad-request');
      assertError(await validate(chenMonday('10:49'), `?${query}`), 400, 'bad-request');
    }
  });

  test('availability still needs a signed-in client', async () => {
    assertError(await availability({ ...morning, exceptAppointmentId: 'seed-1' }, {}), 401, 'unauthorized');
  });

  test('a cancelled own appointment is taken without error: it holds no time', async () => {
    const cancelled = await contractFetch(`${server.url}/api/appointments/seed-1/cancel`, {
      method: 'POST',
      headers: { ...alex, 'Content-Type': 'application/json', 'Idempotency-Key': 'change-overlap-cancel' },
      body: '{}',
    });
    assert.equal(cancelled.status, 200);
    const changing = await availability({ ...morning, exceptAppointmentId: 'seed-1' });
    assert.deepEqual(changing.body.open, [{ start: monday('09:00'), end: monday('12:00') }]);
    assert.deepEqual((await validate(chenMonday('10:49'), '?exceptAppointmentId=seed-1')).body, { ok: true, problems: [] });
  });
});
