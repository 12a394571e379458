/**
 * The contract's live events (docs/rest-api.md, "Live events"): `text/event-stream` read over
 * `fetch` rather than EventSource, which can send no `Authorization` header and cannot tell a
 * backend without the stream (404) from a refusal (401). The parser follows the WHATWG HTML rules
 * for server-sent events; the follower keeps a connection up as EventSource would (reconnecting
 * after `retry`, resuming with `Last-Event-ID`), but waits longer after each failure, up to a
 * minute, and stops for good when the backend says it offers no stream.
 */
import type { Unsubscribe } from '../booking-adapter.js';
import { BookingError } from '../errors.js';
import { unreadableAnswer } from '../parse.js';
import type { RestTransport } from './rest-transport.js';

/** One dispatched event. */
export interface ServerSentEvent {
  /** The `event:` field; `message` when the event named none. */
  type: string;
  /** The `data:` lines, joined with line feeds. */
  data: string;
  /** The stream's last event id once this event arrived (kept from earlier events when it had none). */
  lastEventId: string;
}

export interface EventStreamParserEvents {
  onEvent(event: ServerSentEvent): void;
  /** A `retry:` field: the milliseconds to wait before reconnecting. */
  onRetry?(ms: number): void;
}

/**
 * Turns the bytes of one connection into events, whatever the chunks they come in: a line, a
 * field, a CRLF or a UTF-8 character may be split across two. An event still unfinished when the
 * connection ends is dropped (`end`), as the standard says.
 */
export class EventStreamParser {
  // Strips one leading byte order mark and keeps a character split across chunks for the next.
  private readonly decoder = new TextDecoder();
  private partialLine = '';
  /** The last chunk ended with CR: a LF at the start of the next one ends no second line. */
  private afterCarriageReturn = false;
  private data = '';
  private eventType = '';
  private idBuffer: string;
  private dispatchedId: string;

  /** `lastEventId`: the id a resumed connection starts from (the previous connection's). */
  constructor(
    private readonly events: EventStreamParserEvents,
    lastEventId = '',
  ) {
    this.idBuffer = lastEventId;
    this.dispatchedId = lastEventId;
  }

  /** The id to resume after: set when an event is dispatched (even one without data), kept until another id comes. */
  get lastEventId(): string {
    return this.dispatchedId;
  }

  push(chunk: Uint8Array): void {
    this.feed(this.decoder.decode(chunk, { stream: true }));
  }

  /** The connection ended: anything not yet ended by a blank line is dropped. */
  end(): void {
    this.feed(this.decoder.decode());
    this.partialLine = '';
    this.data = '';
    this.eventType = '';
  }

  private feed(text: string): void {
    if (!text) return;
    let start = this.afterCarriageReturn && text.startsWith('\n') ? 1 : 0;
    this.afterCarriageReturn = false;
    const lineBreak = /\r\n|\r|\n/g;
    lineBreak.lastIndex = start;
    for (let match = lineBreak.exec(text); match; match = lineBreak.exec(text)) {
      const line = this.partialLine + text.slice(start, match.index);
      this.partialLine = '';
      start = match.index + match[0].length;
      if (match[0] === '\r' && start === text.length) this.afterCarriageReturn = true;
      this.line(line);
    }
    this.partialLine += text.slice(start);
  }

  private line(line: string): void {
    if (line === '') return this.dispatch();
    if (line.startsWith(':')) return; // a comment: the contract's keep-alive
    const colon = line.indexOf(':');
    const field = colon === -1 ? line : line.slice(0, colon);
    let value = colon === -1 ? '' : line.slice(colon + 1);
    if (value.startsWith(' ')) value = value.slice(1);
    switch (field) {
      case 'event':
        this.eventType = value;
        break;
      case 'data':
        this.data += `${value}\n`;
        break;
      case 'id':
        if (!value.includes('\0')) this.idBuffer = value;
        break;
      case 'retry':
        if (/^[0-9]+$/.test(value)) this.events.onRetry?.(Number(value));
        break;
      default:
      // Unknown fields are ignored.
    }
  }

  private dispatch(): void {
    this.dispatchedId = this.idBuffer;
    const { data, eventType } = this;
    this.data = '';
    this.eventType = '';
    if (data === '') return;
    this.events.onEvent({ type: eventType || 'message', data: data.slice(0, -1), lastEventId: this.dispatchedId });
  }
}

/** How a followed stream reports. */
export interface EventStreamHandlers {
  /** Each event, in order, across reconnections. */
  onEvent(event: ServerSentEvent): void;
  /** The backend offers no stream (404, 405, 501, or an answer that is no stream): nothing more is tried. */
  onNotOffered(status: number): void;
  /** A connection could not be made (a refusal such as 401, the network, no answer); another is tried later. */
  onError(error: unknown): void;
  /** A connection that was open ended (closed, cut off, or silent too long); another is made after `retry`. */
  onClosed?(): void;
}

export interface EventStreamOptions {
  /** The wait before reconnecting until the server names one (`retry:`). Default 3000 ms. */
  retryMs?: number;
  /** The longest wait after repeated failures. Default 60 000 ms. */
  maxRetryMs?: number;
  /**
   * Silence after which a connection counts as dead and is made again: not even a keep-alive
   * comment (the contract sends one every 15 s) means a proxy or a sleeping laptop cut it
   * without a word. Default 45 000 ms.
   */
  idleTimeoutMs?: number;
}

/** The shortest first wait after a failure, whatever `retry:` said: a server asking for 0 must not get a storm of requests. */
const shortestFailureWaitMs = 100;

type ConnectionOutcome = 'not-offered' | 'delivered' | 'failed';

/**
 * Follows the live events at `path` over `transport` until the returned function is called:
 * reconnecting `retry` after a connection that delivered events ends, and after failures waiting
 * twice as long each time (up to `maxRetryMs`). A refusal such as 401 goes to `onError` and is
 * tried again the same way, since the host may have a fresh token by then.
 */
export function followEventStream(
  transport: RestTransport,
  path: string,
  handlers: EventStreamHandlers,
  options: EventStreamOptions = {},
): Unsubscribe {
  const stop = new AbortController();
  const maxRetryMs = options.maxRetryMs ?? 60_000;
  const idleTimeoutMs = options.idleTimeoutMs ?? 45_000;
  let retryMs = options.retryMs ?? 3000;
  let lastEventId = '';

  const safely = (report: () => void) => {
    if (stop.signal.aborted) return;
    try {
      report();
    } catch (error) {
      // A watcher's own failure must not end the stream; it hears of it like any other.
      handlers.onError(error);
    }
  };

  async function connect(): Promise<ConnectionOutcome> {
    const connection = new AbortController();
    const onStop = () => connection.abort();
    stop.signal.addEventListener('abort', onStop, { once: true });
    let idleTimer: ReturnType<typeof setTimeout> | undefined;
    let idle = false;
    const stillAlive = () => {
      clearTimeout(idleTimer);
      idleTimer = setTimeout(() => {
        idle = true;
        connection.abort();
      }, idleTimeoutMs);
    };
    let delivered = false;
    try {
      stillAlive();
      let opening;
      try {
        opening = await transport.openStream(path, { lastEventId, signal: connection.signal });
      } catch (error) {
        safely(() =>
          handlers.onError(idle ? new BookingError('timeout', 'The server took too long to answer.', { cause: error }) : error),
        );
        return 'failed';
      }
      if (!opening.offered) {
        safely(() => handlers.onNotOffered(opening.status));
        return 'not-offered';
      }
      const parser = new EventStreamParser(
        {
          onEvent: (event) => {
            delivered = true;
            lastEventId = event.lastEventId;
            safely(() => handlers.onEvent(event));
          },
          onRetry: (ms) => (retryMs = ms),
        },
        lastEventId,
      );
      const reader = opening.body.getReader();
      // A fetch's body ends with its signal; a body from elsewhere (a custom fetch) may not.
      const release = () => void reader.cancel().catch(() => undefined);
      connection.signal.addEventListener('abort', release, { once: true });
      try {
        for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) {
          stillAlive();
          parser.push(chunk.value);
          lastEventId = parser.lastEventId;
          if (stop.signal.aborted) break;
        }
        parser.end();
      } catch {
        // Cut off mid-stream (the network, the idle limit): reconnecting is the answer, and a
        // failure to reconnect is what gets reported.
      } finally {
        lastEventId = parser.lastEventId;
        connection.signal.removeEventListener('abort', release);
        release();
      }
      safely(() => handlers.onClosed?.());
      return delivered ? 'delivered' : 'failed';
    } finally {
      clearTimeout(idleTimer);
      stop.signal.removeEventListener('abort', onStop);
      connection.abort();
    }
  }

  const wait = (ms: number) =>
    new Promise<void>((resolve) => {
      const timer = setTimeout(done, ms);
      stop.signal.addEventListener('abort', done, { once: true });
      function done() {
        clearTimeout(timer);
        stop.signal.removeEventListener('abort', done);
        resolve();
      }
    });

  void (async () => {
    let failures = 0;
    while (!stop.signal.aborted) {
      const outcome = await connect();
      if (outcome === 'not-offered' || stop.signal.aborted) return;
      failures = outcome === 'delivered' ? 0 : failures + 1;
      if (failures === 0) {
        await wait(retryMs);
      } else {
        const backoff = Math.min(maxRetryMs, Math.max(retryMs, shortestFailureWaitMs) * 2 ** (failures - 1));
        // Jitter downwards only: clients cut off together do not come back together, and the cap holds.
        await wait(backoff * (0.8 + Math.random() * 0.2));
      }
    }
  })();

  return () => stop.abort();
}

/** An event's `data` as JSON; not JSON, it is an `invalid-response`, like an answer that is not. */
export function parseEventData(data: string): unknown {
  try {
    return JSON.parse(data) as unknown;
  } catch (cause) {
    throw new BookingError('invalid-response', unreadableAnswer, {
      issues: ['(root): not JSON'],
      cause: new Error(`A live event's data was not JSON: ${data.slice(0, 80)}`, { cause }),
    });
  }
}
