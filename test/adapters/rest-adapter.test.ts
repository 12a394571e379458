/**
 * RestAdapter's error paths over the mock API: what each failure becomes, which calls are tried
 * again, what goes on the wire. The happy paths and the scheduling rules are the conformance
 * suite's (rest-adapter-conformance.test.ts); here the server misbehaves on purpose, through
 * extra msw handlers in front of the mock.
 */
import { expect } from '@open-wc/testing';
import { http, HttpResponse, delay, type HttpHandler } from 'msw';
import { BookingError, type BookingErrorCode } from '../../src/adapters/errors.js';
import { createIdempotencyKey } from '../../src/adapters/idempotency.js';
import { unreadableAnswer } from '../../src/adapters/parse.js';
import type { Practice } from '../../src/adapters/memory/practice.js';
import { RestAdapter, type RestAdapterOptions } from '../../src/adapters/rest/rest-adapter.js';
import type { Appointment, SelectionProblem } from '../../src/model/schemas.js';
import { demoClientId } from '../../mock-api/demo-practice.js';
import { recordWaits, rejection, sleep, until } from '../support/async.js';
import { chenRequest, createTestPractice, nyTime } from '../support/fixtures.js';
import { serveMockApi } from '../support/mock-worker.js';


const write = () => ({ idempotencyKey: createIdempotencyKey() });

/** What a person is told of a 5xx, whatever the server said. */
const plainServerFault = "The practice's booking system had a problem. Please try again in a moment.";

/**
 * Whether `promise` settles before a timer due at once can fire: within the microtasks of the
 * task that is running (an abort's rejection does), rather than after some wait.
 */
async function settlesAtOnce(promise: Promise<unknown>): Promise<boolean> {
  const timer = new Promise<'timer'>((resolve) => setTimeout(() => resolve('timer'), 0));
  const settled = promise.then(
    () => 'settled' as const,
    () => 'settled' as const,
  );
  return (await Promise.race([settled, timer])) === 'settled';
}

/** A body that follows the contract's error shape. */
const errorBody = (code: string, message: string, problems?: SelectionProblem[]) => ({
  error: { code, message, ...(problems ? { problems } : {}) },
});

/** Counts the requests to a path and lets them through to the mock (or answers with `respond`). */
function counting(
  method: 'get' | 'post' | 'put',
  path: string,
  respond?: (call: number, request: Request) => Response | Promise<Response> | undefined | Promise<undefined>,
) {
  const requests: Request[] = [];
  const times: number[] = [];
  const handler = http[method](`/api${path}`, async ({ request }) => {
    requests.push(request.clone());
    times.push(performance.now());
    return respond?.(requests.length, request);
  });
  return { handler, requests, times, get calls() { return requests.length; } };
}

describe('RestAdapter error paths', () => {
  let practice: Practice;

  const adapterWith = (options: Partial<RestAdapterOptions> = {}) =>
    new RestAdapter({
      baseUrl: '/api',
      headers: { Authorization: `Bearer ${demoClientId}` },
      // Generous, so a loaded machine never turns a slow answer into a time-out; the tests of
      // time-outs set their own.
      timeoutMs: 3000,
      readRetries: 2,
      retryDelayMs: 5,
      pollIntervalMs: 30,
      ...options,
    });

  const serve = (...extra: HttpHandler[]) => serveMockApi(practice, ...extra);

  beforeEach(async () => {
    practice = createTestPractice().practice;
    await serve();
  });

  describe('HTTP statuses become typed errors', () => {
    const cases: Array<[number, BookingErrorCode]> = [
      [400, 'bad-request'],
      [401, 'unauthorized'],
      [403, 'forbidden'],
      [404, 'not-found'],
      [408, 'timeout'],
      [409, 'conflict'],
      [422, 'rule-violation'],
      [429, 'server'],
      [500, 'server'],
      [502, 'server'],
      [503, 'server'],
    ];
    const retryableCodes: BookingErrorCode[] = ['network', 'timeout', 'server'];

    for (const [status, code] of cases) {
      // A 5xx's words are the server's about itself: a person gets ours, the host keeps the server's in `detail`.
      const serverFault = status >= 500;
      it(`${status} → ${code}, with ${serverFault ? 'our words (the server’s in detail)' : "the server's message"} and status`, async () => {
        await serve(
          http.get('/api/providers', () =>
            HttpResponse.json(errorBody(code, `Server says ${status}.`), { status }),
          ),
        );
        const error = await rejection(adapterWith({ readRetries: 0 }).listProviders());
        expect(error.code).to.equal(code);
        expect(error.status).to.equal(status);
        expect(error.message).to.equal(serverFault ? plainServerFault : `Server says ${status}.`);
        expect(error.detail).to.equal(serverFault ? `Server says ${status}.` : undefined);
        expect(error.problems).to.deep.equal([]);
        expect(error.retryable).to.equal(retryableCodes.includes(code));
      });
    }

    it('answers a call without an Authorization header with unauthorized (the mock’s 401)', async () => {
      const error = await rejection(adapterWith({ headers: undefined }).listProviders());
      expect(error.code).to.equal('unauthorized');
      expect(error.status).to.equal(401);
      expect(error.message).to.equal('Please sign in to book appointments.');
      expect(error.retryable).to.equal(false);
    });

    it('answers an unknown bearer token with unauthorized', async () => {
      const error = await rejection(adapterWith({ headers: { Authorization: 'Bearer nobody' } }).listAppointments());
      expect(error.code).to.equal('unauthorized');
    });

    it('answers an unknown provider with not-found and the mock’s message', async () => {
      const error = await rejection(adapterWith().listLocations('nobody'));
      expect(error.code).to.equal('not-found');
      expect(error.status).to.equal(404);
      expect(error.message).to.equal('There is no provider "nobody".');
    });

    it('answers a malformed request with bad-request and the mock’s message', async () => {
      const error = await rejection(
        adapterWith().getAvailability({
          providerId: 'dr-chen',
          locationId: 'riverside',
          serviceId: 'individual-50',
          start: nyTime(14, '00:00'),
          end: nyTime(7, '00:00'),
        }),
      );
      expect(error.code).to.equal('bad-request');
      expect(error.status).to.equal(400);
      expect(error.message).to.equal('The range must start before it ends.');
    });

    it('carries the problems of a 409 from the body', async () => {
      const problems: SelectionProblem[] = [
        { code: 'outside-availability' },
        { code: 'too-short-for-service', serviceMinutes: 50, availableMinutes: 30 },
      ];
      await serve(
        http.post('/api/appointments', () =>
          HttpResponse.json(errorBody('conflict', 'Someone was quicker.', problems), { status: 409 }),
        ),
      );
      const error = await rejection(adapterWith().requestAppointment(chenRequest(), write()));
      expect(error.code).to.equal('conflict');
      expect(error.status).to.equal(409);
      expect(error.message).to.equal('Someone was quicker.');
      expect(error.problems).to.deep.equal(problems);
      expect(error.retryable).to.equal(false);
    });

    it('carries the problems of a 422 from the body', async () => {
      const problems: SelectionProblem[] = [
        { code: 'wrong-length', expectedMinutes: 50, actualMinutes: 30 },
        { code: 'not-on-slot-step', stepMinutes: 15 },
      ];
      await serve(
        http.post('/api/appointments', () =>
          HttpResponse.json(errorBody('rule-violation', 'Not like that.', problems), { status: 422 }),
        ),
      );
      const error = await rejection(adapterWith().requestAppointment(chenRequest(), write()));
      expect(error.code).to.equal('rule-violation');
      expect(error.status).to.equal(422);
      expect(error.message).to.equal('Not like that.');
      expect(error.problems).to.deep.equal(problems);
    });

    it('keeps the message and the known problems when the body names a problem it does not know', async () => {
      await serve(
        http.post('/api/appointments', () =>
          HttpResponse.json(
            {
              error: {
                code: 'conflict',
                message: 'Held for another client.',
                problems: [{ code: 'slot-on-hold', until: nyTime(2, '10:00') }, { code: 'outside-availability' }],
              },
            },
            { status: 409 },
          ),
        ),
      );
      const error = await rejection(adapterWith().requestAppointment(chenRequest(), write()));
      expect(error.code).to.equal('conflict');
      expect(error.message).to.equal('Held for another client.');
      expect(error.problems).to.deep.equal([{ code: 'outside-availability' }]);
    });

    it('carries the real mock’s conflict problems for a taken time', async () => {
      const taken = { ...chenRequest(), start: nyTime(7, '14:00'), end: nyTime(7, '14:50') };
      const error = await rejection(adapterWith().requestAppointment(taken, write()));
      expect(error.status).to.equal(409);
      expect(error.message).to.equal('That time is no longer available.');
      expect(error.problems).to.deep.equal([{ code: 'outside-availability' }]);
    });
  });

  describe('falls back to a sensible message when the error body is not the contract', () => {
    const fallbacks: Array<[number, BookingErrorCode, string]> = [
      [400, 'bad-request', 'The server refused the request (400).'],
      [401, 'unauthorized', 'Please sign in again.'],
      [403, 'forbidden', 'You are not allowed to do that.'],
      [404, 'not-found', 'That was not found.'],
      [409, 'conflict', 'That time is no longer available.'],
      [422, 'rule-violation', 'The server refused the request (422).'],
      [500, 'server', plainServerFault],
      [503, 'server', plainServerFault],
    ];

    for (const [status, code, message] of fallbacks) {
      it(`${status} with an HTML page → ${code}: “${message}”`, async () => {
        await serve(
          http.get('/api/providers', () =>
            HttpResponse.html('<html><body><h1>Bad Gateway</h1></body></html>', { status }),
          ),
        );
        const error = await rejection(adapterWith({ readRetries: 0 }).listProviders());
        expect(error.code).to.equal(code);
        expect(error.status).to.equal(status);
        expect(error.message).to.equal(message);
        expect(error.problems).to.deep.equal([]);
      });
    }

    const notContract: Array<[string, unknown]> = [
      ['a bare message', { message: 'Nope' }],
      ['a string error', { error: 'Nope' }],
      ['an error without a message', { error: { code: 'conflict' } }],
      ['a message of the wrong type', { error: { code: 'conflict', message: 42 } }],
      ['an array', [1, 2, 3]],
      ['null', null],
    ];
    for (const [what, body] of notContract) {
      it(`409 with ${what} → conflict with the fallback message and no problems`, async () => {
        await serve(
          http.post(
            '/api/appointments',
            () => new HttpResponse(JSON.stringify(body), { status: 409, headers: { 'Content-Type': 'application/json' } }),
          ),
        );
        const error = await rejection(adapterWith().requestAppointment(chenRequest(), write()));
        expect(error.code).to.equal('conflict');
        expect(error.status).to.equal(409);
        expect(error.message).to.equal('That time is no longer available.');
        expect(error.problems).to.deep.equal([]);
      });
    }

    it('an empty error body falls back too', async () => {
      await serve(http.get('/api/providers', () => new HttpResponse(null, { status: 403 })));
      const error = await rejection(adapterWith().listProviders());
      expect(error.code).to.equal('forbidden');
      expect(error.message).to.equal('You are not allowed to do that.');
    });

    it('an unusual status counts as bad-request and is not retried', async () => {
      const teapot = counting('get', '/providers', () => HttpResponse.json({}, { status: 418 }));
      await serve(teapot.handler);
      const error = await rejection(adapterWith().listProviders());
      expect(error.code).to.equal('bad-request');
      expect(error.message).to.equal('The server refused the request (418).');
      expect(teapot.calls).to.equal(1);
    });
  });

  describe('reads are retried; writes are not', () => {
    it('tries a read readRetries more times on 5xx, then fails with server', async () => {
      const failing = counting('get', '/providers', () =>
        HttpResponse.json(errorBody('server', 'Down for maintenance.'), { status: 503 }),
      );
      await serve(failing.handler);
      const error = await rejection(adapterWith({ readRetries: 2 }).listProviders());
      expect(failing.calls).to.equal(3);
      expect(error.code).to.equal('server');
      expect(error.status).to.equal(503);
      expect(error.detail).to.equal('Down for maintenance.');
    });

    it('honours readRetries: 0 (one call) and readRetries: 4 (five calls)', async () => {
      const failing = counting('get', '/providers', () => new HttpResponse(null, { status: 500 }));
      await serve(failing.handler);
      await rejection(adapterWith({ readRetries: 0 }).listProviders());
      expect(failing.calls).to.equal(1);
      await rejection(adapterWith({ readRetries: 4, retryDelayMs: 1 }).listProviders());
      expect(failing.calls).to.equal(6);
    });

    it('tries a read again after network failures, then fails with network', async () => {
      const failing = counting('get', '/appointments', () => HttpResponse.error());
      await serve(failing.handler);
      const error = await rejection(adapterWith({ readRetries: 2 }).listAppointments());
      expect(failing.calls).to.equal(3);
      expect(error.code).to.equal('network');
      expect(error.retryable).to.equal(true);
      expect(error.status).to.equal(undefined);
    });

    it('does not try a read again after its time limit: the limit is the whole call’s', async () => {
      const failing = counting('get', '/providers', async () => {
        await delay('infinite');
        return undefined;
      });
      await serve(failing.handler);
      const error = await rejection(adapterWith({ readRetries: 1, timeoutMs: 100 }).listProviders());
      expect(failing.calls).to.equal(1);
      expect(error.code).to.equal('timeout');
    });

    it('succeeds when a retry succeeds', async () => {
      const flaky = counting('get', '/providers', (call) =>
        call <= 2 ? HttpResponse.json(errorBody('server', 'Busy.'), { status: 502 }) : undefined,
      );
      await serve(flaky.handler);
      const providers = await adapterWith({ readRetries: 2 }).listProviders();
      expect(flaky.calls).to.equal(3);
      expect(providers.map((p) => p.id)).to.deep.equal(['dr-chen', 'jordan-alvarez', 'sam-okafor']);
    });

    it('succeeds when a retry after a network failure succeeds', async () => {
      const flaky = counting('get', '/availability', (call) => (call === 1 ? HttpResponse.error() : undefined));
      await serve(flaky.handler);
      const availability = await adapterWith().getAvailability({
        providerId: 'dr-chen',
        locationId: 'riverside',
        serviceId: 'individual-50',
        start: nyTime(7, '00:00'),
        end: nyTime(8, '00:00'),
      });
      expect(flaky.calls).to.equal(2);
      expect(availability.open.length).to.be.greaterThan(0);
    });

    it('tries a read again after 429 (too many requests) and 408 (request timeout)', async () => {
      for (const status of [429, 408]) {
        const busy = counting('get', '/providers', (call) => (call === 1 ? new HttpResponse(null, { status }) : undefined));
        await serve(busy.handler);
        expect(await adapterWith().listProviders(), `status ${status}`).to.have.length(3);
        expect(busy.calls, `status ${status}`).to.equal(2);
      }
    });

    it('does not retry a read answered with 4xx', async () => {
      for (const status of [400, 401, 403, 404, 409, 422]) {
        const refused = counting('get', '/providers', () => HttpResponse.json(errorBody('x', 'No.'), { status }));
        await serve(refused.handler);
        await rejection(adapterWith().listProviders());
        expect(refused.calls, `status ${status}`).to.equal(1);
      }
    });

    it('does not retry a read whose answer was not understood', async () => {
      const garbled = counting('get', '/providers', () => HttpResponse.json({ providers: 'none' }));
      await serve(garbled.handler);
      const error = await rejection(adapterWith().listProviders());
      expect(error.code).to.equal('invalid-response');
      expect(garbled.calls).to.equal(1);
    });

    it('sends a request exactly once on 5xx', async () => {
      const failing = counting('post', '/appointments', () => new HttpResponse(null, { status: 503 }));
      await serve(failing.handler);
      const error = await rejection(adapterWith({ readRetries: 3 }).requestAppointment(chenRequest(), write()));
      expect(error.code).to.equal('server');
      expect(failing.calls).to.equal(1);
    });

    it('sends a request exactly once on a network failure', async () => {
      const failing = counting('post', '/appointments', () => HttpResponse.error());
      await serve(failing.handler);
      const error = await rejection(adapterWith({ readRetries: 3 }).requestAppointment(chenRequest(), write()));
      expect(error.code).to.equal('network');
      expect(failing.calls).to.equal(1);
    });

    it('sends a request exactly once on a time-out', async () => {
      const failing = counting('post', '/appointments', async () => {
        await delay('infinite');
        return undefined;
      });
      await serve(failing.handler);
      const error = await rejection(
        adapterWith({ readRetries: 3, timeoutMs: 100 }).requestAppointment(chenRequest(), write()),
      );
      expect(error.code).to.equal('timeout');
      expect(failing.calls).to.equal(1);
    });

    it('sends a change and a cancellation exactly once on 5xx', async () => {
      const change = counting('put', '/appointments/:id', () => new HttpResponse(null, { status: 500 }));
      const cancel = counting('post', '/appointments/:id/cancel', () => new HttpResponse(null, { status: 500 }));
      await serve(change.handler, cancel.handler);
      const adapter = adapterWith({ readRetries: 3 });
      expect((await rejection(adapter.changeAppointment('seed-1', chenRequest(), write()))).code).to.equal('server');
      expect((await rejection(adapter.cancelAppointment('seed-1', write()))).code).to.equal('server');
      expect(change.calls).to.equal(1);
      expect(cancel.calls).to.equal(1);
    });
  });

  describe('what goes on the wire', () => {
    it('sends a request as JSON with its Idempotency-Key', async () => {
      const spy = counting('post', '/appointments');
      await serve(spy.handler);
      const options = write();
      const appointment = await adapterWith().requestAppointment(chenRequest(), options);
      expect(appointment.status).to.equal('unconfirmed');
      expect(spy.calls).to.equal(1);
      const [request] = spy.requests;
      expect(request.method).to.equal('POST');
      expect(request.headers.get('Idempotency-Key')).to.equal(options.idempotencyKey);
      expect(request.headers.get('Content-Type')).to.equal('application/json');
      expect(request.headers.get('Accept')).to.equal('application/json');
      expect(request.headers.get('Authorization')).to.equal(`Bearer ${demoClientId}`);
      expect(await request.json()).to.deep.equal(chenRequest());
    });

    it('sends a change and a cancellation with their keys, and the reason', async () => {
      const change = counting('put', '/appointments/:id');
      const cancel = counting('post', '/appointments/:id/cancel');
      await serve(change.handler, cancel.handler);
      const adapter = adapterWith();
      const changeKey = write();
      await adapter.changeAppointment('seed-1', chenRequest(), changeKey);
      const cancelKey = write();
      await adapter.cancelAppointment('seed-2', { ...cancelKey, reason: 'Feeling better' });
      expect(change.requests[0].headers.get('Idempotency-Key')).to.equal(changeKey.idempotencyKey);
      expect(new URL(change.requests[0].url).pathname).to.equal('/api/appointments/seed-1');
      expect(await change.requests[0].json()).to.deep.equal(chenRequest());
      expect(cancel.requests[0].headers.get('Idempotency-Key')).to.equal(cancelKey.idempotencyKey);
      expect(cancel.requests[0].headers.get('Content-Type')).to.equal('application/json');
      expect(await cancel.requests[0].json()).to.deep.equal({ reason: 'Feeling better' });
    });

    it('sends reads without a body, Content-Type or Idempotency-Key', async () => {
      const spy = counting('get', '/providers');
      await serve(spy.handler);
      await adapterWith().listProviders();
      const [request] = spy.requests;
      expect(request.headers.get('Content-Type')).to.equal(null);
      expect(request.headers.get('Idempotency-Key')).to.equal(null);
      expect(request.headers.get('Accept')).to.equal('application/json');
    });

    it('asks a headers function before every request, retries included', async () => {
      const spy = counting('get', '/providers', (call) => (call === 2 ? new HttpResponse(null, { status: 503 }) : undefined));
      const seen = counting('get', '/appointments');
      await serve(spy.handler, seen.handler);
      let asked = 0;
      const adapter = adapterWith({
        headers: async () => {
          asked += 1;
          await sleep(1);
          return { Authorization: `Bearer ${demoClientId}`, 'X-Token-Generation': String(asked) };
        },
      });
      await adapter.listProviders();
      await adapter.listProviders(); // 503, then a retry
      await adapter.listAppointments();
      expect(asked).to.equal(4);
      const generations = [...spy.requests, ...seen.requests].map((r) => r.headers.get('X-Token-Generation'));
      expect(generations).to.deep.equal(['1', '2', '3', '4']);
    });

    it('uses a rotated token as soon as the headers function returns it', async () => {
      let token = demoClientId;
      const adapter = adapterWith({ headers: () => ({ Authorization: `Bearer ${token}` }) });
      const alex = await adapter.listAppointments();
      token = 'client-taylor';
      const taylor = await adapter.listAppointments();
      expect(alex.map((a) => a.id)).to.deep.equal(['seed-3', 'seed-1', 'seed-2']);
      expect(taylor.map((a) => a.id)).to.deep.equal(['seed-4', 'seed-5', 'seed-6']);
      token = 'expired';
      expect((await rejection(adapter.listAppointments())).code).to.equal('unauthorized');
    });

    it('accepts a Headers instance', async () => {
      const adapter = adapterWith({ headers: new Headers({ Authorization: `Bearer ${demoClientId}` }) });
      expect(await adapter.listProviders()).to.have.length(3);
    });

    for (const baseUrl of ['/api/', '/api//', `${location.origin}/api/`]) {
      it(`works with the base URL “${baseUrl}”`, async () => {
        const spy = counting('get', '/providers/:providerId/locations');
        await serve(spy.handler);
        const locations = await adapterWith({ baseUrl }).listLocations('dr-chen');
        expect(locations.map((l) => l.id)).to.deep.equal(['riverside', 'telehealth']);
        expect(new URL(spy.requests[0].url).pathname).to.equal('/api/providers/dr-chen/locations');
      });
    }

    it('encodes ids in the path', async () => {
      const spy = counting('get', '/providers/:providerId/locations/:locationId/services', () =>
        HttpResponse.json({ services: [] }),
      );
      await serve(spy.handler);
      await adapterWith().listServices('dr chen/1', 'a?b#c');
      expect(new URL(spy.requests[0].url).pathname).to.equal('/api/providers/dr%20chen%2F1/locations/a%3Fb%23c/services');
    });

    it('asks for availability with only the ids and ISO instants in the query', async () => {
      const spy = counting('get', '/availability');
      await serve(spy.handler);
      const query = {
        providerId: 'dr-chen',
        locationId: 'riverside',
        serviceId: 'individual-50',
        start: nyTime(7, '00:00'),
        end: nyTime(14, '00:00'),
      };
      await adapterWith().getAvailability(query);
      const url = new URL(spy.requests[0].url);
      expect(url.pathname).to.equal('/api/availability');
      const params = Object.fromEntries(url.searchParams);
      expect(params).to.deep.equal({
        provider: 'dr-chen',
        location: 'riverside',
        service: 'individual-50',
        start: query.start,
        end: query.end,
      });
      expect([...url.searchParams.keys()]).to.have.length(5);
      for (const instant of [params.start, params.end]) {
        expect(instant).to.match(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$/);
      }
    });

    it('lists appointments with no query, or only the bounds given', async () => {
      const spy = counting('get', '/appointments');
      await serve(spy.handler);
      const adapter = adapterWith();
      await adapter.listAppointments();
      await adapter.listAppointments({ start: nyTime(8, '00:00') });
      expect(new URL(spy.requests[0].url).search).to.equal('');
      expect(Object.fromEntries(new URL(spy.requests[1].url).searchParams)).to.deep.equal({ start: nyTime(8, '00:00') });
    });

    it('uses the fetch it is given', async () => {
      const calls: Array<[string, RequestInit | undefined]> = [];
      const adapter = adapterWith({
        baseUrl: 'https://portal.example/booking/',
        fetch: async (input, init) => {
          calls.push([String(input), init]);
          return new Response(JSON.stringify({ providers: [] }), { status: 200 });
        },
      });
      expect(await adapter.listProviders()).to.deep.equal([]);
      expect(calls).to.have.length(1);
      expect(calls[0][0]).to.equal('https://portal.example/booking/providers');
      expect(calls[0][1]?.method).to.equal('GET');
      expect(calls[0][1]?.credentials).to.equal('same-origin');
    });
  });

  describe('time-outs, network failures and aborts', () => {
    // How long after timeoutMs it gives up is BENCHMARKS.md's ("Adapters"); here, the order of events.
    it('gives up on a server slower than timeoutMs with timeout, not before timeoutMs', async () => {
      // A valid answer, but ten times too late: the call resolving would mean the limit was not kept.
      await serve(
        http.get('/api/providers', async () => {
          await delay(1500);
          return HttpResponse.json({ providers: [] });
        }),
      );
      const call = adapterWith({ readRetries: 0, timeoutMs: 150 }).listProviders();
      let gaveUp = false;
      void call.catch(() => (gaveUp = true));
      // Timers fire in the order they fall due, so this one (due before the limit) comes first.
      await sleep(100);
      expect(gaveUp, 'not given up before timeoutMs').to.equal(false);
      const error = await rejection(call);
      expect(error.code).to.equal('timeout');
      expect(error.retryable).to.equal(true);
    });

    it('answers a failed connection with network', async () => {
      await serve(http.get('/api/providers', () => HttpResponse.error()));
      const error = await rejection(adapterWith({ readRetries: 0 }).listProviders());
      expect(error.code).to.equal('network');
      expect(error.message).to.match(/connection/i);
    });

    it('answers a fetch that throws with network', async () => {
      const adapter = adapterWith({
        readRetries: 0,
        fetch: () => Promise.reject(new TypeError('Failed to fetch')),
      });
      const error = await rejection(adapter.listProviders());
      expect(error.code).to.equal('network');
      expect(error.cause).to.be.instanceOf(TypeError);
    });

    it('rejects with aborted, not timeout, when the caller aborts a call in flight', async () => {
      const hanging = counting('get', '/providers', async () => {
        await delay('infinite');
        return undefined;
      });
      await serve(hanging.handler);
      const controller = new AbortController();
      const call = adapterWith({ timeoutMs: 2000 }).listProviders({ signal: controller.signal });
      await until(() => hanging.calls === 1);
      controller.abort();
      const error = await rejection(call);
      expect(error.code).to.equal('aborted');
      expect(error.retryable).to.equal(false);
      await sleep(30);
      expect(hanging.calls).to.equal(1);
    });

    it('rejects with aborted at once when aborted while waiting to retry, and tries no more', async () => {
      const failing = counting('get', '/providers', () => new HttpResponse(null, { status: 503 }));
      await serve(failing.handler);
      const controller = new AbortController();
      const call = adapterWith({ retryDelayMs: 2000, readRetries: 3 }).listProviders({ signal: controller.signal });
      await until(() => failing.calls === 1);
      await sleep(20);
      controller.abort();
      expect(await settlesAtOnce(call), 'rejected without waiting out the 2 s before the retry').to.equal(true);
      const error = await rejection(call);
      expect(error.code).to.equal('aborted');
      expect(failing.calls).to.equal(1);
    });

    it('sends nothing when the signal is already aborted', async () => {
      const spy = counting('get', '/providers');
      await serve(spy.handler);
      const controller = new AbortController();
      controller.abort();
      const error = await rejection(adapterWith().listProviders({ signal: controller.signal }));
      expect(error.code).to.equal('aborted');
      await sleep(20);
      expect(spy.calls).to.equal(0);
    });
  });

  describe('a headers function that fails or hangs', () => {
    it('rejects with a BookingError when the headers function throws', async () => {
      const failure = new Error('The session could not be refreshed.');
      const adapter = adapterWith({
        headers: () => {
          throw failure;
        },
      });
      const error = await rejection(adapter.listProviders());
      expect(error, 'every method rejects with a BookingError').to.be.instanceOf(BookingError);
      expect(error.cause).to.equal(failure);
    });

    it('rejects with aborted at once when aborted while the headers function is pending', async () => {
      const controller = new AbortController();
      const adapter = adapterWith({ timeoutMs: 5000, headers: () => new Promise<HeadersInit>(() => {}) });
      const call = adapter.listProviders({ signal: controller.signal });
      await sleep(20);
      controller.abort();
      expect(await settlesAtOnce(call), 'rejected without waiting for the headers or the time limit').to.equal(true);
      expect((await rejection(call)).code).to.equal('aborted');
    });

    it('times out a call whose headers function never answers', async () => {
      // A limit far below the test's own: a call that never settled would fail the test by its timeout.
      const adapter = adapterWith({ readRetries: 0, timeoutMs: 100, headers: () => new Promise<HeadersInit>(() => {}) });
      expect((await rejection(adapter.listProviders())).code).to.equal('timeout');
    });
  });

  describe('answers that break the contract', () => {
    /** A real appointment of Alex's, as the mock would send it. */
    const appointmentJson = () => structuredClone(practice.appointmentsOf(demoClientId)[1]) as unknown as Record<string, unknown>;

    async function invalid(body: unknown, call: (adapter: RestAdapter) => Promise<unknown>, path: string) {
      await serve(http.get(`/api${path}`, () => HttpResponse.json(body as Record<string, unknown>)));
      const error = await rejection(call(adapterWith()));
      expect(error.code).to.equal('invalid-response');
      expect(error.retryable).to.equal(false);
      // The person reads plain words; which fields were wrong is kept for the host (detail, issues).
      expect(error.message).to.equal(unreadableAnswer);
      return error;
    }

    const listAppointments = (adapter: RestAdapter) => adapter.listAppointments();

    it('names a missing field', async () => {
      const appointment = appointmentJson();
      delete appointment.manage;
      const error = await invalid({ appointments: [appointment] }, listAppointments, '/appointments');
      expect(error.issues).to.deep.equal(['appointments[0].manage: expected object']);
      expect(error.detail).to.contain('appointments[0].manage');
      expect(error.detail).to.contain('appointments');
    });

    it('names a field of the wrong type', async () => {
      const providers = practice.providers().map((p) => ({ ...p }));
      (providers[1] as Record<string, unknown>).selfScheduling = 'yes';
      const error = await invalid({ providers }, (adapter) => adapter.listProviders(), '/providers');
      expect(error.issues).to.deep.equal(['providers[1].selfScheduling: expected boolean']);
      expect(error.detail).to.contain('providers[1].selfScheduling');
    });

    it('names an unknown status value', async () => {
      const appointment = { ...appointmentJson(), status: 'pending' };
      const error = await invalid({ appointments: [appointment] }, listAppointments, '/appointments');
      expect(error.issues).to.have.length(1);
      expect(error.issues[0]).to.match(/^appointments\[0\]\.status: /);
      expect(error.issues[0]).to.contain('"unconfirmed"');
      expect(error.detail).to.contain('appointments[0].status');
    });

    it('names an appointment whose start is after its end', async () => {
      const appointment = appointmentJson();
      [appointment.start, appointment.end] = [appointment.end, appointment.start];
      const error = await invalid({ appointments: [appointmentJson(), appointment] }, listAppointments, '/appointments');
      expect(error.issues).to.deep.equal(['appointments[1]: start must be before end']);
      expect(error.detail).to.contain('appointments[1]');
    });

    for (const date of ['next Tuesday', '2026-13-01T10:00:00Z', '2026-02-30T10:00:00Z', '2026-12-07T10:00:00']) {
      it(`names an invalid date string (“${date}”)`, async () => {
        const appointment = { ...appointmentJson(), updatedAt: date };
        const error = await invalid({ appointments: [appointment] }, listAppointments, '/appointments');
        expect(error.issues.length).to.be.greaterThan(0);
        for (const issue of error.issues) expect(issue).to.match(/^appointments\[0\]\.updatedAt: /);
        expect(error.detail).to.contain('appointments[0].updatedAt');
      });
    }

    it('names a reversed open interval of availability', async () => {
      const availability = practice.availability({
        providerId: 'dr-chen',
        locationId: 'riverside',
        serviceId: 'individual-50',
        start: nyTime(7, '00:00'),
        end: nyTime(8, '00:00'),
      });
      const [a, b] = [availability.open[1].start, availability.open[1].end];
      availability.open[1] = { start: b, end: a };
      const error = await invalid(
        availability,
        (adapter) =>
          adapter.getAvailability({
            providerId: 'dr-chen',
            locationId: 'riverside',
            serviceId: 'individual-50',
            start: nyTime(7, '00:00'),
            end: nyTime(8, '00:00'),
          }),
        '/availability',
      );
      expect(error.issues).to.deep.equal(['open[1]: start must be before end']);
    });

    it('names an unknown kind of location', async () => {
      const locations = [{ id: 'moon', name: 'Moon Base', kind: 'orbital', timeZone: 'UTC' }];
      const error = await invalid({ locations }, (adapter) => adapter.listLocations('dr-chen'), '/providers/:id/locations');
      expect(error.issues).to.have.length(1);
      expect(error.issues[0]).to.match(/^locations\[0\]\.kind: /);
    });

    it('names a missing top-level list', async () => {
      const error = await invalid({ items: [] }, (adapter) => adapter.listProviders(), '/providers');
      expect(error.issues).to.deep.equal(['providers: expected array']);
    });

    it('names the root when the answer is not an object', async () => {
      const error = await invalid('providers', (adapter) => adapter.listProviders(), '/providers');
      expect(error.issues).to.deep.equal(['(root): expected object']);
    });

    it('lists every issue but shows only the first five in the message', async () => {
      const providers = Array.from({ length: 7 }, (_, index) => ({ id: `p${index}`, name: `P ${index}` }));
      const error = await invalid({ providers }, (adapter) => adapter.listProviders(), '/providers');
      expect(error.issues).to.have.length(7);
      expect(error.issues[6]).to.equal('providers[6].selfScheduling: expected boolean');
      expect(error.detail).to.contain('providers[4].selfScheduling');
      expect(error.detail).not.to.contain('providers[5].selfScheduling');
      expect(error.detail).to.contain('(and 2 more)');
    });

    it('rejects a 200 answer that is not JSON', async () => {
      await serve(http.get('/api/providers', () => HttpResponse.html('<html><body>Welcome!</body></html>')));
      const error = await rejection(adapterWith().listProviders());
      expect(error.code).to.equal('invalid-response');
      expect(error.status).to.equal(200);
      expect(error.detail).to.contain('not JSON');
      expect(error.retryable).to.equal(false);
    });

    it('rejects an empty 200 answer', async () => {
      await serve(http.get('/api/providers', () => new HttpResponse(null, { status: 200 })));
      const error = await rejection(adapterWith().listProviders());
      expect(error.code).to.equal('invalid-response');
    });

    it('rejects a new appointment answered with something else', async () => {
      await serve(http.post('/api/appointments', () => HttpResponse.json({ ok: true }, { status: 201 })));
      const error = await rejection(adapterWith().requestAppointment(chenRequest(), write()));
      expect(error.code).to.equal('invalid-response');
      expect(error.issues).to.include('id: expected string');
    });
  });

  describe('watchAppointments: live events when offered, polling when not', () => {
    /** One stream the test writes, as a 200 text/event-stream answer's body. */
    class LiveStream {
      private controller!: ReadableStreamDefaultController<Uint8Array>;
      readonly body = new ReadableStream<Uint8Array>({ start: (controller) => void (this.controller = controller) });
      write(text: string) {
        this.controller.enqueue(new TextEncoder().encode(text));
      }
      close() {
        this.controller.close();
      }
      response() {
        return new Response(this.body, { headers: { 'Content-Type': 'text/event-stream' } });
      }
    }

    /**
     * A fetch that answers GET /api/appointments/events with `stream(connection)` (a status, or a
     * LiveStream) and sends everything else on to the mock, recording the events requests.
     */
    function liveFetch(stream: (connection: number) => LiveStream | number) {
      const connections: Headers[] = [];
      const fetch = (input: RequestInfo | URL, init: RequestInit = {}) => {
        if (!String(input).endsWith('/appointments/events')) return globalThis.fetch(input, init);
        connections.push(new Headers(init.headers));
        const answer = stream(connections.length);
        return Promise.resolve(
          typeof answer === 'number' ? HttpResponse.json(errorBody('x', `Status ${answer}.`), { status: answer }) : answer.response(),
        );
      };
      return { fetch, connections };
    }

    let stop: (() => void) | undefined;
    let reports: Array<{ appointments: Appointment[]; changed: Appointment[] }>;
    let errors: unknown[];
    const events = {
      onChange: (appointments: Appointment[], changed: Appointment[]) => reports.push({ appointments, changed }),
      onError: (error: unknown) => errors.push(error),
    };
    beforeEach(() => {
      reports = [];
      errors = [];
    });
    afterEach(() => {
      stop?.();
      stop = undefined;
    });

    const alex = () => practice.appointmentsOf(demoClientId);
    /** `appointment` with its status changed and its updatedAt moved by `minutes`. */
    const updated = (appointment: Appointment, status: Appointment['status'], minutes: number): Appointment => ({
      ...appointment,
      status,
      updatedAt: new Date(Date.parse(appointment.updatedAt) + minutes * 60_000).toISOString(),
    });
    const appointmentEvent = (appointment: Appointment, id: number) => `event: appointment\nid: ${id}\ndata: ${JSON.stringify(appointment)}\n\n`;

    it('lists after ready, then takes in each appointment event without polling', async () => {
      const stream = new LiveStream();
      const listing = counting('get', '/appointments');
      await serve(listing.handler);
      const { fetch, connections } = liveFetch(() => stream);
      stop = adapterWith({ fetch, pollIntervalMs: 20 }).watchAppointments(events);
      stream.write('retry: 3000\n\nevent: ready\ndata: {}\n\n');
      await until(() => reports.length === 1);
      expect(reports[0].appointments.map((a) => a.id)).to.deep.equal(alex().map((a) => a.id));
      const confirmed = updated(alex()[2], 'confirmed', 5);
      stream.write(`: keep-alive\n\n${appointmentEvent(confirmed, 1)}`);
      await until(() => reports.length === 2);
      expect(reports[1].changed).to.deep.equal([confirmed]);
      expect(reports[1].appointments.find((a) => a.id === confirmed.id)?.status).to.equal('confirmed');
      expect(reports[1].appointments).to.have.length(alex().length);
      await sleep(80);
      expect(listing.calls, 'one list after ready, no polls at 20 ms').to.equal(1);
      expect(connections[0].get('Accept')).to.equal('text/event-stream');
      expect(connections[0].get('Authorization')).to.equal(`Bearer ${demoClientId}`);
    });

    it('keeps the version updated later, and adds an appointment it did not have', async () => {
      const stream = new LiveStream();
      const { fetch } = liveFetch(() => stream);
      stop = adapterWith({ fetch }).watchAppointments(events);
      stream.write('event: ready\ndata: {}\n\n');
      await until(() => reports.length === 1);
      stream.write(appointmentEvent(updated(alex()[1], 'cancelled', -5), 2));
      const added: Appointment = { ...alex()[1], id: 'apt-new', status: 'unconfirmed' };
      stream.write(appointmentEvent(added, 3));
      await until(() => reports.length === 2);
      await sleep(30);
      expect(reports, 'the older version changed nothing').to.have.length(2);
      expect(reports[1].changed).to.deep.equal([added]);
      expect(reports[1].appointments.map((a) => a.id)).to.include('apt-new');
    });

    it('does not let a list answered before an event undo it', async () => {
      const stream = new LiveStream();
      let releaseList: () => void = () => {};
      const slowList = counting('get', '/appointments', (call) =>
        call === 1 ? new Promise<undefined>((resolve) => (releaseList = () => resolve(undefined))) : undefined,
      );
      await serve(slowList.handler);
      const { fetch } = liveFetch(() => stream);
      stop = adapterWith({ fetch }).watchAppointments(events);
      stream.write('event: ready\ndata: {}\n\n');
      await until(() => slowList.calls === 1);
      const confirmed = updated(alex()[2], 'confirmed', 5);
      stream.write(appointmentEvent(confirmed, 4));
      await sleep(20);
      releaseList();
      await until(() => reports.length === 1);
      expect(reports[0].appointments.find((a) => a.id === confirmed.id)?.status).to.equal('confirmed');
    });

    it('reports a malformed event to onError and goes on watching', async () => {
      const stream = new LiveStream();
      const { fetch } = liveFetch(() => stream);
      stop = adapterWith({ fetch }).watchAppointments(events);
      stream.write('event: ready\ndata: {}\n\n');
      await until(() => reports.length === 1);
      stream.write('event: appointment\nid: 5\ndata: {"id": 42}\n\nevent: appointment\nid: 6\ndata: not json\n\n');
      const confirmed = updated(alex()[2], 'confirmed', 5);
      stream.write(appointmentEvent(confirmed, 7));
      await until(() => reports.length === 2);
      expect(errors.map((error) => (error as BookingError).code)).to.deep.equal(['invalid-response', 'invalid-response']);
      expect(reports[1].changed).to.deep.equal([confirmed]);
    });

    it('resumes with Last-Event-ID after the stream drops, and lists again after ready', async () => {
      const streams = [new LiveStream(), new LiveStream()];
      const listing = counting('get', '/appointments');
      await serve(listing.handler);
      const { fetch, connections } = liveFetch((connection) => streams[connection - 1]);
      stop = adapterWith({ fetch }).watchAppointments(events);
      streams[0].write('retry: 10\n\nevent: ready\nid: 20\ndata: {}\n\n');
      await until(() => reports.length === 1);
      streams[0].write(appointmentEvent(updated(alex()[2], 'confirmed', 5), 21));
      await until(() => reports.length === 2);
      streams[0].close();
      await until(() => connections.length === 2);
      expect(connections[1].get('Last-Event-ID')).to.equal('21');
      streams[1].write('event: ready\nid: 21\ndata: {}\n\n');
      await until(() => listing.calls === 2);
      expect(connections[0].has('Last-Event-ID')).to.equal(false);
    });

    it('polls instead when the backend has no stream (404), at the watch’s own interval', async () => {
      const listing = counting('get', '/appointments');
      await serve(listing.handler);
      const { fetch, connections } = liveFetch(() => 404);
      const { waits, stop: stopRecording } = recordWaits();
      try {
        stop = adapterWith({ fetch, pollIntervalMs: 10_000 }).watchAppointments(events, { pollIntervalMs: 40 });
        await until(() => listing.calls >= 3);
      } finally {
        stopRecording();
      }
      expect(reports).to.have.length(1);
      expect(connections, 'the stream is not asked for again').to.have.length(1);
      expect(waits).to.include(40);
      expect(waits).not.to.include(10_000);
      expect(errors).to.deep.equal([]);
    });

    it('reports a 401 and tries the stream again later, not in a tight loop', async () => {
      const { fetch, connections } = liveFetch(() => 401);
      stop = adapterWith({ fetch, pollIntervalMs: 20 }).watchAppointments(events);
      await until(() => errors.length === 1);
      await sleep(200);
      expect((errors[0] as BookingError).code).to.equal('unauthorized');
      expect(connections, 'one request in 200 ms').to.have.length(1);
    });
  });

  describe('retryable', () => {
    const codes: BookingErrorCode[] = [
      'network',
      'timeout',
      'invalid-response',
      'bad-request',
      'unauthorized',
      'forbidden',
      'not-found',
      'conflict',
      'rule-violation',
      'server',
      'aborted',
    ];

    it('is true only for network, timeout and server', () => {
      const retryable = codes.filter((code) => new BookingError(code, 'x').retryable);
      expect(retryable).to.deep.equal(['network', 'timeout', 'server']);
    });
  });
});
