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
