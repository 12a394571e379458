/**
 * RestPracticeAdapter and the staff sign-in calls over a stubbed `fetch`: what goes on the wire
 * (paths, query, bodies, cookies, the bearer token), how answers are checked, what each refusal
 * becomes, and how the watch polls. The transport's own time-outs and retries are RestAdapter's
 * tests' (rest-adapter.test.ts): both adapters run on the same RestTransport.
 */
import { expect } from '@open-wc/testing';
import { RestPracticeAdapter, type RestPracticeAdapterOptions } from '../../src/adapters/rest/rest-practice-adapter.js';
import { unreadableAnswer } from '../../src/adapters/parse.js';
import { signInStaff, signOutStaff, staffSession } from '../../src/adapters/rest/staff-sign-in.js';
import type { PracticeAppointment } from '../../src/model/practice-api-schemas.js';
import { recordWaits, rejection, sleep, until } from '../support/async.js';
import { createTestPractice } from '../support/fixtures.js';

interface Call {
  url: URL;
  method: string;
  headers: Headers;
  credentials?: RequestCredentials;
  body?: unknown;
}

/** A fetch that records each call and answers with `answer(call)`: a status and a JSON body. */
function stubFetch(answer: (call: Call, index: number) => { status?: number; body?: unknown }) {
  const calls: Call[] = [];
  const fetch = async (input: RequestInfo | URL, init: RequestInit = {}) => {
    const call: Call = {
      url: new URL(String(input), location.href),
      method: init.method ?? 'GET',
      headers: new Headers(init.headers),
      credentials: init.credentials,
      body: typeof init.body === 'string' ? JSON.parse(init.body) : undefined,
    };
    calls.push(call);
    const { status = 200, body } = answer(call, calls.length - 1);
    return new Response(body === undefined ? null : JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });
  };
  return { calls, fetch: fetch as typeof globalThis.fetch };
}

const waiting: PracticeAppointment[] = createTestPractice().practice.practiceAppointments({ statuses: ['unconfirmed'] });
const errorBody = (code: string, message: string) => ({ error: { code, message } });

const adapterWith = (fetch: typeof globalThis.fetch, options: Partial<RestPracticeAdapterOptions> = {}) =>
  new RestPracticeAdapter({ baseUrl: '/api/', fetch, retryDelayMs: 1, ...options });

describe('RestPracticeAdapter', () => {
  it('lists with the status, provider and range as query parameters, and checks the answer', async () => {
    const { calls, fetch } = stubFetch(() => ({ body: { appointments: waiting } }));
    const adapter = adapterWith(fetch, { headers: () => ({ Authorization: 'Bearer staff-jwt' }), credentials: 'include' });
    const list = await adapter.listAppointments({ statuses: ['unconfirmed', 'confirmed'], providerId: 'dr-chen', start: '2026-12-01T00:00:00.000Z' });
    expect(list.map((a) => a.id)).to.deep.equal(waiting.map((a) => a.id));
    expect(list[0].client.name).to.be.a('string');
    const [call] = calls;
    expect(call.method).to.equal('GET');
    expect(call.url.pathname).to.equal('/api/practice/appointments');
    expect(call.url.searchParams.get('status')).to.equal('unconfirmed,confirmed');
    expect(call.url.searchParams.get('provider')).to.equal('dr-chen');
    expect(call.url.searchParams.get('start')).to.equal('2026-12-01T00:00:00.000Z');
    expect(call.url.searchParams.has('end')).to.equal(false);
    expect(call.headers.get('Authorization')).to.equal('Bearer staff-jwt');
    expect(call.credentials).to.equal('include');
  });

  it('refuses an answer without the client or the conflicts as invalid-response', async () => {
    const bare = waiting.map(({ client: _client, ...rest }) => rest);
    const { fetch } = stubFetch(() => ({ body: { appointments: bare } }));
    const error = await rejection(adapterWith(fetch, { readRetries: 0 }).listAppointments());
    expect(error.code).to.equal('invalid-response');
    // The person reads plain words; the fields that were wrong are kept for the host.
    expect(error.message).to.equal(unreadableAnswer);
    expect(error.detail).to.contain('client');
  });

  it('confirms with POST …/confirm and an empty body, and declines with the note', async () => {
    const { calls, fetch } = stubFetch((call) => ({
      body: { ...waiting[0], status: call.url.pathname.endsWith('/confirm') ? 'confirmed' : 'declined' },
    }));
    const adapter = adapterWith(fetch);
    expect((await adapter.confirm('seed 5')).status).to.equal('confirmed');
    expect((await adapter.decline('seed-5', 'Away that week.')).status).to.equal('declined');
    await adapter.decline('seed-5');
    expect(calls.map((call) => `${call.method} ${call.url.pathname}`)).to.deep.equal([
      'POST /api/practice/appointments/seed%205/confirm',
      'POST /api/practice/appointments/seed-5/decline',
      'POST /api/practice/appointments/seed-5/decline',
    ]);
    expect(calls.map((call) => call.body)).to.deep.equal([{}, { note: 'Away that week.' }, {}]);
    expect(calls[0].headers.get('Content-Type')).to.equal('application/json');
  });

  it("keeps the server's words for a 409, and does not send a confirmation twice", async () => {
    const message = 'That appointment is declined, not waiting for confirmation.';
    const { calls, fetch } = stubFetch(() => ({ status: 409, body: errorBody('conflict', message) }));
    const error = await rejection(adapterWith(fetch).confirm('seed-5'));
    expect(error.code).to.equal('conflict');
    expect(error.status).to.equal(409);
    expect(error.message).to.equal(message);
    expect(calls).to.have.length(1);
  });

  it('tells 401 from 403 from 404', async () => {
    for (const [status, code] of [[401, 'unauthorized'], [403, 'forbidden'], [404, 'not-found']] as const) {
      const { fetch } = stubFetch(() => ({ status, body: errorBody(code, 'No.') }));
      expect((await rejection(adapterWith(fetch).listAppointments())).code).to.equal(code);
    }
  });

  it('tries a failed read again, but not a failed decision', async () => {
    const list = stubFetch((_call, index) => (index === 0 ? { status: 503 } : { body: { appointments: [] } }));
    expect(await adapterWith(list.fetch).listAppointments()).to.deep.equal([]);
    expect(list.calls).to.have.length(2);
    const decide = stubFetch(() => ({ status: 503 }));
    expect((await rejection(adapterWith(decide.fetch).decline('seed-5'))).code).to.equal('server');
    expect(decide.calls).to.have.length(1);
  });

  it('watches by polling where there is no stream (404), reporting every answer and every failure, until stopped', async () => {
    const { calls, fetch } = stubFetch((call, index) => {
      if (call.url.pathname.endsWith('/events')) return { status: 404, body: errorBody('not-found', 'No such route.') };
      return index === 2 ? { status: 401, body: errorBody('unauthorized', 'Sign in.') } : { body: { appointments: waiting } };
    });
    const adapter = adapterWith(fetch, { pollIntervalMs: 20, maxPollIntervalMs: 40, readRetries: 0 });
    const lists: PracticeAppointment[][] = [];
    const errors: unknown[] = [];
    const stop = adapter.watchAppointments({ statuses: ['unconfirmed'], providerId: 'dr-chen' }, {
      onChange: (appointments) => lists.push(appointments),
      onError: (error) => errors.push(error),
    });
    await until(() => lists.length >= 2);
    stop();
    const seen = calls.length;
    await sleep(80);
    expect(calls.length).to.equal(seen);
    expect(errors).to.have.length(1);
    // The same list twice is still reported: conflicts change with the clock and the hours.
    expect(lists[0]).to.deep.equal(lists[1]);
    expect(calls[0].url.pathname).to.equal('/api/practice/appointments/events');
    expect(calls.filter((call) => call.url.pathname.endsWith('/events'))).to.have.length(1);
    expect(calls[1].url.searchParams.get('status')).to.equal('unconfirmed');
    expect(calls[1].url.searchParams.get('provider')).to.equal('dr-chen');
  });

  it('polls at the watch’s own interval', async () => {
    const { calls, fetch } = stubFetch((call) => (call.url.pathname.endsWith('/events') ? { status: 501 } : { body: { appointments: waiting } }));
    const { waits, stop: stopRecording } = recordWaits();
    let stop = () => {};
    try {
      stop = adapterWith(fetch, { pollIntervalMs: 10_000 }).watchAppointments({}, { onChange: () => {} }, { pollIntervalMs: 30 });
      await until(() => calls.length >= 4);
    } finally {
      stopRecording();
      stop();
    }
    expect(waits).to.include(30);
    expect(waits).not.to.include(10_000);
  });

  describe('with live events', () => {
    /** A stream the test writes, as a 200 text/event-stream answer's body. */
    function liveStream() {
      let controller!: ReadableStreamDefaultController<Uint8Array>;
      const body = new ReadableStream<Uint8Array>({ start: (given) => void (controller = given) });
      return {
        write: (text: string) => controller.enqueue(new TextEncoder().encode(text)),
        response: () => new Response(body, { headers: { 'Content-Type': 'text/event-stream' } }),
      };
    }

    /** Lists answered by `list(call)` (call counts from 1), the events path by `stream`; records the list calls. */
    function liveFetch(stream: ReturnType<typeof liveStream>, list: (call: number) => Promise<PracticeAppointment[]> | PracticeAppointment[] = () => waiting) {
      const listCalls: URL[] = [];
      const eventCalls: Headers[] = [];
      const fetch = async (input: RequestInfo | URL, init: RequestInit = {}) => {
        const url = new URL(String(input), location.href);
        if (url.pathname.endsWith('/events')) {
          eventCalls.push(new Headers(init.headers));
          return stream.response();
        }
        listCalls.push(url);
        return Response.json({ appointments: await list(listCalls.length) });
      };
      return { fetch, listCalls, eventCalls };
    }

    it('goes on polling while live: conflicts change with the clock, not only with events', async () => {
      const stream = liveStream();
      const { fetch, listCalls } = liveFetch(stream);
      const stop = adapterWith(fetch, { pollIntervalMs: 20 }).watchAppointments({}, { onChange: () => {} });
      try {
        stream.write('event: ready\ndata: {}\n\n');
        await until(() => listCalls.length >= 5);
      } finally {
        stop();
      }
    });

    const appointmentEvent = (id: number) => `event: appointment\nid: ${id}\ndata: ${JSON.stringify(waiting[0])}\n\n`;

    it('lists with its query at once, after ready and after an event', async () => {
      const stream = liveStream();
      const { fetch, listCalls, eventCalls } = liveFetch(stream);
      const lists: PracticeAppointment[][] = [];
      const stop = adapterWith(fetch, { pollIntervalMs: 60_000 }).watchAppointments({ statuses: ['unconfirmed'] }, { onChange: (list) => lists.push(list) });
      try {
        await until(() => lists.length === 1);
        stream.write('event: ready\ndata: {}\n\n');
        await until(() => lists.length === 2);
        stream.write(appointmentEvent(1));
        await until(() => lists.length === 3);
        await sleep(50);
        expect(listCalls, 'the first poll, then one list after ready and one after the event').to.have.length(3);
        expect(listCalls.every((url) => url.pathname === '/api/practice/appointments' && url.searchParams.get('status') === 'unconfirmed')).to.equal(true);
        expect(eventCalls[0].get('Accept')).to.equal('text/event-stream');
      } finally {
        stop();
      }
    });

    it('answers a burst of events with at most two lists', async () => {
      const stream = liveStream();
      let release: () => void = () => {};
      const { fetch, listCalls } = liveFetch(stream, (call) =>
        call === 3 ? new Promise((resolve) => (release = () => resolve(waiting))) : waiting,
      );
      const lists: PracticeAppointment[][] = [];
      const stop = adapterWith(fetch, { pollIntervalMs: 60_000 }).watchAppointments({}, { onChange: (list) => lists.push(list) });
      try {
        stream.write('event: ready\ndata: {}\n\n');
        await until(() => lists.length === 2);
        stream.write(appointmentEvent(1));
        await until(() => listCalls.length === 3);
        // Five more while that list is on its way: one more list covers them all.
        stream.write([2, 3, 4, 5, 6].map(appointmentEvent).join(''));
        await sleep(30);
        release();
        await until(() => lists.length === 4);
        await sleep(30);
        expect(listCalls).to.have.length(4);
      } finally {
        stop();
      }
    });
  });
});

describe('staff sign-in', () => {
  const staff = { id: 'maya-chen', name: 'Dr. Maya Chen', email: 'maya.chen@riverside-counseling.example', providerId: 'dr-chen' };

  it('signs in with POST /practice/auth/sign-in, cookies included, and resolves with who', async () => {
    const { calls, fetch } = stubFetch(() => ({ body: { staff } }));
    expect(await signInStaff('/api', { email: staff.email, password: 'riverside-demo' }, { fetch })).to.deep.equal(staff);
    expect(calls[0].url.pathname).to.equal('/api/practice/auth/sign-in');
    expect(calls[0].method).to.equal('POST');
    expect(calls[0].credentials).to.equal('include');
    expect(calls[0].body).to.deep.equal({ email: staff.email, password: 'riverside-demo' });
  });

  it('rejects a wrong pair as unauthorized with the server’s words, and too many tries with status 429, once each', async () => {
    const mismatch = stubFetch(() => ({ status: 401, body: errorBody('unauthorized', 'That e-mail address and password do not match.') }));
    const wrong = await rejection(signInStaff('/api', { email: staff.email, password: 'x' }, { fetch: mismatch.fetch }));
    expect(wrong.code).to.equal('unauthorized');
    expect(wrong.message).to.equal('That e-mail address and password do not match.');
    const busy = stubFetch(() => ({ status: 429, body: errorBody('server', 'Too many attempts.') }));
    expect((await rejection(signInStaff('/api', { email: staff.email, password: 'x' }, { fetch: busy.fetch }))).status).to.equal(429);
    expect(busy.calls).to.have.length(1);
  });

  it('asks who is signed in (undefined on 401), and signs out', async () => {
    const session = stubFetch(() => ({ body: { staff } }));
    expect(await staffSession('/api', { fetch: session.fetch })).to.deep.equal(staff);
    expect(session.calls[0].url.pathname).to.equal('/api/practice/auth/session');
    const none = stubFetch(() => ({ status: 401, body: errorBody('unauthorized', 'No session.') }));
    expect(await staffSession('/api', { fetch: none.fetch })).to.equal(undefined);
    const out = stubFetch(() => ({ body: { signedOut: true } }));
    await signOutStaff('/api', { fetch: out.fetch });
    expect(`${out.calls[0].method} ${out.calls[0].url.pathname}`).to.equal('POST /api/practice/auth/sign-out');
  });

  it('gives up on a server that does not answer in time', async () => {
    const fetch = ((_input: RequestInfo | URL, init: RequestInit = {}) =>
      new Promise<Response>((_resolve, reject) => init.signal?.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError'))))) as typeof globalThis.fetch;
    expect((await rejection(staffSession('/api', { fetch, timeoutMs: 20 }))).code).to.equal('timeout');
  });
});
