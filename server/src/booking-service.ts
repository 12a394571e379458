/**
 * The REST contract's operations over the database. Every rule comes from the package's shared
 * practice rules (`self-schedule-elements/scheduling`); this file only says where the data comes
 * from and how concurrent writes stay safe:
 *
 * - Every write of one client runs in a transaction that first locks that client's row
 *   (`SELECT … FOR UPDATE`). A client's writes therefore run one at a time across every server
 *   process, which makes the own-overlap check, the idempotency check and the write one step:
 *   two requests with the same key cannot both act, and two requests of one client with two
 *   therapists cannot both pass the own-overlap check.
 * - Different clients are not serialised. The exclusion constraint on `appointments` is what
 *   keeps a therapist's held times apart: of two transactions inserting overlapping times, the
 *   second waits for the first and fails with SQLSTATE 23P01, answered as a 409.
 * - READ COMMITTED is enough for both: the lock makes each client's transaction see the previous
 *   one's commit, and the constraint is checked against committed and in-flight rows alike.
 */
import {
  type AppointmentQuery,
  type AvailabilityQuery,
  BookingError,
  type NoticeKind,
  noticeFor,
  refusalFor,
  statusForCode,
} from 'self-schedule-elements/adapters';
import type { Appointment, AppointmentRequest, Availability, Location, Provider, Service, ValidationResult } from 'self-schedule-elements/model';
import {
  type WriteOperation,
  availabilityAnswer,
  availabilityProblem,
  availabilityRangeProblem,
  busyLeavingOut,
  changeExclusion,
  manageRules,
  neighbourhoodOf,
  offersService,
  openTimeFor,
  presentAppointment,
  requestFingerprint,
  requestProblems,
} from 'self-schedule-elements/scheduling';
import { randomUUID } from 'node:crypto';
import { type AuditRecord, auditInsert, auditParams } from './audit.js';
import { type Database, type Queryable, sqlState, sqlStateOf } from './database/database.js';
import {
  type Catalog,
  type StoredAppointment,
  type CatalogRow,
  appointmentColumns,
  appointmentFromRow,
  busyAround,
  catalogColumns,
  catalogFromRow,
  fromEpochMs,
  heldAppointments,
  loadCatalog,
  locationIn,
  providerIn,
  scheduleIn,
  selectAppointments,
  serviceIn,
} from './practice-store.js';

const iso = (ms: number) => new Date(ms).toISOString();

/** What a write knows once it holds its lock. */
export interface WriteContext {
  catalog: Catalog;
  now: number;
  clientEmail: string;
}

/**
 * A notice to write, and to whom: the client, or the appointment's therapist (at the therapist's
 * own address, or the practice's when the seed file gives the therapist none).
 */
export type NoticeTo = readonly [NoticeKind, 'client' | 'therapist'];

export type AppointmentRow = Parameters<typeof appointmentFromRow>[0];

/**
 * PostgreSQL text cannot hold U+0000 (the statement fails), so an id with one names no row, and
 * free text (a reason, a note) loses it.
 */
export const storable = (text: string) => !text.includes('\u0000');
export const withoutNul = (text: string | undefined) => text?.replaceAll('\u0000', '');

function unauthorized(): BookingError {
  return new BookingError('unauthorized', 'Please sign in to book appointments.', { status: 401 });
}

export function appointmentNotFound(): BookingError {
  return new BookingError('not-found', 'That appointment was not found.', { status: 404 });
}

export interface BookingServiceOptions {
  /** The clock; tests move it. */
  now?: () => number;
  /** Called after a write that may have added notices to the outbox has committed (the mail worker's nudge). */
  onNoticesWritten?: () => void;
}

export class BookingService {
  private readonly now: () => number;
  private readonly onNoticesWritten?: () => void;

  constructor(
    private readonly db: Database,
    options: BookingServiceOptions = {},
  ) {
    this.now = options.now ?? Date.now;
    this.onNoticesWritten = options.onNoticesWritten;
  }

  // ---- the practice --------------------------------------------------------------------

  async isClient(clientId: string): Promise<boolean> {
    if (!storable(clientId)) return false;
    return (await this.db.query('SELECT 1 FROM clients WHERE id = $1', [clientId])).length > 0;
  }

  async providers(): Promise<Provider[]> {
    return (await loadCatalog(this.db)).providers;
  }

  /** Locations where the provider has hours. */
  async locationsOf(providerId: string): Promise<Location[]> {
    const catalog = await loadCatalog(this.db);
    providerIn(catalog, providerId);
    return catalog.locations.filter((location) => scheduleIn(catalog, providerId, location.id));
  }

  async servicesAt(providerId: string, locationId: string): Promise<Service[]> {
    const catalog = await loadCatalog(this.db);
    providerIn(catalog, providerId);
    locationIn(catalog, locationId);
    return catalog.services.filter((service) => offersService(service, providerId, locationId));
  }

  /** The open time for a query; the client's own appointment named by `query.exceptAppointmentId` (one being changed) is left out. */
  async availability(query: AvailabilityQuery, clientId: string): Promise<Availability> {
    const range = { start: Date.parse(query.start), end: Date.parse(query.end) };
    const rangeProblem = availabilityRangeProblem(range);
    if (rangeProblem) throw new BookingError('bad-request', rangeProblem, { status: 400 });
    const leftOutId = await this.leftOutForChange(clientId, query.exceptAppointmentId);
    const catalog = await loadCatalog(this.db);
    const provider = providerIn(catalog, query.providerId);
    const location = locationIn(catalog, query.locationId);
    const service = serviceIn(catalog, query.serviceId);
    const problem = availabilityProblem(provider, location, service);
    if (problem) throw refusalFor([problem]);
    const now = this.now();
    const open = openTimeFor({
      schedule: scheduleIn(catalog, provider.id, location.id),
      location,
      // A therapist booked at one location is busy at all of them.
      providerBusy: busyLeavingOut(await heldAppointments(this.db, [provider.id], range), leftOutId),
      range,
      policy: catalog.policy,
      now,
    });
    return availabilityAnswer({ provider, location, service, range, open, policy: catalog.policy, now });
  }

  // ---- the client's side -------------------------------------------------------------------

  async appointmentsOf(clientId: string, range: AppointmentQuery = {}): Promise<Appointment[]> {
    const catalog = await loadCatalog(this.db);
    const stored = await selectAppointments(
      this.db,
      `client_id = $1 AND ($2::float8 IS NULL OR end_at > ${fromEpochMs('$2')}) AND ($3::float8 IS NULL OR start_at < ${fromEpochMs('$3')})`,
      [clientId, range.start === undefined ? null : Date.parse(range.start), range.end === undefined ? null : Date.parse(range.end)],
      'ORDER BY start_at, id',
    );
    const now = this.now();
    return stored.map((appointment) => this.present(catalog, appointment, now));
  }

  /** Those of `ids` that are the client's, as GET /appointments shows them (the live event stream's `data`). */
  async appointmentsById(clientId: string, ids: readonly string[]): Promise<Appointment[]> {
    const catalog = await loadCatalog(this.db);
    const stored = await selectAppointments(this.db, 'client_id = $1 AND id = ANY($2::text[])', [clientId, [...ids]], 'ORDER BY start_at, id');
    const now = this.now();
    return stored.map((appointment) => this.present(catalog, appointment, now));
  }

  /** A dry run of a request; with `exceptAppointmentId`, of a change of that (own) appointment. */
  async validate(clientId: string, request: AppointmentRequest, exceptAppointmentId?: string): Promise<ValidationResult> {
    const leftOutId = await this.leftOutForChange(clientId, exceptAppointmentId);
    const problems = await this.problemsWith(this.db, await loadCatalog(this.db), clientId, request, this.now(), leftOutId);
    return { ok: problems.length === 0, problems };
  }

  /** The appointment a change leaves out of the busy time (the shared rule), or the rule's refusal thrown. */
  private async leftOutForChange(clientId: string, exceptAppointmentId: string | undefined): Promise<string | undefined> {
    const [named] =
      exceptAppointmentId !== undefined && storable(exceptAppointmentId) ? await selectAppointments(this.db, 'id = $1', [exceptAppointmentId]) : [];
    const exclusion = changeExclusion(exceptAppointmentId, clientId, named);
    if (!exclusion.ok) throw new BookingError(exclusion.code, exclusion.message, { status: statusForCode(exclusion.code) });
    return exclusion.leftOutId;
  }

  /** Requests an appointment (201). */
  request(clientId: string, request: AppointmentRequest, key: string): Promise<Appointment> {
    return this.write(clientId, key, 'request', requestFingerprint('request', request), async (tx, { catalog, now }) => {
      const problems = await this.problemsWith(tx, catalog, clientId, request, now);
      if (problems.length) throw refusalFor(problems);
      const stored = await this.holdingTime(
        tx,
        `INSERT INTO appointments (id, client_id, provider_id, location_id, service_id, start_at, end_at, status, created_at, updated_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, 'unconfirmed', $8, $8)
         RETURNING ${appointmentColumns}`,
        [`apt-${randomUUID()}`, clientId, request.providerId, request.locationId, request.serviceId, iso(Date.parse(request.start)), iso(Date.parse(request.end)), iso(now)],
      );
      return { stored, notices: [['request-received', 'client'], ['new-request', 'therapist']] };
    });
  }

  change(clientId: string, id: string, request: AppointmentRequest, key: string): Promise<Appointment> {
    return this.write(clientId, key, 'change', requestFingerprint('change', request, id), async (tx, { catalog, now }) => {
      const current = await this.ownAppointment(tx, clientId, id);
      const rules = manageRules(current, catalog.policy, now);
      if (!rules.canChange) throw new BookingError('rule-violation', rules.reason ?? 'It can no longer be changed.', { status: 422 });
      const problems = await this.problemsWith(tx, catalog, clientId, request, now, id);
      if (problems.length) throw refusalFor(problems);
      const stored = await this.holdingTime(
        tx,
        // A new time is a new request: the therapist confirms it again.
        `UPDATE appointments SET provider_id = $2, location_id = $3, service_id = $4, start_at = $5, end_at = $6,
           status = 'unconfirmed', status_note = NULL, updated_at = ${this.bumped('$7')}
         WHERE id = $1
         RETURNING ${appointmentColumns}`,
        [id, request.providerId, request.locationId, request.serviceId, iso(Date.parse(request.start)), iso(Date.parse(request.end)), iso(now)],
      );
      return { stored, notices: [['changed', 'client'], ['new-request', 'therapist']] };
    });
  }

  cancel(clientId: string, id: string, key: string, reason?: string): Promise<Appointment> {
    return this.write(clientId, key, 'cancel', requestFingerprint('cancel', undefined, id), async (tx, { catalog, now }) => {
      const current = await this.ownAppointment(tx, clientId, id);
      const rules = manageRules(current, catalog.policy, now);
      if (!rules.canCancel) throw new BookingError('rule-violation', rules.reason ?? 'It can no longer be cancelled.', { status: 422 });
      const [row] = await tx.query<AppointmentRow>(
        `UPDATE appointments SET status = 'cancelled', status_note = $2, updated_at = ${this.bumped('$3')} WHERE id = $1
         RETURNING ${appointmentColumns}`,
        [id, withoutNul(reason) ?? null, iso(now)],
      );
      return { stored: appointmentFromRow(row), notices: [['cancelled', 'client']] };
    });
  }

  // ---- how writes are made ------------------------------------------------------------------

  /**
   * One write of a client, once per idempotency key, in one transaction under the client's lock
   * (see the top of this file). A failure leaves nothing under its key. The key's first answer
   * and the catalog come in one round trip after the lock, and the key is stored with the notices
   * in another: a booking is six statements.
   */
  private async write(
    clientId: string,
    key: string,
    operation: WriteOperation,
    fingerprint: string,
    act: (tx: Queryable, context: WriteContext) => Promise<{ stored: StoredAppointment; notices: NoticeTo[] }>,
  ): Promise<Appointment> {
    const answer = await this.db.transaction(async (tx) => {
      const [client] = await tx.query<{ email: string }>('SELECT email FROM clients WHERE id = $1 FOR UPDATE', [clientId]);
      if (!client) throw unauthorized();
      // A statement of its own after the lock: at READ COMMITTED it sees what the write that held
      // the lock before committed (its key above all). Joined to the locking statement, the key
      // would be read from that statement's older snapshot, and a repeat would act twice.
      const [locked] = await tx.query<CatalogRow & { fingerprint: string | null; appointmentId: string | null }>(
        `SELECT earlier.fingerprint, earlier.appointment_id AS "appointmentId", ${catalogColumns}
         FROM (SELECT 1) AS one LEFT JOIN idempotency_keys earlier ON earlier.client_id = $1 AND earlier.key = $2`,
        [clientId, key],
      );
      const context: WriteContext = { catalog: catalogFromRow(locked), now: this.now(), clientEmail: client.email };
      if (locked.appointmentId) {
        if (locked.fingerprint !== fingerprint) {
          throw new BookingError('bad-request', 'That idempotency key was already used for a different request.', { status: 400 });
        }
        // The first answer, as the appointment is now.
        return this.present(context.catalog, await this.storedIn(tx, locked.appointmentId), context.now);
      }
      const { stored, notices } = await act(tx, context);
      await writeNotices(tx, context, stored, notices, {
        idempotency: { key, operation, fingerprint, statusCode: operation === 'request' ? 201 : 200 },
        audit: { actor: { kind: 'client', id: clientId }, action: operation, appointmentId: stored.id, providerId: stored.providerId },
      });
      return this.present(context.catalog, stored, context.now);
    });
    this.onNoticesWritten?.();
    return answer;
  }

  /** Runs a statement that takes a therapist's time and returns the appointment; the exclusion constraint's refusal is a 409. */
  private async holdingTime(tx: Queryable, sql: string, params: readonly unknown[]): Promise<StoredAppointment> {
    try {
      const [row] = await tx.query<AppointmentRow>(sql, params);
      return appointmentFromRow(row);
    } catch (error) {
      if (sqlStateOf(error) === sqlState.exclusionViolation) throw refusalFor([{ code: 'outside-availability' }]);
      throw error;
    }
  }

  /** `updated_at` moves forward on every change, even two in one millisecond. */
  private bumped(nowParam: string): string {
    return `greatest(${nowParam}::timestamptz, updated_at + interval '1 millisecond')`;
  }

  private async problemsWith(db: Queryable, catalog: Catalog, clientId: string, request: AppointmentRequest, now: number, exceptId?: string) {
    const provider = providerIn(catalog, request.providerId);
    const location = locationIn(catalog, request.locationId);
    const service = serviceIn(catalog, request.serviceId);
    return requestProblems({
      request,
      providerSelfSchedules: provider.selfScheduling,
      service,
      location,
      schedule: scheduleIn(catalog, provider.id, location.id),
      ...(await busyAround(db, { providerId: provider.id, clientId, range: neighbourhoodOf(request), ...(exceptId ? { exceptId } : {}) })),
      policy: catalog.policy,
      now,
    });
  }

  private async ownAppointment(tx: Queryable, clientId: string, id: string): Promise<StoredAppointment> {
    if (!storable(id)) throw appointmentNotFound();
    const [stored] = await selectAppointments(tx, 'id = $1 AND client_id = $2', [id, clientId], 'FOR UPDATE');
    if (!stored) throw appointmentNotFound();
    return stored;
  }

  private async storedIn(db: Queryable, id: string): Promise<StoredAppointment> {
    const [stored] = await selectAppointments(db, 'id = $1', [id]);
    if (!stored) throw appointmentNotFound();
    return stored;
  }

  private present(catalog: Catalog, stored: StoredAppointment, now: number): Appointment {
    return presentStored(catalog, stored, now);
  }
}

/** What the client is shown of a stored appointment (the shared rule, over the catalog's parts). */
export function presentStored(catalog: Catalog, stored: StoredAppointment, now: number): Appointment {
  const parts = {
    provider: providerIn(catalog, stored.providerId),
    location: locationIn(catalog, stored.locationId),
    service: serviceIn(catalog, stored.serviceId),
  };
  return presentAppointment(stored, parts, catalog.policy, now);
}

/**
 * Writes the notices of a change, the idempotency key that made it (a client's write) and its
 * audit row, in its transaction and in one statement: a notice is sent, and a change recorded,
 * exactly when the change is kept.
 */
export async function writeNotices(
  tx: Queryable,
  { catalog, now, clientEmail }: WriteContext,
  stored: StoredAppointment,
  notices: readonly NoticeTo[],
  { idempotency, audit }: { idempotency?: { key: string; operation: WriteOperation; fingerprint: string; statusCode: number }; audit?: AuditRecord } = {},
): Promise<void> {
  const shown = presentStored(catalog, stored, now);
  const rows = notices.map(([kind, to]) => ({
    kind,
    // The therapist's address is read in the statement below: it is not in the catalog, which clients are shown.
    recipient: to === 'client' ? clientEmail : null,
    ...noticeFor(kind, shown, stored.statusNote ?? undefined),
  }));
  await tx.query(
    `WITH stored_key AS (
       INSERT INTO idempotency_keys (client_id, key, operation, fingerprint, appointment_id, status_code, created_at)
       SELECT $2::text, $4::text, $5::text, $6::text, $1::text, $7::integer, $3::timestamptz WHERE $4::text IS NOT NULL
     ), audited AS (
       ${auditInsert('$3', 11)}
     )
     INSERT INTO outbox (kind, recipient, subject, body, text, html, appointment_id, created_at)
     SELECT notice.kind, coalesce(notice.recipient, (SELECT notify_email FROM providers WHERE id = $9), $10),
       notice.subject, notice.body, notice.text, notice.html, $1, $3::timestamptz
     FROM jsonb_to_recordset($8::jsonb) AS notice(kind text, recipient text, subject text, body text, text text, html text)`,
    [
      stored.id,
      stored.clientId,
      iso(now),
      idempotency?.key ?? null,
      idempotency?.operation ?? null,
      idempotency?.fingerprint ?? null,
      idempotency?.statusCode ?? null,
      JSON.stringify(rows),
      stored.providerId,
      catalog.email,
      ...auditParams(audit),
    ],
  );
}
