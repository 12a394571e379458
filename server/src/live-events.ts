/**
 * Live events (docs/rest-api.md, "Observing status changes"): `GET /appointments/events` and
 * `GET /practice/appointments/events` as server-sent events.
 *
 * Every insert or update of an appointment is recorded in `appointment_events` and announced with
 * NOTIFY by a trigger (migrations/0005_appointment_events.sql), in the writer's transaction, so
 * every process on the database hears of every change, whoever made it. Each process LISTENs once
 * and hands each event to its own streams that it concerns: the client whose appointment it is,
 * the appointment's therapist, the front desk. What a stream sends is the appointment as that
 * reader's list shows it (BookingService / PracticeService), read when the event arrives.
 *
 * Ids increase in commit order (the trigger takes them one commit at a time), so a stream that
 * resumes with `Last-Event-ID: N` is sent exactly what committed after N that concerns it, as long
 * as the log still holds it (24 hours); it then relists, as after every `ready`.
 */
import type { Context } from 'hono';
import { streamSSE } from 'hono/streaming';
import type { Appointment, PracticeAppointment } from 'self-schedule-elements/model';
import * as z from 'zod/mini';
import type { BookingService } from './booking-service.js';
import type { Database } from './database/database.js';
import type { StaffPrincipal } from './identity/principal.js';
import type { Logger } from './log.js';
import type { PracticeService } from './practice-service.js';

export const appointmentEventsChannel = 'appointment_events';

/** Whose stream it is: what it may be sent, and as whom each appointment is shown. */
export type Audience = { kind: 'client'; clientId: string } | { kind: 'staff'; staff: StaffPrincipal };

export interface LiveEventsOptions {
  logger: Logger;
  /** How often an idle stream is sent a comment, so proxies and browsers keep it open. */
  keepAliveMs?: number;
  /**
   * How long one stream lasts before the server ends it and the client reconnects (resuming from
   * its last id): credentials are checked at each connection, so a revoked session or an expired
   * token stops being served within this time.
   */
  maxStreamMs?: number;
  /** Writes a stream may have waiting (a reader that stopped reading) before it is ended. */
  maxPendingWrites?: number;
  /** How long events are kept for streams that resume. */
  retentionHours?: number;
  /** How often events older than that are deleted. */
  pruneEveryMs?: number;
}

/** What NOTIFY says of an event: its id, and whom it concerns (only the id when the ids were too long to send). */
const noticeSchema = z.object({
  id: z.number(),
  appointmentId: z.optional(z.string()),
  clientId: z.optional(z.string()),
  providerId: z.optional(z.string()),
});

interface EventRow {
  id: number;
  appointmentId: string;
  clientId: string;
  providerId: string;
}

const eventColumns = `id::float8 AS id, appointment_id AS "appointmentId", client_id AS "clientId", provider_id AS "providerId"`;

/** A `Last-Event-ID` this server gave (a whole number), or undefined for anything else. */
export function lastEventIdOf(header: string | undefined): number | undefined {
  return header !== undefined && /^\d{1,15}$/.test(header.trim()) ? Number(header.trim()) : undefined;
}

function concerns(audience: Audience, event: Pick<EventRow, 'clientId' | 'providerId'>): boolean {
  if (audience.kind === 'client') return audience.clientId === event.clientId;
  return !audience.staff.providerId || audience.staff.providerId === event.providerId;
}

/** Streams that are shown the same thing share one reading of each appointment. */
function audienceKey(audience: Audience): string {
  return audience.kind === 'client' ? `client:${audience.clientId}` : `staff:${audience.staff.providerId ?? '*'}`;
}

/** One open stream: its writes queued in order, its events held back until its replay is sent. Exported for its tests. */
export class Follower {
  private lastSentId = 0;
  private live = false;
  private held: Array<{ id: number; data: string }> = [];
  private writes: Promise<void> = Promise.resolve();
  private pendingWrites = 0;
  private endedResolve!: () => void;
  readonly ended = new Promise<void>((resolve) => (this.endedResolve = resolve));
  private isEnded = false;

  constructor(
    readonly audience: Audience,
    private readonly stream: { write(text: string): Promise<unknown> },
    private readonly maxPendingWrites: number,
  ) {}

  get key(): string {
    return audienceKey(this.audience);
  }

  /** An event for this stream: sent now if live, else after its replay and `ready`. */
  deliver(id: number, data: string): void {
    if (!this.live) this.held.push({ id, data });
    else this.sendEvent(id, data);
  }

  sendEvent(id: number, data: string): void {
    if (id <= this.lastSentId) return;
    this.lastSentId = id;
    this.write(`event: appointment\nid: ${id}\ndata: ${data}\n\n`);
  }

  /** `ready` (with the latest id, so a reconnect resumes from there), then what arrived meanwhile. */
  goLive(latestId: number): void {
    this.lastSentId = Math.max(this.lastSentId, latestId);
    this.write(`event: ready\n${latestId ? `id: ${latestId}\n` : ''}data: {}\n\n`);
    this.live = true;
    for (const { id, data } of this.held) this.sendEvent(id, data);
    this.held = [];
  }

  write(text: string): void {
    if (this.isEnded) return;
    if (++this.pendingWrites > this.maxPendingWrites) {
      // A reader this far behind would be sent a backlog: it reconnects and relists instead.
      this.end();
      return;
    }
    this.writes = this.writes
      .then(() => this.stream.write(text))
      .then(
        () => void this.pendingWrites--,
        () => this.end(),
      );
  }

  end(): void {
    if (this.isEnded) return;
    this.isEnded = true;
    this.endedResolve();
  }
}

/** The process's one listener and its streams. */
export class LiveEvents {
  private readonly followers = new Set<Follower>();
  private readonly keepAliveMs: number;
  private readonly maxStreamMs: number;
  private readonly maxPendingWrites: number;
  private readonly retentionHours: number;
  private readonly pruneEveryMs: number;
  private readonly logger: Logger;
  private unlisten?: () => Promise<void>;
  private pruneTimer?: ReturnType<typeof setInterval>;
  /** Events are handled one at a time, in the order they committed. */
  private handling: Promise<void> = Promise.resolve();
  /** The newest event handled: a resumed listener reads what came after it. */
  private lastHandledId = 0;
  private closed = false;

  constructor(
    private readonly db: Database,
    private readonly booking: BookingService,
    private readonly practice: PracticeService,
    options: LiveEventsOptions,
  ) {
    this.logger = options.logger;
    this.keepAliveMs = options.keepAliveMs ?? 15_000;
    this.maxStreamMs = options.maxStreamMs ?? 10 * 60_000;
    this.maxPendingWrites = options.maxPendingWrites ?? 200;
    this.retentionHours = options.retentionHours ?? 24;
    this.pruneEveryMs = options.pruneEveryMs ?? 60 * 60_000;
  }

  /** LISTENs (before reading the latest id, so nothing falls between) and starts pruning. */
  async start(): Promise<void> {
    this.unlisten = await this.db.listen(appointmentEventsChannel, (payload) => this.noticed(payload), {
      onResume: () => {
        this.logger.log('warn', 'live-events-resumed', {});
        this.enqueue(() => this.catchUp());
      },
    });
    this.lastHandledId = Math.max(this.lastHandledId, await this.latestId());
    await this.prune();
    this.pruneTimer = setInterval(() => void this.prune().catch(() => {}), this.pruneEveryMs);
    this.pruneTimer.unref();
  }

  /** Open streams (tests watch them close). */
  get streamCount(): number {
    return this.followers.size;
  }

  /** Deletes events older than the retention; a stream resuming from before then just relists. */
  async prune(): Promise<number> {
    const deleted = await this.db.query<{ id: string }>(
      `DELETE FROM appointment_events WHERE at < now() - $1::float8 * interval '1 hour' RETURNING id`,
      [this.retentionHours],
    );
    return deleted.length;
  }

  /** Ends every stream and stops listening; new streams end at once. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    clearInterval(this.pruneTimer);
    for (const follower of this.followers) follower.end();
    await this.unlisten?.();
    await this.handling;
  }

  /** The stream's response: `retry`, missed events (with `Last-Event-ID`), `ready`, then events as they happen. */
  respond(c: Context, audience: Audience): Response {
    const lastEventId = lastEventIdOf(c.req.header('Last-Event-ID'));
    return streamSSE(
      c,
      async (stream) => {
        const follower = new Follower(audience, stream, this.maxPendingWrites);
        stream.onAbort(() => follower.end());
        if (this.closed) return;
        this.followers.add(follower);
        const keepAlive = setInterval(() => follower.write(': keep-alive\n\n'), this.keepAliveMs);
        const lifetime = setTimeout(() => follower.end(), this.maxStreamMs);
        try {
          follower.write('retry: 3000\n\n');
          // Registered before the latest id is read: an event committed after it is held, not lost.
          const latestId = await this.latestId();
          if (lastEventId !== undefined && lastEventId < latestId) {
            for (const { id, data } of await this.missed(audience, lastEventId, latestId)) follower.sendEvent(id, data);
          }
          follower.goLive(latestId);
          await follower.ended;
        } catch (error) {
          // Caught here: streamSSE's own handler would send the error's message to the reader.
          this.logger.log('error', 'live-events-stream', { error: error instanceof Error ? error.name : 'unknown' });
        } finally {
          clearInterval(keepAlive);
          clearTimeout(lifetime);
          this.followers.delete(follower);
        }
      },
    );
  }

  private async latestId(): Promise<number> {
    const [row] = await this.db.query<{ id: number | null }>('SELECT max(id)::float8 AS id FROM appointment_events');
    return row?.id ?? 0;
  }

  /**
   * What a resuming stream missed: the latest event of each of its appointments after `afterId`
   * (each is sent as the appointment is now, so earlier ones would say the same), oldest first.
   * A very long absence is not replayed: the client relists after `ready` anyway.
   */
  private async missed(audience: Audience, afterId: number, upToId: number): Promise<Array<{ id: number; data: string }>> {
    const limit = 500;
    const [filter, param] = audience.kind === 'client' ? ['client_id = $3', audience.clientId] : ['($3::text IS NULL OR provider_id = $3)', audience.staff.providerId ?? null];
    const rows = await this.db.query<{ id: number; appointmentId: string }>(
      `SELECT max(id)::float8 AS id, appointment_id AS "appointmentId" FROM appointment_events
       WHERE id > $1 AND id <= $2 AND ${filter} GROUP BY appointment_id ORDER BY 1 LIMIT ${limit + 1}`,
      [afterId, upToId, param],
    );
    if (rows.length > limit) return [];
    const shown = await this.present(audience, rows.map((row) => row.appointmentId));
    return rows.flatMap((row) => (shown.has(row.appointmentId) ? [{ id: row.id, data: shown.get(row.appointmentId)! }] : []));
  }

  /** The appointments as this audience's list shows them (those it may see), as JSON by id. */
  private async present(audience: Audience, appointmentIds: readonly string[]): Promise<Map<string, string>> {
    const shown: Array<Appointment | PracticeAppointment> =
      audience.kind === 'client'
        ? await this.booking.appointmentsById(audience.clientId, appointmentIds)
        : await this.practice.appointmentsById(appointmentIds, audience.staff);
    return new Map(shown.map((appointment) => [appointment.id, JSON.stringify(appointment)]));
  }

  private noticed(payload: string): void {
    let notice: z.infer<typeof noticeSchema>;
    try {
      notice = noticeSchema.parse(JSON.parse(payload));
    } catch {
      this.logger.log('error', 'live-events-notice', { error: 'unreadable' });
      return;
    }
    this.enqueue(async () => {
      const { id, appointmentId, clientId, providerId } = notice;
      const event = appointmentId !== undefined && clientId !== undefined && providerId !== undefined ? { id, appointmentId, clientId, providerId } : await this.eventRow(id);
      if (event) await this.handle(event);
    });
  }

  private enqueue(work: () => Promise<void>): void {
    this.handling = this.handling.then(work).catch((error: unknown) => {
      this.logger.log('error', 'live-events', { error: error instanceof Error ? error.name : 'unknown' });
    });
  }

  private async eventRow(id: number): Promise<EventRow | undefined> {
    const [row] = await this.db.query<EventRow>(`SELECT ${eventColumns} FROM appointment_events WHERE id = $1`, [id]);
    return row;
  }

  /** After the listener reconnected: what committed while it was away, in order. */
  private async catchUp(): Promise<void> {
    const rows = await this.db.query<EventRow>(`SELECT ${eventColumns} FROM appointment_events WHERE id > $1 ORDER BY id`, [this.lastHandledId]);
    for (const row of rows) await this.handle(row);
  }

  /** One event to the streams it concerns, each audience's view read once. */
  private async handle(event: EventRow): Promise<void> {
    if (event.id <= this.lastHandledId) return;
    this.lastHandledId = event.id;
    const byAudience = new Map<string, Follower[]>();
    for (const follower of this.followers) {
      if (!concerns(follower.audience, event)) continue;
      byAudience.set(follower.key, [...(byAudience.get(follower.key) ?? []), follower]);
    }
    for (const followers of byAudience.values()) {
      const data = (await this.present(followers[0].audience, [event.appointmentId])).get(event.appointmentId);
      if (data !== undefined) for (const follower of followers) follower.deliver(event.id, data);
    }
  }
}
