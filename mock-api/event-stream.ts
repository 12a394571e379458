/**
 * The contract's live events (docs/rest-api.md, "Observing status changes") over the in-memory
 * Practice: one SSE framing for `GET /appointments/events` (handlers.ts) and
 * `GET /practice/appointments/events` (practice-handlers.ts), which differ only in whose
 * appointments a stream is sent and how each is shown.
 *
 * The mock keeps no history: a `Last-Event-ID` is answered with `ready` alone, which is allowed
 * (clients list again after every `ready`). Ids still increase across the practice's changes, so
 * a client that resumes is never told an older id than the one it has.
 */
import type { Practice } from '../src/adapters/memory/practice.js';
import type { StoredAppointment } from '../src/adapters/memory/practice-data.js';
import { BookingError } from '../src/adapters/errors.js';

/** How often an idle stream is sent a comment, as the contract says. */
export const keepAliveMs = 15_000;

/** The latest event id of each practice (one per change it reported, whoever made it), or null for one that cannot tell of its changes. */
const latestEventIds = new WeakMap<Practice, { latest: number } | null>();

/**
 * Starts counting a practice's changes (once per practice), so ids number changes from the first
 * one the handlers were there for. Its listener is the practice's first, so a stream's listener
 * reads the id of the change it is hearing. Undefined for a practice that cannot tell of its
 * changes (the demo's StoredPractice, shared by tabs through storage): there the streams are not
 * offered (404) and the elements poll.
 */
export function countPracticeEvents(practice: Practice): { latest: number } | undefined {
  let counter = latestEventIds.get(practice);
  if (counter === undefined) {
    const created = { latest: 0 };
    try {
      practice.subscribe(() => void created.latest++);
      counter = created;
    } catch {
      counter = null;
    }
    latestEventIds.set(practice, counter);
  }
  return counter ?? undefined;
}

/**
 * The stream's answer: `retry: 3000`, `ready`, then an `appointment` event for each change that
 * `present` shows this reader (undefined: not theirs, nothing is sent), and keep-alive comments.
 * Everything is released when the request's signal aborts or the reader cancels the body.
 */
export function appointmentEventStream(
  practice: Practice,
  request: Request,
  present: (appointment: StoredAppointment) => unknown,
): Response {
  const events = countPracticeEvents(practice);
  if (!events) throw new BookingError('not-found', 'This practice offers no live events: ask for the list again now and then.', { status: 404 });
  const encoder = new TextEncoder();
  let release = () => {};
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      let released = false;
      const send = (text: string) => {
        if (released) return;
        try {
          controller.enqueue(encoder.encode(text));
        } catch {
          release(); // the stream closed under us
        }
      };
      const unsubscribe = practice.subscribe(({ appointment }) => {
        let shown: unknown;
        try {
          shown = present(appointment);
        } catch {
          // A change this reader cannot be shown (a client the practice no longer has) is not theirs.
          return;
        }
        if (shown !== undefined) send(`event: appointment\nid: ${events.latest}\ndata: ${JSON.stringify(shown)}\n\n`);
      });
      const keepAlive = setInterval(() => send(': keep-alive\n\n'), keepAliveMs);
      const onAbort = () => {
        release();
        try {
          controller.close();
        } catch {
          // already closed or cancelled
        }
      };
      release = () => {
        if (released) return;
        released = true;
        unsubscribe();
        clearInterval(keepAlive);
        request.signal.removeEventListener('abort', onAbort);
      };
      send('retry: 3000\n\n');
      send(`event: ready\n${events.latest ? `id: ${events.latest}\n` : ''}data: {}\n\n`);
      if (request.signal.aborted) onAbort();
      else request.signal.addEventListener('abort', onAbort, { once: true });
    },
    cancel() {
      release();
    },
  });
  // A plain Response: msw passes it through as it is, stream and all.
  return new Response(body, { headers: { 'Content-Type': 'text/event-stream', 'Cache-Control': 'no-store' } });
}
