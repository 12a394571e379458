/**
 * The practice API's operations (the staff's side) over the database. As in booking-service.ts,
 * every rule comes from the shared practice rules (`confirmProblems` above all); this file says
 * where the data comes from, whose it is, and how concurrent writes stay safe:
 *
 * - Who: a therapist (a member of staff with a `providerId`) reads and decides only their own
 *   appointments, another's id answering 404 as an unknown one would; changes only their own
 *   self-scheduling and hours; never the policy (403). The front desk has the whole practice.
 * - A confirm re-checks the time inside its own transaction, after locking the appointment and
 *   then the therapist's `providers` row (`FOR UPDATE`). A change of hours takes the same row
 *   lock, so confirms and hour changes for one therapist take turns, and a confirm judges the
 *   hours as they are once it holds the lock (READ COMMITTED: each statement sees what committed
 *   before it). Locks are always taken appointment first, then provider: no two orders, no deadlock.
 * - Every change writes its audit row (audit.ts) and the client's notice (the outbox) in its own
 *   transaction: both exist exactly when the change does.
 */
import { BookingError, checkedPolicy, checkedScheduleUpdate, confirmRefusal } from 'self-schedule-elements/adapters';
import type {
  OutboxEmailView,
  PracticeAppointment,
  PracticeAppointmentQuery,
  PracticeSettings,
  Provider,
  ScheduleUpdate,
} from 'self-schedule-elements/model';
import { type PracticePolicy, type Schedule, confirmProblems } from 'self-schedule-elements/scheduling';
import { type AuditEntry, type AuditRecord, auditEntries, writeAudit } from './audit.js';
import {
  type AppointmentRow,
  type BookingServiceOptions,
  type NoticeTo,
  appointmentNotFound,
  presentStored,
  storable,
  withoutNul,
  writeNotices,
} from './booking-service.js';
import type { Database, Queryable } from './database/database.js';
import type { StaffPrincipal } from './identity/principal.js';
import {
  type Catalog,
  type StoredAppointment,
  appointmentColumns,
  appointmentFromRow,
  epochMs,
  fromEpochMs,
  heldAppointments,
  loadCatalog,
  locationIn,
  providerIn,
  scheduleIn,
  selectAppointments,
} from './practice-store.js';

const iso = (ms: number) => new Date(ms).toISOString();

type Client = PracticeAppointment['client'];

function notYours(what: string): BookingError {
  return new BookingError('forbidden', `A therapist may change only their own ${what}; the front desk can change anyone's.`, { status: 403 });
}

/** The clock and the mail worker's nudge, as the booking service takes them. */
export type PracticeServiceOptions = BookingServiceOptions;

export class PracticeService {
  private readonly now: () => number;
  private readonly onNoticesWritten?: () => void;

  constructor(
    private readonly db: Database,
    options: PracticeServiceOptions = {},
  ) {
    this.now = options.now ?? Date.now;
    this.onNoticesWritten = options.onNoticesWritten;
  }

  /** The appointments staff may see, soonest first, each with its client and what stands in the way of confirming it. */
  async appointments(query: PracticeAppointmentQuery, staff: StaffPrincipal): Promise<PracticeAppointment[]> {
    if (query.providerId !== undefined && !storable(query.providerId)) return [];
    const catalog = await loadCatalog(this.db);
    const stored = await selectAppointments(
      this.db,
      `($1::text[] IS NULL OR status = ANY($1::text[])) AND ($2::text IS NULL OR provider_id = $2) AND ($3::text IS NULL OR provider_id = $3)
       AND ($4::float8 IS NULL OR end_at > ${fromEpochMs('$4')}) AND ($5::float8 IS NULL OR start_at < ${fromEpochMs('$5')})`,
      [
        query.statuses ?? null,
        query.providerId ?? null,
        staff.providerId ?? null,
        query.start === undefined ? null : Date.parse(query.start),
        query.end === undefined ? null : Date.parse(query.end),
      ],
      'ORDER BY start_at, id',
    );
    return this.presentAll(catalog, stored);
  }

  /** Those of `ids` this member of staff may see, as GET /practice/appointments shows them (the staff event stream's `data`). */
  async appointmentsById(ids: readonly string[], staff: StaffPrincipal): Promise<PracticeAppointment[]> {
    const catalog = await loadCatalog(this.db);
    const stored = await selectAppointments(
      this.db,
      'id = ANY($1::text[]) AND ($2::text IS NULL OR provider_id = $2)',
      [[...ids], staff.providerId ?? null],
      'ORDER BY start_at, id',
    );
    return this.presentAll(catalog, stored);
  }

  /** Each with its client and what stands in the way of confirming it. */
  private async presentAll(catalog: Catalog, stored: StoredAppointment[]): Promise<PracticeAppointment[]> {
    const clients = await this.clientsOf(this.db, stored.map((a) => a.clientId));
    const waiting = stored.filter((a) => a.status === 'unconfirmed');
    // Every waiting request's rivals in one query: the held time of their therapists over their span.
    const held = waiting.length
      ? await heldAppointments(
          this.db,
          [...new Set(waiting.map((a) => a.providerId))],
          { start: Math.min(...waiting.map((a) => Date.parse(a.start))), end: Math.max(...waiting.map((a) => Date.parse(a.end))) },
        )
      : [];
    const now = this.now();
    return stored.map((appointment) => {
      const conflicts = appointment.status === 'unconfirmed' ? this.conflictsOf(catalog, appointment, held, now) : [];
      return this.presentToPractice(catalog, appointment, clients.get(appointment.clientId)!, now, conflicts);
    });
  }

  /** Confirms a waiting request: 404 unknown or not yours, 409 not waiting, 409 when its time no longer fits (re-checked here). */
  async confirm(id: string, staff: StaffPrincipal): Promise<PracticeAppointment> {
    const answer = await this.db.transaction(async (tx) => {
      const current = await this.waiting(tx, id, staff);
      // The therapist's hours and held time, as they are once no confirm or hour change of theirs is in flight.
      await tx.query('SELECT 1 FROM providers WHERE id = $1 FOR UPDATE', [current.providerId]);
      const catalog = await loadCatalog(tx);
      const now = this.now();
      const held = await heldAppointments(tx, [current.providerId], { start: Date.parse(current.start), end: Date.parse(current.end) });
      const problems = this.conflictsOf(catalog, current, held, now);
      if (problems.length) throw confirmRefusal(problems);
      return this.decide(tx, catalog, current, 'confirmed', staff, now);
    });
    this.onNoticesWritten?.();
    return answer;
  }

  /** Declines a waiting request; the note is the client's to read (in their list and in the e-mail). */
  async decline(id: string, note: string | undefined, staff: StaffPrincipal): Promise<PracticeAppointment> {
    const answer = await this.db.transaction(async (tx) => {
      const current = await this.waiting(tx, id, staff);
      return this.decide(tx, await loadCatalog(tx), current, 'declined', staff, this.now(), withoutNul(note));
    });
    this.onNoticesWritten?.();
    return answer;
  }

  /** The policy and, per therapist (a therapist: only their own), self-scheduling and hours. */
  async settings(staff: StaffPrincipal): Promise<PracticeSettings> {
    const catalog = await loadCatalog(this.db);
    return {
      policy: catalog.policy,
      providers: catalog.providers
        .filter((provider) => !staff.providerId || provider.id === staff.providerId)
        .map((provider) => ({ provider, schedules: catalog.schedules.filter((schedule) => schedule.providerId === provider.id) })),
    };
  }

  async setSelfScheduling(providerId: string, selfScheduling: boolean, staff: StaffPrincipal): Promise<Provider> {
    if (staff.providerId && staff.providerId !== providerId) throw notYours('self-scheduling');
    return this.db.transaction(async (tx) => {
      const [updated] = storable(providerId) ? await tx.query('UPDATE providers SET self_scheduling = $2 WHERE id = $1 RETURNING id', [providerId, selfScheduling]) : [];
      if (!updated) providerIn(await loadCatalog(tx), providerId);
      await writeAudit(tx, { actor: this.actor(staff), action: 'self-scheduling', providerId, details: { selfScheduling } }, this.now());
      return providerIn(await loadCatalog(tx), providerId);
    });
  }

  /** Sets a therapist's hours at a location (their first there, or in place of the ones they had); the stored schedule. */
  async setSchedule(providerId: string, locationId: string, update: ScheduleUpdate, staff: StaffPrincipal): Promise<Schedule> {
    if (staff.providerId && staff.providerId !== providerId) throw notYours('hours');
    checkedScheduleUpdate(update);
    return this.db.transaction(async (tx) => {
      const catalog = await loadCatalog(tx);
      providerIn(catalog, providerId);
      locationIn(catalog, locationId);
      // The lock a confirm of this therapist's takes too: a confirm sees the hours before or after, never half.
      await tx.query('SELECT 1 FROM providers WHERE id = $1 FOR UPDATE', [providerId]);
      const schedule: Schedule = { providerId, locationId, ...update };
      await tx.query(
        `INSERT INTO schedules (provider_id, location_id, data) VALUES ($1, $2, $3)
         ON CONFLICT (provider_id, location_id) DO UPDATE SET data = excluded.data`,
        [providerId, locationId, JSON.stringify(schedule)],
      );
      await writeAudit(tx, { actor: this.actor(staff), action: 'schedule', providerId, details: { locationId } }, this.now());
      return scheduleIn(await loadCatalog(tx), providerId, locationId)!;
    });
  }

  /** The practice's booking policy: the front desk's to change (403 for a therapist). */
  async setPolicy(policy: PracticePolicy, staff: StaffPrincipal): Promise<PracticePolicy> {
    if (staff.providerId) throw new BookingError('forbidden', 'Only the front desk may change the practice’s booking policy.', { status: 403 });
    checkedPolicy(policy);
    return this.db.transaction(async (tx) => {
      const [row] = await tx.query<{ policy: PracticePolicy }>('UPDATE practice SET policy = $1 RETURNING policy', [JSON.stringify(policy)]);
      await writeAudit(tx, { actor: this.actor(staff), action: 'policy' }, this.now());
      return row.policy;
    });
  }

  /**
   * The notices about appointments, oldest first (a therapist: only about their own). Sign-in
   * links are never listed: whoever read one could sign in as the client.
   */
  async outbox(staff: StaffPrincipal): Promise<OutboxEmailView[]> {
    const rows = await this.db.query<Omit<OutboxEmailView, 'sentAt'> & { createdMs: number }>(
      `SELECT notice.id::text AS id, notice.kind, notice.recipient AS "to", notice.subject, notice.body,
         notice.appointment_id AS "appointmentId", ${epochMs('notice.created_at')} AS "createdMs"
       FROM outbox notice JOIN appointments appointment ON appointment.id = notice.appointment_id
       WHERE notice.kind <> 'sign-in-link' AND ($1::text IS NULL OR appointment.provider_id = $1)
       ORDER BY notice.id`,
      [staff.providerId ?? null],
    );
    return rows.map(({ createdMs, ...notice }) => ({ ...notice, sentAt: iso(createdMs) }));
  }

  /** Who changed what, oldest first: about one appointment when asked; a therapist sees what concerns them. */
  audit(appointmentId: string | undefined, staff: StaffPrincipal): Promise<AuditEntry[]> {
    if (appointmentId !== undefined && !storable(appointmentId)) return Promise.resolve([]);
    return auditEntries(this.db, { ...(appointmentId !== undefined ? { appointmentId } : {}), ...(staff.providerId ? { providerId: staff.providerId } : {}) });
  }

  // ---- how decisions are made ---------------------------------------------------------------

  /** The appointment, locked, if it is this member of staff's to decide (404 otherwise) and waiting (409 otherwise). */
  private async waiting(tx: Queryable, id: string, staff: StaffPrincipal): Promise<StoredAppointment> {
    if (!storable(id)) throw appointmentNotFound();
    // Another therapist's appointment is not found, exactly as an unknown id: ids cannot be probed.
    const [current] = await selectAppointments(tx, 'id = $1 AND ($2::text IS NULL OR provider_id = $2)', [id, staff.providerId ?? null], 'FOR UPDATE');
    if (!current) throw appointmentNotFound();
    if (current.status !== 'unconfirmed') {
      throw new BookingError('conflict', `That appointment is ${current.status}, not waiting for confirmation.`, { status: 409 });
    }
    return current;
  }

  /** Writes the decision, the client's notice and the audit row (one transaction: the caller's). */
  private async decide(
    tx: Queryable,
    catalog: Catalog,
    current: StoredAppointment,
    status: 'confirmed' | 'declined',
    staff: StaffPrincipal,
    now: number,
    note?: string,
  ): Promise<PracticeAppointment> {
    const [row] = await tx.query<AppointmentRow>(
      `UPDATE appointments SET status = $2, status_note = $3, updated_at = greatest($4::timestamptz, updated_at + interval '1 millisecond') WHERE id = $1
       RETURNING ${appointmentColumns}`,
      [current.id, status, note ?? null, iso(now)],
    );
    const stored = appointmentFromRow(row);
    const client = (await this.clientsOf(tx, [stored.clientId])).get(stored.clientId)!;
    const audit: AuditRecord = {
      actor: this.actor(staff),
      action: status === 'confirmed' ? 'confirm' : 'decline',
      appointmentId: stored.id,
      providerId: stored.providerId,
      // Whether there was a note, never its words.
      ...(status === 'declined' ? { details: { withNote: note !== undefined } } : {}),
    };
    const notices: NoticeTo[] = [[status, 'client']];
    await writeNotices(tx, { catalog, now, clientEmail: client.email }, stored, notices, { audit });
    return this.presentToPractice(catalog, stored, client, now, []);
  }

  private conflictsOf(catalog: Catalog, appointment: StoredAppointment, held: Array<{ id: string; providerId: string; start: string; end: string }>, now: number) {
    return confirmProblems({
      appointment,
      schedule: scheduleIn(catalog, appointment.providerId, appointment.locationId),
      location: locationIn(catalog, appointment.locationId),
      providerHeld: held.filter((other) => other.providerId === appointment.providerId),
      now,
    });
  }

  private presentToPractice(catalog: Catalog, stored: StoredAppointment, client: Client, now: number, conflicts: PracticeAppointment['conflicts']): PracticeAppointment {
    return { ...presentStored(catalog, stored, now), client, conflicts };
  }

  private async clientsOf(db: Queryable, ids: readonly string[]): Promise<Map<string, Client>> {
    const rows = await db.query<Client>('SELECT id, name, email FROM clients WHERE id = ANY($1::text[])', [[...new Set(ids)]]);
    return new Map(rows.map((client) => [client.id, client]));
  }

  private actor(staff: StaffPrincipal) {
    return { kind: 'staff', id: staff.staffId } as const;
  }
}
