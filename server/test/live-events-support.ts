/**
 * Reading a server-sent events stream in the tests: `fetch`, and a line parser that follows the
 * WHATWG rules (fields `event`, `data`, `id`, `retry`; `:` comments; a blank line ends an event).
 */

export interface SseEvent {
  event?: string;
  id?: string;
  data?: string;
  retry?: string;
  /** Comment lines (`: keep-alive`), without the colon. */
  comments: string[];
}

export class EventStream {
  /** Every block received, in order (comment-only blocks too). */
  readonly received: SseEvent[] = [];
  /** Resolves once the server ended the stream (or it was closed here). */
  readonly ended: Promise<void>;
  private readonly changed = new Set<() => void>();
  private finished = false;

  constructor(
    readonly response: Response,
    private readonly controller: AbortController,
  ) {
    this.ended = this.pump();
  }

  /** The events named `event` received so far. */
  named(event: string): SseEvent[] {
    return this.received.filter((block) => block.event === event);
  }

  get isEnded(): boolean {
    return this.finished;
  }

  /** The first block (counting from `from`) that `matches`, waiting up to `timeoutMs` for it. */
  async waitFor(matches: (block: SseEvent) => boolean, timeoutMs = 3_000, from = 0): Promise<SseEvent> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = this.received.slice(from).find(matches);
      if (found) return found;
      const left = deadline - Date.now();
      if (left <= 0 || this.finished) throw new Error(`no matching event within ${timeoutMs} ms; received: ${JSON.stringify(this.received)}`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(done, left);
        function done() {
          clearTimeout(timer);
          resolve();
        }
        this.changed.add(done);
      });
    }
  }

  /** `waitFor` an `appointment` event about `appointmentId` (with `status`, when given). */
  async appointment(appointmentId: string, status?: string, timeoutMs = 3_000): Promise<{ id: string; data: Record<string, unknown> }> {
    const block = await this.waitFor((b) => {
      if (b.event !== 'appointment') return false;
      const data = JSON.parse(b.data!);
      return data.id === appointmentId && (status === undefined || data.status === status);
    }, timeoutMs);
    return { id: block.id!, data: JSON.parse(block.data!) };
  }

  close(): void {
    this.controller.abort();
  }

  private notify() {
    for (const listener of [...this.changed]) listener();
    this.changed.clear();
  }

  private async pump(): Promise<void> {
    const decoder = new TextDecoder();
    let pending = '';
    let block: SseEvent = { comments: [] };
    try {
      for await (const chunk of this.response.body as unknown as AsyncIterable<Uint8Array>) {
        pending += decoder.decode(chunk, { stream: true });
        const lines = pending.split(/\r\n|\r|\n/);
        pending = lines.pop()!;
        for (const line of lines) {
          if (line === '') {
            if (Object.keys(block).length > 1 || block.comments.length) this.received.push(block);
            block = { comments: [] };
            continue;
          }
          if (line.startsWith(':')) {
            block.comments.push(line.slice(1).trim());
            continue;
          }
          const colon = line.indexOf(':');
          const field = colon < 0 ? line : line.slice(0, colon);
          const value = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '');
          if (field === 'data') block.data = block.data === undefined ? value : `${block.data}\n${value}`;
          else if (field === 'event' || field === 'id' || field === 'retry') block[field] = value;
        }
        this.notify();
      }
    } catch {
      // Closed here (aborted) or cut: either way the stream is over.
    } finally {
      this.finished = true;
      this.notify();
    }
  }
}

/** Opens `url` as an event stream with `headers` (an identity, `Last-Event-ID`…). */
export async function openEventStream(url: string, headers: Record<string, string> = {}): Promise<EventStream> {
  const controller = new AbortController();
  const response = await fetch(url, { headers: { Accept: 'text/event-stream', ...headers }, signal: controller.signal });
  return new EventStream(response, controller);
}

/** Waits until `condition` holds, checking every 20 ms, up to `timeoutMs`. */
export async function eventually(condition: () => boolean | Promise<boolean>, timeoutMs = 3_000, what = 'the condition'): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`${what} did not hold within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
