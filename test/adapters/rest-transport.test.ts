/**
 * RestTransport as custom adapters and tests build on it: a per-call time limit chosen by a
 * subclass, one transport shared by several adapters, and what a backend with a contract of its
 * own names (its idempotency header, its error bodies, PATCH, numbers in the query). Its retries,
 * time-outs and aborts are RestAdapter's tests' (rest-adapter.test.ts), with the default limit.
 */
import { expect } from '@open-wc/testing';
import * as z from 'zod/mini';
import { BookingError } from '../../src/adapters/errors.js';
import { RestAdapter } from '../../src/adapters/rest/rest-adapter.js';
import { RestPracticeAdapter } from '../../src/adapters/rest/rest-practice-adapter.js';
import { type CallPlan, RestTransport } from '../../src/adapters/rest/rest-transport.js';
import { rejection } from '../support/async.js';

interface Sent {
  url: string;
  method: string;
  headers: Headers;
  body: string | undefined;
}

/** A fetch that records each request and answers `answer(url)`, or never (until aborted) when that is undefined. */
function recordingFetch(answer: (url: string) => Response | undefined = () => Response.json({ ok: true })) {
  const sent: Sent[] = [];
  const fetch = (input: RequestInfo | URL, init: RequestInit = {}): Promise<Response> => {
    const url = String(input);
    sent.push({ url, method: init.method ?? 'GET', headers: new Headers(init.headers), body: init.body as string | undefined });
    const response = answer(url);
    if (response) return Promise.resolve(response);
    return new Promise((_, reject) => {
      init.signal?.addEventListener('abort', () => reject(new DOMException('The call was aborted.', 'AbortError')), { once: true });
    });
  };
  return { fetch, sent };
}

const okSchema = z.object({ ok: z.boolean() });

describe('RestTransport', () => {
  it('lets a subclass choose the time limit of each call', async () => {
    class QuickForSlowReports extends RestTransport {
      readonly asked: string[] = [];
      protected override timeLimitMs(plan: CallPlan<unknown>): number {
        this.asked.push(plan.path);
        return plan.path === '/reports' ? 30 : super.timeLimitMs(plan);
      }
    }
    const { fetch } = recordingFetch((url) => (url.endsWith('/reports') ? undefined : Response.json({ ok: true })));
    // Far beyond the test's own limit: only the subclass's 30 ms can end the hanging call.
    const transport = new QuickForSlowReports({ baseUrl: '/api', fetch, timeoutMs: 600_000, readRetries: 0 });
    const error = await rejection(transport.send({ method: 'GET', path: '/reports', schema: okSchema, what: 'the report' }));
    expect(error.code).to.equal('timeout');
    expect(await transport.send({ method: 'GET', path: '/status', schema: okSchema, what: 'the status' })).to.deep.equal({ ok: true });
    expect(transport.asked).to.deep.equal(['/reports', '/status']);
  });

  it('serves several adapters as one, given as their `transport`', async () => {
    let headersAsked = 0;
    const { fetch, sent } = recordingFetch((url) =>
      Response.json(url.includes('/practice/') ? { appointments: [] } : { providers: [] }),
    );
    const transport = new RestTransport({
      baseUrl: 'https://practice.example/api/',
      fetch,
      headers: () => ({ Authorization: `Bearer token-${++headersAsked}` }),
    });
    const client = new RestAdapter({ transport });
    const staff = new RestPracticeAdapter({ transport, pollIntervalMs: 1000 });
    expect(await client.listProviders()).to.deep.equal([]);
    expect(await staff.listAppointments()).to.deep.equal([]);
    expect(sent.map((request) => [request.url, request.headers.get('Authorization')])).to.deep.equal([
      ['https://practice.example/api/providers', 'Bearer token-1'],
      ['https://practice.example/api/practice/appointments', 'Bearer token-2'],
    ]);
  });

  it('sends the idempotency key in the header it is told, PATCH, and numbers in the query', async () => {
    const { fetch, sent } = recordingFetch();
    const transport = new RestTransport({ baseUrl: '/vendor', fetch, idempotencyHeader: 'Idempotency-Token' });
    await transport.send({
      method: 'PATCH',
      path: '/visits/v-1',
      query: { from: 1796824800, to: undefined, dry_run: 'true' },
      body: { starts_at: 1796824800 },
      schema: okSchema,
      what: 'the visit',
      idempotencyKey: 'key-1',
    });
    expect(sent).to.have.length(1);
    const [request] = sent;
    expect([request.method, request.url, request.body]).to.deep.equal(['PATCH', '/vendor/visits/v-1?from=1796824800&dry_run=true', '{"starts_at":1796824800}']);
    expect(request.headers.get('Idempotency-Token')).to.equal('key-1');
    expect(request.headers.has('Idempotency-Key')).to.equal(false);
  });

  describe('a refusal from a backend with error bodies of its own', () => {
    const calls: Array<[number, unknown]> = [];
    const errorFrom = (status: number, body: unknown) => {
      calls.push([status, body]);
      return new BookingError(status === 422 ? 'conflict' : 'server', 'Mapped by the adapter.', { status });
    };
    beforeEach(() => {
      calls.length = 0;
    });

    it('is the BookingError its errorFrom makes from the status and the parsed body', async () => {
      const body = { errors: [{ code: 'SLOT_TAKEN', detail: 'Taken.' }] };
      const { fetch } = recordingFetch(() => Response.json(body, { status: 422 }));
      const transport = new RestTransport({ baseUrl: '/vendor', fetch, errorFrom });
      const error = await rejection(transport.send({ method: 'POST', path: '/visits', body: {}, schema: okSchema, what: 'the visit' }));
      expect([error.code, error.message, error.status]).to.deep.equal(['conflict', 'Mapped by the adapter.', 422]);
      expect(calls).to.deep.equal([[422, body]]);
    });

    it('gives errorFrom no body when the answer was not JSON, and retries a read it calls retryable', async () => {
      const { fetch, sent } = recordingFetch(() => new Response('<h1>Down</h1>', { status: 503, headers: { 'Content-Type': 'text/html' } }));
      const transport = new RestTransport({ baseUrl: '/vendor', fetch, errorFrom, readRetries: 1, retryDelayMs: 1 });
      const error = await rejection(transport.send({ method: 'GET', path: '/visits', schema: okSchema, what: 'the visits' }));
      expect(error.code).to.equal('server');
      expect(calls).to.deep.equal([
        [503, undefined],
        [503, undefined],
      ]);
      expect(sent).to.have.length(2);
    });
  });

  it('reads the contract’s error body when no errorFrom is given', async () => {
    const { fetch } = recordingFetch(() => Response.json({ error: { code: 'conflict', message: 'Taken meanwhile.' } }, { status: 409 }));
    const error = await rejection(new RestTransport({ baseUrl: '/api', fetch }).send({ method: 'POST', path: '/appointments', body: {}, schema: okSchema, what: 'x' }));
    expect([error.code, error.message, error.status]).to.deep.equal(['conflict', 'Taken meanwhile.', 409]);
  });
});

/**
 * A clock for one test: setTimeout, clearTimeout and performance.now follow `advance`, not the
 * machine's time, so a 15 s answer takes no 15 real seconds. Between timers, the real event loop
 * turns once, so promises and answers' bodies settle as they would.
 */
function fakeClock() {
  const real = { setTimeout: window.setTimeout, clearTimeout: window.clearTimeout };
  let now = 0;
  let nextId = 1;
  const timers = new Map<number, { at: number; run: () => void }>();
  window.setTimeout = ((handler: TimerHandler, ms = 0, ...args: unknown[]) => {
    const id = nextId++;
    timers.set(id, { at: now + Math.max(0, ms), run: () => (handler as (...values: unknown[]) => void)(...args) });
    return id;
  }) as typeof window.setTimeout;
  window.clearTimeout = ((id?: number) => {
    if (id !== undefined) timers.delete(id);
  }) as typeof window.clearTimeout;
  Object.defineProperty(performance, 'now', { configurable: true, value: () => now });
  const turn = () => new Promise<void>((resolve) => real.setTimeout.call(window, resolve, 0));
  return {
    /** Moves the clock on by `ms`, running every timer due meanwhile, in order. */
    async advance(ms: number) {
      const target = now + ms;
      await turn();
      for (;;) {
        const [next] = [...timers.entries()].filter(([, timer]) => timer.at <= target).sort(([a, x], [b, y]) => x.at - y.at || a - b);
        if (!next) break;
        timers.delete(next[0]);
        now = next[1].at;
        next[1].run();
        await turn();
        await turn();
      }
      now = target;
      await turn();
    },
    uninstall() {
      window.setTimeout = real.setTimeout;
      window.clearTimeout = real.clearTimeout;
      delete (performance as { now?: unknown }).now;
    },
  };
}

/** Whether `promise` has settled by now, and how. */
function watch<T>(promise: Promise<T>) {
  const state: { settled: boolean; value?: T; error?: BookingError } = { settled: false };
  promise.then(
    (value) => Object.assign(state, { settled: true, value }),
    (error: BookingError) => Object.assign(state, { settled: true, error }),
  );
  return state;
}

describe('RestTransport: slow is not failed', () => {
  let clock: ReturnType<typeof fakeClock>;
  beforeEach(() => {
    clock = fakeClock();
  });
  afterEach(() => clock.uninstall());

  /** A fetch answering each call after `delayMs(call)` on the fake clock with `answer(call)`, or never when the delay is undefined. */
  function slowFetch(delayMs: (call: number) => number | undefined, answer: (call: number) => Response = () => Response.json({ ok: true })) {
    let calls = 0;
    const fetch = (_input: RequestInfo | URL, init: RequestInit = {}): Promise<Response> => {
      const call = ++calls;
      return new Promise((resolve, reject) => {
        const wait = delayMs(call);
        const timer = wait === undefined ? undefined : setTimeout(() => resolve(answer(call)), wait);
        init.signal?.addEventListener('abort', () => {
          clearTimeout(timer);
          reject(new DOMException('The call was aborted.', 'AbortError'));
        });
      });
    };
    return { fetch, get calls() { return calls; } };
  }
  const read = { method: 'GET', path: '/availability', schema: okSchema, what: 'availability' } as const;

  it('waits for an answer that takes 15 s, with no attempt cut off and none repeated', async () => {
    const server = slowFetch(() => 15_000);
    const call = watch(new RestTransport({ baseUrl: '/api', fetch: server.fetch }).send(read));
    await clock.advance(14_999);
    expect(call.settled, 'still waiting just before the answer').to.equal(false);
    await clock.advance(1);
    expect(call).to.deep.equal({ settled: true, value: { ok: true } });
    expect(server.calls).to.equal(1);
  });

  it('fails as timeout one unit after the default 60 s in all, not one unit before, and does not try again', async () => {
    const server = slowFetch(() => undefined);
    const call = watch(new RestTransport({ baseUrl: '/api', fetch: server.fetch }).send(read));
    await clock.advance(59_999);
    expect(call.settled).to.equal(false);
    await clock.advance(2);
    expect([call.settled, call.error?.code]).to.deep.equal([true, 'timeout']);
    expect(server.calls).to.equal(1);
  });

  it('counts every attempt and every wait before a retry in the one limit', async () => {
    // Two fast 503s, then an answer that never comes: the limit is the call's, not the third attempt's.
    const server = slowFetch((call) => (call <= 2 ? 10 : undefined), () => new Response(null, { status: 503 }));
    const transport = new RestTransport({ baseUrl: '/api', fetch: server.fetch, timeoutMs: 5000, retryDelayMs: 100 });
    const call = watch(transport.send(read));
    await clock.advance(4999);
    expect([call.settled, server.calls]).to.deep.equal([false, 3]);
    await clock.advance(2);
    expect(call.error?.code).to.equal('timeout');
  });

  it('takes a call’s own timeoutMs over the transport’s', async () => {
    const server = slowFetch(() => undefined);
    const transport = new RestTransport({ baseUrl: '/api', fetch: server.fetch, timeoutMs: 1000 });
    const longer = watch(transport.send({ ...read, options: { timeoutMs: 20_000 } }));
    const shorter = watch(transport.send({ ...read, options: { timeoutMs: 300 } }));
    await clock.advance(299);
    expect(shorter.settled).to.equal(false);
    await clock.advance(2);
    expect(shorter.error?.code).to.equal('timeout');
    await clock.advance(19_698);
    expect(longer.settled, 'not at the transport’s 1000 ms').to.equal(false);
    await clock.advance(2);
    expect(longer.error?.code).to.equal('timeout');
  });

  it('retries fast failures while time remains, and begins no wait the limit would cut short', async () => {
    const server = slowFetch(() => 0, () => Response.json({ error: { code: 'server', message: 'Busy.' } }, { status: 503 }));
    // Waits of 300–500 ms, then 600–1000 ms (jitter): only the first fits in 800 ms.
    const transport = new RestTransport({ baseUrl: '/api', fetch: server.fetch, timeoutMs: 800, retryDelayMs: 400, readRetries: 5 });
    const call = watch(transport.send(read));
    await clock.advance(600);
    expect([call.settled, server.calls]).to.deep.equal([true, 2]);
    expect(call.error?.code, 'the server’s failure, not a timeout').to.equal('server');
  });

  it('still succeeds on a retry after a fast failure', async () => {
    const server = slowFetch(() => 5, (call) => (call === 1 ? new Response(null, { status: 502 }) : Response.json({ ok: true })));
    const call = watch(new RestTransport({ baseUrl: '/api', fetch: server.fetch, retryDelayMs: 100 }).send(read));
    await clock.advance(1000);
    expect(call.value).to.deep.equal({ ok: true });
    expect(server.calls).to.equal(2);
  });
});

describe('RestTransport: a 5xx answer’s words', () => {
  it('shows our plain words for a 500 and keeps the server’s in detail', async () => {
    const { fetch } = recordingFetch(() => Response.json({ error: { code: 'server', message: 'relation "slots" does not exist' } }, { status: 500 }));
    const error = await rejection(new RestTransport({ baseUrl: '/api', fetch, readRetries: 0 }).send({ method: 'GET', path: '/x', schema: okSchema, what: 'x' }));
    expect([error.code, error.status]).to.deep.equal(['server', 500]);
    expect(error.message).to.equal("The practice's booking system had a problem. Please try again in a moment.");
    expect(error.detail).to.equal('relation "slots" does not exist');
  });

  it('keeps the server’s words as the message below 500, with no detail', async () => {
    const { fetch } = recordingFetch(() => Response.json({ error: { code: 'not-found', message: 'No such provider.' } }, { status: 404 }));
    const error = await rejection(new RestTransport({ baseUrl: '/api', fetch }).send({ method: 'GET', path: '/x', schema: okSchema, what: 'x' }));
    expect([error.message, error.detail]).to.deep.equal(['No such provider.', undefined]);
  });
});

describe('RestTransport.openStream', () => {
  const signal = () => new AbortController().signal;

  it('asks with the host’s headers, cookies as configured, text/event-stream and Last-Event-ID', async () => {
    let init: RequestInit | undefined;
    let url = '';
    const fetch = (input: RequestInfo | URL, given: RequestInit = {}) => {
      url = String(input);
      init = given;
      return Promise.resolve(new Response('retry: 10\n\n', { headers: { 'Content-Type': 'text/event-stream; charset=utf-8' } }));
    };
    const transport = new RestTransport({ baseUrl: '/api/', fetch, credentials: 'include', headers: () => ({ Authorization: 'Bearer t-1' }) });
    const opening = await transport.openStream('/appointments/events', { lastEventId: '41', signal: signal() });
    expect(opening.offered).to.equal(true);
    const headers = new Headers(init?.headers);
    expect([url, init?.credentials, headers.get('Accept'), headers.get('Last-Event-ID'), headers.get('Authorization')]).to.deep.equal([
      '/api/appointments/events',
      'include',
      'text/event-stream',
      '41',
      'Bearer t-1',
    ]);
  });

  for (const status of [404, 405, 501]) {
    it(`takes ${status} as “not offered”`, async () => {
      const { fetch } = recordingFetch(() => Response.json({ error: { code: 'not-found', message: 'No.' } }, { status }));
      expect(await new RestTransport({ baseUrl: '/api', fetch }).openStream('/appointments/events', { signal: signal() })).to.deep.equal({ offered: false, status });
    });
  }

  it('takes a 200 that is no event stream (a page for every path) as “not offered”', async () => {
    const { fetch } = recordingFetch(() => new Response('<!doctype html>', { headers: { 'Content-Type': 'text/html' } }));
    expect(await new RestTransport({ baseUrl: '/api', fetch }).openStream('/appointments/events', { signal: signal() })).to.deep.equal({ offered: false, status: 200 });
  });

  it('rejects a refusal as its BookingError, and leaves out Last-Event-ID when there is none', async () => {
    const { fetch, sent } = recordingFetch(() => Response.json({ error: { code: 'unauthorized', message: 'Sign in.' } }, { status: 401 }));
    const error = await rejection(new RestTransport({ baseUrl: '/api', fetch }).openStream('/appointments/events', { signal: signal() }));
    expect([error.code, error.status, error.message]).to.deep.equal(['unauthorized', 401, 'Sign in.']);
    expect(sent[0].headers.has('Last-Event-ID')).to.equal(false);
  });
});
