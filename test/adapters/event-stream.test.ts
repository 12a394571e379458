/**
 * The live events' reader: the WHATWG parsing rules at their edges (chunks split anywhere, line
 * ends, comments, ids with and without data), and the follower over RestTransport with a fetch
 * whose streams the test writes: not offered, refused, dropped and resumed, stopped.
 */
import { expect } from '@open-wc/testing';
import type { BookingError } from '../../src/adapters/errors.js';
import { EventStreamParser, type ServerSentEvent, followEventStream } from '../../src/adapters/rest/event-stream.js';
import { RestTransport } from '../../src/adapters/rest/rest-transport.js';
import { sleep, until } from '../support/async.js';

const bytes = (text: string) => new TextEncoder().encode(text);

/** The events and retries a parser makes of `chunks`, and the id it would resume after. */
function parse(chunks: Array<string | Uint8Array>, { end = true } = {}) {
  const events: ServerSentEvent[] = [];
  const retries: number[] = [];
  const parser = new EventStreamParser({ onEvent: (event) => events.push(event), onRetry: (ms) => retries.push(ms) });
  for (const chunk of chunks) parser.push(typeof chunk === 'string' ? bytes(chunk) : chunk);
  if (end) parser.end();
  return { events, retries, lastEventId: parser.lastEventId };
}

const event = (type: string, data: string, lastEventId = ''): ServerSentEvent => ({ type, data, lastEventId });

describe('EventStreamParser', () => {
  it('makes an event of its fields, ended by a blank line', () => {
    expect(parse(['event: appointment\nid: 7\ndata: {"id":"a-1"}\n\n']).events).to.deep.equal([event('appointment', '{"id":"a-1"}', '7')]);
  });

  it('calls an event without a type `message`', () => {
    expect(parse(['data: hello\n\n']).events).to.deep.equal([event('message', 'hello')]);
  });

  it('joins multi-line data with line feeds', () => {
    expect(parse(['data: one\ndata:\ndata:  three\n\n']).events).to.deep.equal([event('message', 'one\n\n three')]);
  });

  it('strips one space after the colon, and reads a field without a colon as empty', () => {
    expect(parse(['data:x\n\ndata\n\n']).events).to.deep.equal([event('message', 'x'), event('message', '')]);
  });

  it('ends lines at CRLF, CR and LF alike', () => {
    const expected = [event('a', '1\n2', '9'), event('message', '3')];
    expect(parse(['event: a\r\ndata: 1\r\ndata: 2\r\nid: 9\r\n\r\ndata: 3\r\n\r\n']).events).to.deep.equal(expected.map((e, i) => (i ? { ...e, lastEventId: '9' } : e)));
    expect(parse(['event: a\rdata: 1\rdata: 2\rid: 9\r\rdata: 3\r\r']).events).to.deep.equal(expected.map((e, i) => (i ? { ...e, lastEventId: '9' } : e)));
    expect(parse(['event: a\ndata: 1\r\ndata: 2\rid: 9\n\r\ndata: 3\n\n']).events).to.deep.equal(expected.map((e, i) => (i ? { ...e, lastEventId: '9' } : e)));
  });

  it('reads a CRLF split across two chunks as one line end, not a blank line', () => {
    expect(parse(['data: a\r', '\ndata: b\r\n\r\n']).events).to.deep.equal([event('message', 'a\nb')]);
  });

  it('reads the same events whichever byte a chunk ends at', () => {
    const text = 'retry: 2500\r\nevent: appointment\r\nid: 12\r\ndata: {"note":"Café ☕ 日本"}\r\n: keep-alive\r\n\r\nevent: ready\ndata: {}\n\n';
    const whole = parse([text]);
    expect(whole.events).to.have.length(2);
    const encoded = bytes(text);
    for (let cut = 1; cut < encoded.length; cut++) {
      const split = parse([encoded.slice(0, cut), encoded.slice(cut)]);
      expect(split.events, `cut at byte ${cut}`).to.deep.equal(whole.events);
      expect(split.retries, `cut at byte ${cut}`).to.deep.equal([2500]);
    }
    // And one byte at a time.
    expect(parse([...encoded].map((byte) => Uint8Array.of(byte))).events).to.deep.equal(whole.events);
  });

  it('ignores comments', () => {
    expect(parse([': keep-alive\n\n:\ndata: x\n: between\n\n']).events).to.deep.equal([event('message', 'x')]);
  });

  it('ignores one leading byte order mark', () => {
    const withBom = Uint8Array.of(0xef, 0xbb, 0xbf, ...bytes('data: x\n\n'));
    expect(parse([withBom]).events).to.deep.equal([event('message', 'x')]);
  });

  it('keeps an id sent without data for the next event and for resuming, dispatching nothing', () => {
    const { events, lastEventId } = parse(['id: 5\n\n', 'data: later\n\n']);
    expect(events).to.deep.equal([event('message', 'later', '5')]);
    expect(lastEventId).to.equal('5');
    expect(parse(['id: 6\n\n']).events).to.deep.equal([]);
    expect(parse(['id: 6\n\n']).lastEventId).to.equal('6');
  });

  it('takes an empty id as “no id”, and ignores an id holding NUL', () => {
    expect(parse(['id: 3\ndata: a\n\nid\ndata: b\n\n']).events.map((e) => e.lastEventId)).to.deep.equal(['3', '']);
    expect(parse(['id: 3\ndata: a\n\nid: 4\u0000\ndata: b\n\n']).events.map((e) => e.lastEventId)).to.deep.equal(['3', '3']);
  });

  it('applies an id only once its event ends', () => {
    expect(parse(['id: 8\ndata: cut off'], { end: true }).lastEventId).to.equal('');
  });

  it('drops an event the stream ends in the middle of', () => {
    expect(parse(['data: whole\n\ndata: half\n']).events).to.deep.equal([event('message', 'whole')]);
    expect(parse(['data: half']).events).to.deep.equal([]);
  });

  it('forgets the type of an event without data', () => {
    expect(parse(['event: ready\n\ndata: x\n\n']).events).to.deep.equal([event('message', 'x')]);
  });

  it('takes retry only as ASCII digits', () => {
    expect(parse(['retry: 1500\nretry: 1.5\nretry: -1\nretry: soon\nretry: 20\n\n']).retries).to.deep.equal([1500, 20]);
  });

  it('ignores unknown fields', () => {
    expect(parse(['colour: red\ndata: x\n\n']).events).to.deep.equal([event('message', 'x')]);
  });
});

/** One stream the test writes to, as the body of a 200 text/event-stream answer. */
class TestStream {
  private controller!: ReadableStreamDefaultController<Uint8Array>;
  cancelled = false;
  readonly body = new ReadableStream<Uint8Array>({
    start: (controller) => {
      this.controller = controller;
    },
    cancel: () => {
      this.cancelled = true;
    },
  });
  write(text: string) {
    this.controller.enqueue(bytes(text));
  }
  close() {
    this.controller.close();
  }
  fail() {
    this.controller.error(new TypeError('network error'));
  }
  response() {
    return new Response(this.body, { headers: { 'Content-Type': 'text/event-stream', 'Cache-Control': 'no-store' } });
  }
}

/** A fetch for the events path whose answers the test gives, one per connection, recording each request. */
function streamingFetch(answer: (connection: number) => Response | Promise<Response>) {
  const requests: Array<{ url: string; headers: Headers; signal?: AbortSignal | null }> = [];
  const fetch = async (input: RequestInfo | URL, init: RequestInit = {}) => {
    requests.push({ url: String(input), headers: new Headers(init.headers), signal: init.signal });
    return answer(requests.length);
  };
  return { fetch, requests };
}

describe('followEventStream', () => {
  let stop: (() => void) | undefined;
  let events: ServerSentEvent[];
  let errors: unknown[];
  let notOffered: number[];
  const handlers = {
    onEvent: (e: ServerSentEvent) => events.push(e),
    onError: (error: unknown) => errors.push(error),
    onNotOffered: (status: number) => notOffered.push(status),
  };

  beforeEach(() => {
    events = [];
    errors = [];
    notOffered = [];
  });
  afterEach(() => {
    stop?.();
    stop = undefined;
  });

  it('reads events as they come, asking with the transport’s headers', async () => {
    const stream = new TestStream();
    const { fetch, requests } = streamingFetch(() => stream.response());
    const transport = new RestTransport({ baseUrl: '/api', fetch, headers: () => ({ Authorization: 'Bearer alex' }) });
    stop = followEventStream(transport, '/appointments/events', handlers);
    stream.write('retry: 3000\n\nevent: ready\ndata: {}\n\n');
    await until(() => events.length === 1);
    stream.write('event: appointment\nid: 4\ndata: {"id":"a"}\n\n');
    await until(() => events.length === 2);
    expect(events.map((e) => e.type)).to.deep.equal(['ready', 'appointment']);
    expect(requests[0].url).to.equal('/api/appointments/events');
    expect(requests[0].headers.get('Authorization')).to.equal('Bearer alex');
    expect(requests[0].headers.has('Last-Event-ID')).to.equal(false);
  });

  it('reconnects after the stream ends, waiting the retry it named, and resumes with Last-Event-ID', async () => {
    const streams = [new TestStream(), new TestStream()];
    const { fetch, requests } = streamingFetch((connection) => streams[connection - 1].response());
    stop = followEventStream(new RestTransport({ baseUrl: '/api', fetch }), '/appointments/events', handlers);
    streams[0].write('retry: 20\n\nevent: ready\nid: 10\ndata: {}\n\nevent: appointment\nid: 11\ndata: {}\n\nid: 12\n\n');
    await until(() => events.length === 2);
    streams[0].close();
    await until(() => requests.length === 2);
    expect(requests[1].headers.get('Last-Event-ID'), 'the last id, sent even without data').to.equal('12');
    streams[1].write('event: appointment\nid: 13\ndata: {}\n\n');
    await until(() => events.length === 3);
    expect(events[2].lastEventId).to.equal('13');
    expect(errors).to.deep.equal([]);
  });

  it('reconnects after the connection fails mid-stream', async () => {
    const streams = [new TestStream(), new TestStream()];
    const { fetch, requests } = streamingFetch((connection) => streams[connection - 1].response());
    stop = followEventStream(new RestTransport({ baseUrl: '/api', fetch }), '/appointments/events', handlers);
    streams[0].write('retry: 10\nevent: ready\nid: 1\ndata: {}\n\n');
    await until(() => events.length === 1);
    streams[0].fail();
    await until(() => requests.length === 2);
    expect(requests[1].headers.get('Last-Event-ID')).to.equal('1');
  });

  for (const status of [404, 405, 501]) {
    it(`stops for good when the backend answers ${status}`, async () => {
      const { fetch, requests } = streamingFetch(() => new Response(null, { status }));
      stop = followEventStream(new RestTransport({ baseUrl: '/api', fetch }), '/appointments/events', handlers, { retryMs: 5 });
      await until(() => notOffered.length === 1);
      await sleep(60);
      expect(notOffered).to.deep.equal([status]);
      expect(requests).to.have.length(1);
      expect(errors).to.deep.equal([]);
    });
  }

  it('reports a refusal (401) and tries again later, not at once', async () => {
    const { fetch, requests } = streamingFetch(() => Response.json({ error: { code: 'unauthorized', message: 'Sign in.' } }, { status: 401 }));
    stop = followEventStream(new RestTransport({ baseUrl: '/api', fetch }), '/appointments/events', handlers);
    await until(() => errors.length === 1);
    await sleep(200);
    expect(requests, 'no second request within the default 3 s').to.have.length(1);
    expect((errors[0] as BookingError).code).to.equal('unauthorized');
    expect(notOffered).to.deep.equal([]);
  });

  it('waits twice as long after each failure, up to maxRetryMs', async () => {
    const { fetch, requests } = streamingFetch(() => new Response(null, { status: 503 }));
    const waits: number[] = [];
    const real = window.setTimeout;
    window.setTimeout = ((handler: TimerHandler, timeout?: number, ...rest: unknown[]) => {
      if (timeout !== 60_000 && timeout !== 45_000) waits.push(timeout ?? 0);
      return real(handler, timeout, ...rest);
    }) as typeof window.setTimeout;
    try {
      stop = followEventStream(new RestTransport({ baseUrl: '/api', fetch, readRetries: 0 }), '/x/events', handlers, { retryMs: 100, maxRetryMs: 350, idleTimeoutMs: 45_000 });
      await until(() => requests.length === 5, 5000);
    } finally {
      window.setTimeout = real;
    }
    const backoffs = waits.filter((ms) => ms >= 50).slice(0, 4);
    // 100, 200, 350 (not 400), 350, each jittered down by at most a fifth.
    const expected = [100, 200, 350, 350];
    backoffs.forEach((ms, i) => expect(ms, `wait ${i + 1}`).to.be.within(expected[i] * 0.8, expected[i]));
    expect(errors).to.have.length.at.least(4);
  });

  it('makes the connection again after a silence longer than idleTimeoutMs', async () => {
    const streams = [new TestStream(), new TestStream()];
    const { fetch, requests } = streamingFetch((connection) => streams[connection - 1].response());
    stop = followEventStream(new RestTransport({ baseUrl: '/api', fetch }), '/appointments/events', handlers, { idleTimeoutMs: 80 });
    streams[0].write('retry: 10\nevent: ready\nid: 3\ndata: {}\n\n');
    await until(() => events.length === 1);
    await until(() => requests.length === 2, 1000);
    expect(requests[0].signal?.aborted, 'the silent connection is closed').to.equal(true);
    expect(requests[1].headers.get('Last-Event-ID')).to.equal('3');
  });

  it('closes the connection and reports nothing more once stopped', async () => {
    const stream = new TestStream();
    const { fetch, requests } = streamingFetch(() => stream.response());
    stop = followEventStream(new RestTransport({ baseUrl: '/api', fetch }), '/appointments/events', handlers, { retryMs: 5 });
    stream.write('event: ready\ndata: {}\n\n');
    await until(() => events.length === 1);
    stop();
    expect(requests[0].signal?.aborted).to.equal(true);
    await sleep(50);
    expect(requests).to.have.length(1);
    expect(events).to.have.length(1);
  });

  it('goes on after a handler throws, telling onError', async () => {
    const stream = new TestStream();
    const { fetch } = streamingFetch(() => stream.response());
    const failure = new Error('watcher bug');
    stop = followEventStream(new RestTransport({ baseUrl: '/api', fetch }), '/e', {
      ...handlers,
      onEvent: (e) => {
        events.push(e);
        if (e.data === 'bad') throw failure;
      },
    });
    stream.write('data: bad\n\ndata: good\n\n');
    await until(() => events.length === 2);
    expect(errors).to.deep.equal([failure]);
  });
});
