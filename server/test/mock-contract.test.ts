/**
 * The mock API (mock-api/: msw handlers over the in-memory Practice, the demo's and the browser
 * tests' backend) against docs/openapi.yaml, as http.test.ts holds the reference server to it:
 * every operation of the contract, its success and each documented error the mock can give, each
 * answer checked with checkContract. The handlers run in Node through msw's `getResponse`, at a
 * fixed moment, on the demo practice.
 *
 * The last test checks the coverage itself: every documented operation and status was answered
 * here, or is in `notGivenByTheMock` with the reason, so an operation or status added to the
 * contract fails this file until the mock is driven through it.
 */
import assert from 'node:assert/strict';
import { describe, mock, test } from 'node:test';
import { getResponse } from 'msw';
import { Practice } from '../../src/adapters/memory/practice.js';
import { createDemoPractice, demoStaffPassword } from '../../mock-api/demo-practice.js';
import { createHandlers } from '../../mock-api/handlers.js';
import { type Operation, checkContract, documentedOperations } from './openapi.js';

type Body = Record<string, unknown>;

/** Tuesday 1 December 2026, 10:00 in New York, as in the contract's examples. */
const NOW = Date.parse('2026-12-01T15:00:00Z');
const practice = new Practice(createDemoPractice(NOW), { now: () => NOW });
const handlers = createHandlers(practice, { baseUrl: '*/api' });

const alex = 'Bearer client-alex';
const frontDesk = 'Bearer staff:front-desk';
/** Dr. Chen's staff account: a therapist, who sees and decides only her own. */
const maya = 'Bearer staff:maya-chen';
const jordan = 'Bearer staff:jordan-alvarez';

/** Operations and statuses (as the document keys them: `200`, `4XX`, `default`) the mock answered. */
const answered = new Map<string, Set<string>>();

interface CallOptions {
  /** The Authorization header; none when null. */
  as?: string | null;
  /** An object is sent as JSON; a string as it is. */
  body?: Body | string;
  key?: string;
}

let keys = 0;
/** A fresh Idempotency-Key. */
const freshKey = () => `mock-contract-${++keys}`;

/**
 * One request to the mock; its answer checked against the document and its status against
 * `expected`. Returns the JSON body.
 */
async function call(method: string, path: string, expected: number, { as = alex, body, key }: CallOptions = {}): Promise<Body> {
  const headers: Record<string, string> = { Accept: 'application/json' };
  if (as) headers.Authorization = as;
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  if (key !== undefined) headers['Idempotency-Key'] = key;
  const init: RequestInit = { method, headers };
  if (body !== undefined) init.body = typeof body === 'string' ? body : JSON.stringify(body);
  const response = await getResponse(handlers, new Request(`http://mock.test/api${path}`, init));
  assert.ok(response, `the mock has no handler for ${method} ${path}`);
  const json = (await response.json()) as Body;
  const operationId = checkContract(method, `/api${path}`, response.status, json, response.headers.get('Content-Type'));
  assert.ok(operationId, `docs/openapi.yaml documents no operation for ${method} ${path}`);
  assert.equal(response.status, expected, `${method} ${path} answered ${response.status}: ${JSON.stringify(json)}`);
  recordAnswer(operationId, response.status);
  return json;
}

function recordAnswer(operationId: string, status: number): void {
  const statuses = answered.get(operationId) ?? new Set<string>();
  answered.set(operationId, statuses);
  statuses.add(documentedKey(operationId, status));
}

/** An open live-events stream: its events as they come (each the raw lines of one), and a way to hang up. */
interface OpenStream {
  response: Response;
  /** The next event or comment block, or undefined when the stream ended; fails after `withinMs`. */
  next(withinMs?: number): Promise<string | undefined>;
  /** Hangs up as a client going away does: the request's signal aborts. */
  hangUp(): void;
  /** Stops reading, as a reader that cancels the body does. */
  cancel(): Promise<void>;
}

/**
 * Opens a live-events stream on the mock (GET, `Accept: text/event-stream`); the answer is checked
 * against the document by its Content-Type (a stream is not JSON) and its status against `expected`.
 */
async function openStream(path: string, expected: number, { as = alex, lastEventId }: { as?: string | null; lastEventId?: string } = {}): Promise<OpenStream> {
  const headers: Record<string, string> = { Accept: 'text/event-stream' };
  if (as) headers.Authorization = as;
  if (lastEventId !== undefined) headers['Last-Event-ID'] = lastEventId;
  const hangUp = new AbortController();
  const response = await getResponse(handlers, new Request(`http://mock.test/api${path}`, { headers, signal: hangUp.signal }));
  assert.ok(response, `the mock has no handler for GET ${path}`);
  const contentType = response.headers.get('Content-Type');
  const streamed = contentType?.startsWith('text/event-stream') ?? false;
  const body = streamed ? undefined : ((await response.json()) as Body);
  const operationId = checkContract('GET', `/api${path}`, response.status, body, contentType);
  assert.ok(operationId, `docs/openapi.yaml documents no operation for GET ${path}`);
  assert.equal(response.status, expected, `GET ${path} answered ${response.status}: ${JSON.stringify(body)}`);
  recordAnswer(operationId, response.status);
  const reader = streamed ? response.body!.getReader() : undefined;
  const decoder = new TextDecoder();
  let buffered = '';
  return {
    response,
    async next(withinMs = 1000) {
      assert.ok(reader, 'no stream to read');
      const deadline = Date.now() + withinMs;
      while (!buffered.includes('\n\n')) {
        let timer: ReturnType<typeof setTimeout> | undefined;
        const late = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`no event within ${withinMs} ms; so far: ${JSON.stringify(buffered)}`)), Math.max(0, deadline - Date.now()))));
        const chunk = await Promise.race([reader.read(), late]).finally(() => clearTimeout(timer));
        if (chunk.done) return undefined;
        buffered += decoder.decode(chunk.value, { stream: true });
      }
      const end = buffered.indexOf('\n\n');
      const block = buffered.slice(0, end);
      buffered = buffered.slice(end + 2);
      return block;
    },
    hangUp: () => hangUp.abort(),
    cancel: () => reader!.cancel(),
  };
}

/** An SSE block's fields (the last of each name), e.g. `{ event: 'ready', id: '3', data: '{}' }`. */
function fieldsOf(block: string | undefined): Record<string, string> {
  assert.ok(block !== undefined, 'the stream ended');
  return Object.fromEntries(block.split('\n').map((line) => [line.slice(0, line.indexOf(':')), line.slice(line.indexOf(':') + 1).trimStart()]));
}

function documentedKey(operationId: string, status: number): string {
  const { responses } = documentedOperations().find((op) => op.operationId === operationId)!;
  return [String(status), `${String(status)[0]}XX`, 'default'].find((key) => key in responses)!;
}

/** A request for Dr. Chen at the Riverside Office, Individual Therapy (50 minutes), New York time. */
function chenAt(date: string, from: string, to: string, overrides: Body = {}): Body {
  return { providerId: 'dr-chen', locationId: 'riverside', serviceId: 'individual-50', start: `${date}T${from}:00-05:00`, end: `${date}T${to}:00-05:00`, ...overrides };
}
/** Wednesday 9 December, 9:00: free with Dr. Chen at Riverside. */
const wednesday = chenAt('2026-12-09', '09:00', '09:50');
/** Friday 11 December, 9:00: free too. */
const friday = chenAt('2026-12-11', '09:00', '09:50');
const week = 'provider=dr-chen&location=riverside&service=individual-50&start=2026-12-07T05%3A00%3A00Z&end=2026-12-14T05%3A00%3A00Z';

describe('the mock API against the contract: the catalog', () => {
  test('lists the providers, and asks who is calling', async () => {
    assert.equal(((await call('GET', '/providers', 200)).providers as unknown[]).length, 3);
    await call('GET', '/providers', 401, { as: null });
  });

  test("lists a provider's locations; 404 for no such provider", async () => {
    await call('GET', '/providers/dr-chen/locations', 200);
    await call('GET', '/providers/nobody/locations', 404);
    await call('GET', '/providers/dr-chen/locations', 401, { as: null });
  });

  test('lists the services at a location; 404 for no such location', async () => {
    await call('GET', '/providers/dr-chen/locations/riverside/services', 200);
    await call('GET', '/providers/dr-chen/locations/nowhere/services', 404);
    await call('GET', '/providers/dr-chen/locations/riverside/services', 401, { as: null });
  });
});

describe('the mock API against the contract: availability', () => {
  test('answers a week of open time', async () => {
    const availability = await call('GET', `/availability?${week}`, 200);
    assert.ok((availability.open as unknown[]).length > 0);
  });

  test('refuses a missing or reversed range, an unknown service and a provider who does not self-schedule', async () => {
    await call('GET', '/availability?location=riverside&service=individual-50&start=2026-12-07T05%3A00%3A00Z&end=2026-12-14T05%3A00%3A00Z', 400);
    await call('GET', `/availability?${week.replace('start=2026-12-07', 'start=2026-12-20')}`, 400);
    await call('GET', `/availability?${week.replace('individual-50', 'yoga')}`, 404);
    await call('GET', `/availability?${week.replace('dr-chen', 'sam-okafor')}`, 422);
    await call('GET', `/availability?${week}`, 401, { as: null });
  });
});

describe("the mock API against the contract: the client's appointments", () => {
  let requested = '';

  test('lists them, in a range or all', async () => {
    await call('GET', '/appointments', 200);
    await call('GET', '/appointments?start=2026-12-07T05%3A00%3A00Z&end=2026-12-14T05%3A00%3A00Z', 200);
    await call('GET', '/appointments?start=monday', 400);
    await call('GET', '/appointments', 401, { as: null });
  });

  test('validates a request: free, with problems, malformed, for an unknown service', async () => {
    assert.equal((await call('POST', '/appointments/validate', 200, { body: wednesday })).ok, true);
    const taken = await call('POST', '/appointments/validate', 200, { body: chenAt('2026-12-07', '14:00', '14:50') });
    assert.equal(taken.ok, false);
    await call('POST', '/appointments/validate', 400, { body: { providerId: 'dr-chen' } });
    await call('POST', '/appointments/validate', 404, { body: { ...wednesday, serviceId: 'yoga' } });
    await call('POST', '/appointments/validate', 401, { as: null, body: wednesday });
  });

  test('takes a request, and refuses one without a key, for a taken time, against the rules, or for an unknown service', async () => {
    requested = (await call('POST', '/appointments', 201, { body: wednesday, key: freshKey() })).id as string;
    await call('POST', '/appointments', 400, { body: friday });
    await call('POST', '/appointments', 409, { body: chenAt('2026-12-07', '14:00', '14:50'), key: freshKey() });
    await call('POST', '/appointments', 422, { body: chenAt('2026-12-11', '09:00', '09:30'), key: freshKey() });
    await call('POST', '/appointments', 404, { body: { ...friday, serviceId: 'yoga' }, key: freshKey() });
    await call('POST', '/appointments', 401, { as: null, body: friday, key: freshKey() });
  });

  test('moves a request, and refuses a move that is malformed, of an unknown appointment, onto a taken time, or of a past one', async () => {
    assert.equal((await call('PUT', `/appointments/${requested}`, 200, { body: friday, key: freshKey() })).start, '2026-12-11T14:00:00.000Z');
    await call('PUT', `/appointments/${requested}`, 400, { body: { start: 'friday' }, key: freshKey() });
    await call('PUT', '/appointments/no-such-appointment', 404, { body: friday, key: freshKey() });
    await call('PUT', `/appointments/${requested}`, 409, { body: chenAt('2026-12-07', '14:00', '14:50'), key: freshKey() });
    await call('PUT', '/appointments/seed-3', 422, { body: wednesday, key: freshKey() });
    await call('PUT', `/appointments/${requested}`, 401, { as: null, body: wednesday, key: freshKey() });
  });

  test('cancels, and refuses a cancel without a key, of an unknown appointment, or of a past one', async () => {
    assert.equal((await call('POST', `/appointments/${requested}/cancel`, 200, { body: {}, key: freshKey() })).status, 'cancelled');
    await call('POST', '/appointments/seed-1/cancel', 400, { body: {} });
    await call('POST', '/appointments/no-such-appointment/cancel', 404, { body: {}, key: freshKey() });
    await call('POST', '/appointments/seed-3/cancel', 422, { body: {}, key: freshKey() });
    await call('POST', '/appointments/seed-1/cancel', 401, { as: null, body: {}, key: freshKey() });
  });
});

describe('the mock API against the contract: sign-in by e-mail link (the stand-in)', () => {
  test('sends a link, refuses no address, and limits links per address', async () => {
    for (let sent = 0; sent < 3; sent++) await call('POST', '/auth/email-link', 202, { as: null, body: { email: 'alex.rivera@example.com' } });
    await call('POST', '/auth/email-link', 429, { as: null, body: { email: 'alex.rivera@example.com' } });
    await call('POST', '/auth/email-link', 400, { as: null, body: {} });
  });

  test('signs in by token, refuses a wrong or missing token, and says who is signed in', async () => {
    assert.equal(((await call('POST', '/auth/email-link/verify', 200, { as: null, body: { token: 'demo-token-client-alex' } })).client as Body).id, 'client-alex');
    await call('POST', '/auth/email-link/verify', 401, { as: null, body: { token: 'demo-token-nobody' } });
    await call('POST', '/auth/email-link/verify', 400, { as: null, body: {} });
    await call('GET', '/auth/session', 200);
    await call('GET', '/auth/session', 401, { as: null });
    await call('POST', '/auth/sign-out', 200, { as: null, body: {} });
  });
});

/** A staff route refuses nobody (401) and a client (403). */
async function staffOnly(method: string, path: string, body?: Body): Promise<void> {
  await call(method, path, 401, { as: null, body });
  await call(method, path, 403, { body });
}

describe('the mock API against the contract: the practice API', () => {
  test('signs staff in and out, and refuses a wrong pair, a malformed body, nobody and a client', async () => {
    await call('POST', '/practice/auth/sign-in', 200, { as: null, body: { email: 'frontdesk@riverside-counseling.example', password: demoStaffPassword } });
    await call('POST', '/practice/auth/sign-in', 401, { as: null, body: { email: 'frontdesk@riverside-counseling.example', password: 'guess' } });
    await call('POST', '/practice/auth/sign-in', 400, { as: null, body: { email: 'frontdesk@riverside-counseling.example' } });
    await call('GET', '/practice/auth/session', 200, { as: maya });
    await staffOnly('GET', '/practice/auth/session');
    await call('POST', '/practice/auth/sign-out', 200, { as: maya, body: {} });
    await staffOnly('POST', '/practice/auth/sign-out', {});
  });

  test('lists appointments for staff only, and refuses an unknown status', async () => {
    await call('GET', '/practice/appointments?status=unconfirmed', 200, { as: maya });
    await call('GET', '/practice/appointments', 200, { as: frontDesk });
    await call('GET', '/practice/appointments?status=waiting', 400, { as: frontDesk });
    await staffOnly('GET', '/practice/appointments');
  });

  test("confirms a waiting request, and refuses a second confirm, another therapist's, nobody and a client", async () => {
    assert.equal((await call('POST', '/practice/appointments/seed-5/confirm', 200, { as: maya, body: {} })).status, 'confirmed');
    await call('POST', '/practice/appointments/seed-5/confirm', 409, { as: maya, body: {} });
    await call('POST', '/practice/appointments/seed-2/confirm', 404, { as: maya, body: {} });
    await staffOnly('POST', '/practice/appointments/seed-2/confirm', {});
  });

  test("declines with a note, and refuses a second decline, another therapist's, too long a note, nobody and a client", async () => {
    const declined = await call('POST', '/practice/appointments/seed-2/decline', 200, { as: jordan, body: { note: 'I am away that week.' } });
    assert.equal(declined.declineNote, 'I am away that week.');
    await call('POST', '/practice/appointments/seed-2/decline', 409, { as: jordan, body: {} });
    await call('POST', '/practice/appointments/seed-2/decline', 404, { as: maya, body: {} });
    await call('POST', '/practice/appointments/seed-2/decline', 400, { as: jordan, body: { note: 'x'.repeat(1001) } });
    await staffOnly('POST', '/practice/appointments/seed-2/decline', {});
  });

  test('shows the settings to staff', async () => {
    await call('GET', '/practice/settings', 200, { as: frontDesk });
    await call('GET', '/practice/settings', 200, { as: maya });
    await staffOnly('GET', '/practice/settings');
  });

  test("sets self-scheduling, and refuses a bad body, an unknown provider, another therapist's, nobody and a client", async () => {
    await call('PUT', '/practice/providers/sam-okafor/self-scheduling', 200, { as: frontDesk, body: { selfScheduling: true } });
    await call('PUT', '/practice/providers/sam-okafor/self-scheduling', 400, { as: frontDesk, body: { selfScheduling: 'yes' } });
    await call('PUT', '/practice/providers/nobody/self-scheduling', 404, { as: frontDesk, body: { selfScheduling: true } });
    await call('PUT', '/practice/providers/jordan-alvarez/self-scheduling', 403, { as: maya, body: { selfScheduling: false } });
    await staffOnly('PUT', '/practice/providers/sam-okafor/self-scheduling', { selfScheduling: true });
  });

  test("sets hours, and refuses a window that ends before it starts, an unknown location, another therapist's, nobody and a client", async () => {
    const hours = { weekly: [{ weekday: 1, start: '09:00', end: '17:00' }], breaks: [{ start: '12:00', end: '13:00' }], daysOff: ['2026-12-18'] };
    await call('PUT', '/practice/providers/dr-chen/schedules/riverside', 200, { as: maya, body: hours });
    await call('PUT', '/practice/providers/dr-chen/schedules/riverside', 400, { as: maya, body: { weekly: [{ weekday: 1, start: '17:00', end: '09:00' }] } });
    await call('PUT', '/practice/providers/dr-chen/schedules/nowhere', 404, { as: maya, body: hours });
    await call('PUT', '/practice/providers/jordan-alvarez/schedules/riverside', 403, { as: maya, body: hours });
    await staffOnly('PUT', '/practice/providers/dr-chen/schedules/riverside', hours);
  });

  test('sets the policy for the front desk only, and refuses a notice longer than the horizon, nobody and a client', async () => {
    const policy = { minimumNoticeMinutes: 1440, horizonDays: 60, slotStepMinutes: 15, manageCutoffHours: 24 };
    await call('PUT', '/practice/policy', 200, { as: frontDesk, body: policy });
    await call('PUT', '/practice/policy', 400, { as: frontDesk, body: { ...policy, minimumNoticeMinutes: 61 * 1440 } });
    await call('PUT', '/practice/policy', 403, { as: maya, body: policy });
    await staffOnly('PUT', '/practice/policy', policy);
  });

  test('shows the outbox to staff', async () => {
    assert.ok(((await call('GET', '/practice/outbox', 200, { as: frontDesk })).emails as unknown[]).length > 0);
    await call('GET', '/practice/outbox', 200, { as: maya });
    await staffOnly('GET', '/practice/outbox');
  });
});

const taylor = 'Bearer client-taylor';
/** Dr. Chen at Riverside on Monday 14 December (open under the hours set above), 50 minutes. */
const chenMonday = (from: string, to: string) => chenAt('2026-12-14', from, to);
/** Jordan Alvarez by telehealth on Wednesday 9 December, a 25-minute check-in. */
const jordanWednesday = (from: string, to: string) => ({ providerId: 'jordan-alvarez', locationId: 'telehealth', serviceId: 'check-in-25', start: `2026-12-09T${from}:00-05:00`, end: `2026-12-09T${to}:00-05:00` });

/** Reads `retry` and `ready` off a fresh stream; returns ready's id. */
async function expectOpening(stream: OpenStream): Promise<number> {
  assert.equal(stream.response.headers.get('Cache-Control'), 'no-store');
  assert.deepEqual(fieldsOf(await stream.next()), { retry: '3000' });
  const ready = fieldsOf(await stream.next());
  assert.equal(ready.event, 'ready');
  assert.equal(ready.data, '{}');
  assert.match(ready.id, /^\d+$/, 'the mock has seen changes by now, so ready names the latest');
  return Number(ready.id);
}

describe('the mock API against the contract: live events', () => {
  test("streams the client's own changes only, each as GET /appointments shows it, with increasing ids", async () => {
    const stream = await openStream('/appointments/events', 200);
    const readyId = await expectOpening(stream);
    await call('POST', '/appointments', 201, { as: taylor, body: jordanWednesday('13:00', '13:25'), key: freshKey() });
    const requested = await call('POST', '/appointments', 201, { body: chenMonday('09:00', '09:50'), key: freshKey() });
    const event = fieldsOf(await stream.next());
    assert.equal(event.event, 'appointment');
    assert.equal(Number(event.id), readyId + 2, "Taylor's change took an id and was not sent");
    const listed = ((await call('GET', '/appointments', 200)).appointments as Body[]).find((a) => a.id === requested.id);
    assert.deepEqual(JSON.parse(event.data), listed);
    stream.hangUp();
    await openStream('/appointments/events', 401, { as: null });
  });

  test("streams staff a therapist's own changes and the front desk everyone's, as GET /practice/appointments shows them", async () => {
    const mayas = await openStream('/practice/appointments/events', 200, { as: maya });
    const desks = await openStream('/practice/appointments/events', 200, { as: frontDesk });
    await expectOpening(mayas);
    await expectOpening(desks);
    const jordans = await call('POST', '/appointments', 201, { as: taylor, body: jordanWednesday('14:00', '14:25'), key: freshKey() });
    const chens = await call('POST', '/appointments', 201, { as: taylor, body: chenMonday('10:00', '10:50'), key: freshKey() });
    const mayaHeard = JSON.parse(fieldsOf(await mayas.next()).data) as Body;
    assert.equal(mayaHeard.id, chens.id, "Jordan's appointment is not Dr. Chen's to hear of");
    const mayaList = (await call('GET', '/practice/appointments', 200, { as: maya })).appointments as Body[];
    assert.deepEqual(mayaHeard, mayaList.find((a) => a.id === chens.id));
    assert.deepEqual([JSON.parse(fieldsOf(await desks.next()).data).id, JSON.parse(fieldsOf(await desks.next()).data).id], [jordans.id, chens.id]);
    mayas.hangUp();
    desks.hangUp();
    await openStream('/practice/appointments/events', 401, { as: null });
    await openStream('/practice/appointments/events', 403);
  });

  test('answers a Last-Event-ID it keeps no history for with ready alone', async () => {
    const stream = await openStream('/appointments/events', 200, { lastEventId: '1' });
    await expectOpening(stream);
    await call('POST', '/appointments', 201, { body: chenMonday('11:00', '11:50'), key: freshKey() });
    assert.equal(fieldsOf(await stream.next()).event, 'appointment', 'no replay came before the live event');
    stream.hangUp();
  });

  test('lets go of the practice when the client hangs up or cancels the body', async () => {
    const subscribe = practice.subscribe.bind(practice);
    let listening = 0;
    const counting = mock.method(practice, 'subscribe', (listener: Parameters<Practice['subscribe']>[0]) => {
      listening++;
      const unsubscribe = subscribe(listener);
      return () => {
        listening--;
        unsubscribe();
      };
    });
    try {
      const hungUp = await openStream('/appointments/events', 200);
      const cancelled = await openStream('/practice/appointments/events', 200, { as: frontDesk });
      assert.equal(listening, 2);
      await expectOpening(hungUp);
      hungUp.hangUp();
      assert.equal(await hungUp.next(), undefined, 'the stream ended');
      assert.equal(listening, 1);
      await cancelled.cancel();
      assert.equal(listening, 0);
    } finally {
      counting.mock.restore();
    }
  });

  test('sends a keep-alive comment every 15 seconds', async () => {
    mock.timers.enable({ apis: ['setInterval'] });
    try {
      const stream = await openStream('/appointments/events', 200);
      await expectOpening(stream);
      mock.timers.tick(15_000);
      assert.equal(await stream.next(), ': keep-alive');
      mock.timers.tick(15_000);
      assert.equal(await stream.next(), ': keep-alive');
      stream.hangUp();
    } finally {
      mock.timers.reset();
    }
  });
});

/**
 * What the contract documents and the mock never answers, and why: the reference server's
 * concerns (body limits, media types, cross-site checks, rate limits for staff, a sign-in it may
 * not offer) and the audit, which only the reference server keeps.
 */
function notGivenByTheMock(op: Operation, status: string): string | undefined {
  if (op.operationId === 'getAudit') return 'the mock keeps no audit (mock-api/practice-handlers.ts)';
  if (status === '404' && op.operationId.startsWith('stream')) return 'the mock offers the live events (404 is a backend without them)';
  if (status === '5XX') return 'the mock does not fail';
  if (status === '413') return 'the mock has no body limit';
  if (status === '415') return 'the mock reads any body as JSON, whatever its Content-Type';
  const staffRoute = op.template.startsWith('/practice/');
  if (status === '403' && !staffRoute) return 'the mock checks no Origin and never forbids a client (the Forbidden and CrossSite answers)';
  if (status === '403' && op.operationId === 'staffSignIn') return 'the mock checks no Origin (CrossSite)';
  if (status === '404' && op.template.startsWith('/auth/')) return 'the mock always offers sign-in by link (NotOffered)';
  if (status === '429' && op.operationId === 'staffSignIn') return 'the mock does not limit staff sign-in attempts';
  if (status === '400' && op.operationId === 'confirmAppointment') return "nothing in the confirm's body is read (by the reference server neither)";
  return undefined;
}

describe('the mock API against the contract: coverage', () => {
  test('every documented operation and status was answered by the mock, or is one it never gives', () => {
    const missing: string[] = [];
    const stale: string[] = [];
    for (const op of documentedOperations()) {
      for (const status of Object.keys(op.responses)) {
        const given = answered.get(op.operationId)?.has(status) ?? false;
        const reason = notGivenByTheMock(op, status);
        if (!given && !reason) missing.push(`${op.operationId} ${status}`);
        if (given && reason) stale.push(`${op.operationId} ${status} (listed as never given: ${reason})`);
      }
    }
    assert.deepEqual(missing, [], 'documented answers this file never drove the mock to');
    assert.deepEqual(stale, [], 'answers the mock gave though notGivenByTheMock says it never does');
  });
});
