/**
 * A practice kept in memory, enforcing every rule a real server would. MemoryAdapter calls it
 * directly and the mock API serves it over HTTP, so the two behave the same by construction.
 * Every method runs synchronously, which is what makes ten simultaneous requests for one slot
 * end in exactly one appointment.
 */
import type {
  Appointment,
  AppointmentRequest,
  Availability,
  Location,
  Provider,
  SelectionProblem,
  Service,
  ValidationResult,
} from '../../model/schemas.js';
import type { Interval } from '../../scheduling/intervals.js';
import {
  availabilityAnswer,
  availabilityProblem,
  availabilityRangeProblem,
  busyLeavingOut,
  changeExclusion,
  confirmProblems,
  holdsTime,
  manageRules,
  offersService,
  openTimeFor,
  presentAppointment,
  requestFingerprint,
  requestProblems,
} from '../../scheduling/practice-rules.js';
import type {
  ConfirmProblem,
  PracticeAppointment,
  PracticeAppointmentQuery,
  PracticeSettings,
  ScheduleUpdate,
  StaffMember,
} from '../../model/practice-api-schemas.js';
import { BookingError, confirmRefusal, refusalFor, statusForCode } from '../errors.js';
import { noticeFor } from '../notices.js';
import type { AppointmentQuery, AvailabilityQuery } from '../booking-adapter.js';
import type { Client, EmailKind, OutboxEmail, PracticeData, PracticePolicy, Schedule, StoredAppointment } from './practice-data.js';

export { maxAvailabilityDays } from '../../scheduling/practice-rules.js';

export interface PracticeChange {
  appointment: StoredAppointment;
}

/** Whose appointments a member of staff may see and decide: a therapist's own, or (empty) the whole practice's. */
export interface StaffScope {
  providerId?: string;
}

export interface PracticeOptions {
  /** The clock; tests and the demo move it. */
  now?: () => number;
}

const iso = (instant: number) => new Date(instant).toISOString();

export class Practice {
  private data: PracticeData;
  private readonly now: () => number;
  private readonly listeners = new Set<(change: PracticeChange) => void>();
  private sequence = 0;

  constructor(data: PracticeData, options: PracticeOptions = {}) {
    this.data = structuredClone(data);
    this.data.outbox ??= [];
    this.data.idempotencyReplies ??= {};
    this.now = options.now ?? Date.now;
  }

  /** A copy of everything, to persist or to seed another practice with. */
  toJSON(): PracticeData {
    return structuredClone(this.data);
  }

  /** Hears every change to an appointment, from either side. */
  subscribe(listener: (change: PracticeChange) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  // ---- lookups -------------------------------------------------------------------------

  providers(): Provider[] {
    return this.data.providers;
  }

  private provider(id: string): Provider {
    const provider = this.data.providers.find((candidate) => candidate.id === id);
    if (!provider) throw new BookingError('not-found', `There is no provider "${id}".`, { status: 404 });
    return provider;
  }

  private location(id: string): Location {
    const location = this.data.locations.find((candidate) => candidate.id === id);
    if (!location) throw new BookingError('not-found', `There is no location "${id}".`, { status: 404 });
    return location;
  }

  private service(id: string): Service {
    const service = this.data.services.find((candidate) => candidate.id === id);
    if (!service) throw new BookingError('not-found', `There is no service "${id}".`, { status: 404 });
    return service;
  }

  private client(id: string): Client {
    const client = this.data.clients.find((candidate) => candidate.id === id);
    if (!client) throw new BookingError('unauthorized', 'Please sign in again.', { status: 401 });
    return client;
  }

  /** Whether `clientId` names a client of the practice (the mock API's sign-in check). */
  hasClient(clientId: string): boolean {
    return this.data.clients.some((client) => client.id === clientId);
  }

  /** The client `clientId` names, as a sign-in answers with it (the mock API's), or undefined. */
  signedInClient(clientId: string): { id: string; name: string } | undefined {
    const client = this.data.clients.find((candidate) => candidate.id === clientId);
    return client ? { id: client.id, name: client.name } : undefined;
  }

  /** Locations where the provider has hours. */
  locationsOf(providerId: string): Location[] {
    this.provider(providerId);
    const ids = new Set(this.data.schedules.filter((s) => s.providerId === providerId).map((s) => s.locationId));
    return this.data.locations.filter((location) => ids.has(location.id));
  }

  /** Services the provider offers at the location. */
  servicesAt(providerId: string, locationId: string): Service[] {
    this.provider(providerId);
    this.location(locationId);
    return this.data.services.filter((service) => offersService(service, providerId, locationId));
  }

  // ---- availability ----------------------------------------------------------------------

  private busyOf(predicate: (appointment: StoredAppointment) => boolean, exceptId?: string): Interval[] {
    return busyLeavingOut(
      this.data.appointments.filter((a) => holdsTime(a.status) && predicate(a)),
      exceptId,
    );
  }

  /** The appointment a change leaves out of the busy time (the shared rule), or the rule's refusal thrown. */
  private leftOutForChange(clientId: string | undefined, exceptAppointmentId: string | undefined): string | undefined {
    const named = exceptAppointmentId === undefined ? undefined : this.data.appointments.find((a) => a.id === exceptAppointmentId);
    const exclusion = changeExclusion(exceptAppointmentId, clientId, named);
    if (!exclusion.ok) throw new BookingError(exclusion.code, exclusion.message, { status: statusForCode(exclusion.code) });
    return exclusion.leftOutId;
  }

  private openIntervals(providerId: string, location: Location, range: Interval, exceptId?: string): Interval[] {
    return openTimeFor({
      schedule: this.scheduleOf(providerId, location.id),
      location,
      // A therapist booked at one location is busy at all of them.
      providerBusy: this.busyOf((a) => a.providerId === providerId, exceptId),
      range,
      policy: this.data.policy,
      now: this.now(),
    });
  }

  private scheduleOf(providerId: string, locationId: string) {
    return this.data.schedules.find((s) => s.providerId === providerId && s.locationId === locationId);
  }

  /**
   * The open time for a query; `clientId` is the signed-in client, whose own appointment named by
   * `query.exceptAppointmentId` (one being changed) is left out of the busy time.
   */
  availability(query: AvailabilityQuery, clientId?: string): Availability {
    const range = { start: Date.parse(query.start), end: Date.parse(query.end) };
    const rangeProblem = availabilityRangeProblem(range);
    if (rangeProblem) throw new BookingError('bad-request', rangeProblem, { status: 400 });
    const leftOutId = this.leftOutForChange(clientId, query.exceptAppointmentId);
    const provider = this.provider(query.providerId);
    const location = this.location(query.locationId);
    const service = this.service(query.serviceId);
    const problem = availabilityProblem(provider, location, service);
    if (problem) throw refusalFor([problem]);
    const open = this.openIntervals(provider.id, location, range, leftOutId);
    return availabilityAnswer({ provider, location, service, range, open, policy: this.data.policy, now: this.now() });
  }

  // ---- the client's side -------------------------------------------------------------------

  appointmentsOf(clientId: string, query: AppointmentQuery = {}): Appointment[] {
    this.client(clientId);
    const from = query.start ? Date.parse(query.start) : -Infinity;
    const to = query.end ? Date.parse(query.end) : Infinity;
    return this.data.appointments
      .filter((a) => a.clientId === clientId && Date.parse(a.end) > from && Date.parse(a.start) < to)
      .sort((a, b) => Date.parse(a.start) - Date.parse(b.start))
      .map((a) => this.present(a));
  }

  private problemsWith(clientId: string, request: AppointmentRequest, exceptId?: string): SelectionProblem[] {
    const provider = this.provider(request.providerId);
    const location = this.location(request.locationId);
    return requestProblems({
      request,
      providerSelfSchedules: provider.selfScheduling,
      service: this.service(request.serviceId),
      location,
      schedule: this.scheduleOf(provider.id, location.id),
      providerBusy: this.busyOf((a) => a.providerId === provider.id, exceptId),
      ownBusy: this.busyOf((a) => a.clientId === clientId, exceptId),
      policy: this.data.policy,
      now: this.now(),
    });
  }

  /** A dry run of a request; with `exceptAppointmentId`, of a change of that (own) appointment. */
  validate(clientId: string, request: AppointmentRequest, exceptAppointmentId?: string): ValidationResult {
    this.client(clientId);
    const problems = this.problemsWith(clientId, request, this.leftOutForChange(clientId, exceptAppointmentId));
    return { ok: problems.length === 0, problems };
  }

  /**
   * Runs `act` once per idempotency key: a repeat with the same key and the same request gets
   * the first answer; the same key with a different request is refused.
   */
  private once(clientId: string, key: string, fingerprint: string, act: () => StoredAppointment): Appointment {
    if (!key) throw new BookingError('bad-request', 'An idempotency key is required.', { status: 400 });
    const scopedKey = `${clientId}:${key}`;
    const replies = this.data.idempotencyReplies!;
    const earlier = Object.hasOwn(replies, scopedKey) ? replies[scopedKey] : undefined;
    if (earlier) {
      if (earlier.fingerprint !== fingerprint) {
        throw new BookingError('bad-request', 'That idempotency key was already used for a different request.', {
          status: 400,
        });
      }
      const stored = this.data.appointments.find((a) => a.id === earlier.appointmentId);
      if (stored) return this.present(stored);
    }
    const stored = act();
    replies[scopedKey] = { fingerprint, appointmentId: stored.id };
    return this.present(stored);
  }

  request(clientId: string, request: AppointmentRequest, idempotencyKey: string): Appointment {
    const client = this.client(clientId);
    return this.once(clientId, idempotencyKey, requestFingerprint('request', request), () => {
      const problems = this.problemsWith(clientId, request);
      if (problems.length) throw refusalFor(problems);
      const now = iso(this.now());
      const stored: StoredAppointment = {
        id: this.nextId('apt'),
        clientId,
        providerId: request.providerId,
        locationId: request.locationId,
        serviceId: request.serviceId,
        start: iso(Date.parse(request.start)),
        end: iso(Date.parse(request.end)),
        status: 'unconfirmed',
        createdAt: now,
        updatedAt: now,
      };
      this.data.appointments.push(stored);
      this.send('request-received', client.email, stored);
      this.send('new-request', this.data.email, stored);
      this.changed(stored);
      return stored;
    });
  }

  private ownAppointment(clientId: string, id: string): StoredAppointment {
    const stored = this.data.appointments.find((a) => a.id === id && a.clientId === clientId);
    if (!stored) throw new BookingError('not-found', 'That appointment was not found.', { status: 404 });
    return stored;
  }

  change(clientId: string, id: string, request: AppointmentRequest, idempotencyKey: string): Appointment {
    const client = this.client(clientId);
    return this.once(clientId, idempotencyKey, requestFingerprint('change', request, id), () => {
      const stored = this.ownAppointment(clientId, id);
      const rules = this.manageRules(stored);
      if (!rules.canChange) throw new BookingError('rule-violation', rules.reason ?? 'It can no longer be changed.', { status: 422 });
      const problems = this.problemsWith(clientId, request, id);
      if (problems.length) throw refusalFor(problems);
      Object.assign(stored, {
        providerId: request.providerId,
        locationId: request.locationId,
        serviceId: request.serviceId,
        start: iso(Date.parse(request.start)),
        end: iso(Date.parse(request.end)),
        // A new time is a new request: the therapist confirms it again.
        status: 'unconfirmed',
        updatedAt: iso(this.now()),
      } satisfies Partial<StoredAppointment>);
      this.send('changed', client.email, stored);
      this.send('new-request', this.data.email, stored);
      this.changed(stored);
      return stored;
    });
  }

  cancel(clientId: string, id: string, idempotencyKey: string, reason?: string): Appointment {
    const client = this.client(clientId);
    return this.once(clientId, idempotencyKey, requestFingerprint('cancel', undefined, id), () => {
      const stored = this.ownAppointment(clientId, id);
      const rules = this.manageRules(stored);
      if (!rules.canCancel) throw new BookingError('rule-violation', rules.reason ?? 'It can no longer be cancelled.', { status: 422 });
      stored.status = 'cancelled';
      stored.statusNote = reason;
      stored.updatedAt = iso(this.now());
      this.send('cancelled', client.email, stored);
      this.changed(stored);
      return stored;
    });
  }

  // ---- the therapist's side -------------------------------------------------------------------

  /**
   * The appointments staff see, soonest first, each with its client and what stands in the way of
   * confirming it. `scope.providerId` is a therapist's own: they see no other's.
   */
  practiceAppointments(query: PracticeAppointmentQuery = {}, scope: StaffScope = {}): PracticeAppointment[] {
    const from = query.start ? Date.parse(query.start) : -Infinity;
    const to = query.end ? Date.parse(query.end) : Infinity;
    return this.data.appointments
      .filter(
        (a) =>
          (!scope.providerId || a.providerId === scope.providerId) &&
          (!query.providerId || a.providerId === query.providerId) &&
          (!query.statuses || query.statuses.includes(a.status)) &&
          Date.parse(a.end) > from &&
          Date.parse(a.start) < to,
      )
      .sort((a, b) => Date.parse(a.start) - Date.parse(b.start))
      .map((a) => this.presentToPractice(a));
  }

  /** Every appointment with its client, soonest first (the whole practice's list). */
  allAppointments(): PracticeAppointment[] {
    return this.practiceAppointments();
  }

  private conflictsOf(stored: StoredAppointment): ConfirmProblem[] {
    if (stored.status !== 'unconfirmed') return [];
    return confirmProblems({
      appointment: stored,
      schedule: this.scheduleOf(stored.providerId, stored.locationId),
      location: this.location(stored.locationId),
      providerHeld: this.data.appointments.filter((a) => a.providerId === stored.providerId && holdsTime(a.status)),
      now: this.now(),
    });
  }

  private presentToPractice(stored: StoredAppointment): PracticeAppointment {
    return { ...this.present(stored), client: { ...this.client(stored.clientId) }, conflicts: this.conflictsOf(stored) };
  }

  private decide(id: string, status: 'confirmed' | 'declined', scope: StaffScope, note?: string): PracticeAppointment {
    const stored = this.data.appointments.find((a) => a.id === id && (!scope.providerId || a.providerId === scope.providerId));
    if (!stored) throw new BookingError('not-found', 'That appointment was not found.', { status: 404 });
    if (stored.status !== 'unconfirmed') {
      throw new BookingError('conflict', `That appointment is ${stored.status}, not waiting for confirmation.`, {
        status: 409,
      });
    }
    if (status === 'confirmed') {
      // Checked again as the decision is made: the clock and the hours may have moved since the list was read.
      const conflicts = this.conflictsOf(stored);
      if (conflicts.length) throw confirmRefusal(conflicts);
    }
    stored.status = status;
    stored.statusNote = note;
    stored.updatedAt = iso(this.now());
    this.send(status, this.client(stored.clientId).email, stored);
    this.changed(stored);
    return this.presentToPractice(stored);
  }

  /** Confirms a waiting request (409 when it is not waiting, or its time no longer fits). */
  confirm(id: string, scope: StaffScope = {}): PracticeAppointment {
    return this.decide(id, 'confirmed', scope);
  }

  /** Declines a waiting request; `note` is shown to the client and e-mailed to them. */
  decline(id: string, note?: string, scope: StaffScope = {}): PracticeAppointment {
    return this.decide(id, 'declined', scope, note?.trim() || undefined);
  }

  setSelfScheduling(providerId: string, selfScheduling: boolean): Provider {
    const provider = this.provider(providerId);
    provider.selfScheduling = selfScheduling;
    return provider;
  }

  /** The policy and every therapist's self-scheduling and hours. */
  settings(): PracticeSettings {
    return structuredClone({
      policy: this.data.policy,
      providers: this.data.providers.map((provider) => ({
        provider,
        schedules: this.data.schedules.filter((schedule) => schedule.providerId === provider.id),
      })),
    });
  }

  /** Sets a therapist's hours at a location (adding the location to theirs when new). */
  setSchedule(providerId: string, locationId: string, update: ScheduleUpdate): Schedule {
    this.provider(providerId);
    this.location(locationId);
    const schedule: Schedule = { providerId, locationId, ...structuredClone(update) };
    const index = this.data.schedules.findIndex((s) => s.providerId === providerId && s.locationId === locationId);
    if (index >= 0) this.data.schedules[index] = schedule;
    else this.data.schedules.push(schedule);
    return structuredClone(schedule);
  }

  setPolicy(policy: PracticePolicy): PracticePolicy {
    this.data.policy = structuredClone(policy);
    return structuredClone(policy);
  }

  /** The member of staff with this address and password (the mock's stand-in for a real sign-in), or undefined. */
  staffSignIn(email: string, password: string): StaffMember | undefined {
    const found = this.data.staff?.find((member) => member.email.toLowerCase() === email.trim().toLowerCase() && member.password === password);
    return found && this.staffMember(found.id);
  }

  /** The member of staff `staffId` names, or undefined. */
  staffMember(staffId: string): StaffMember | undefined {
    const found = this.data.staff?.find((member) => member.id === staffId);
    if (!found) return undefined;
    const { password: _password, ...member } = found;
    return member;
  }

  outbox(): OutboxEmail[] {
    return [...(this.data.outbox ?? [])];
  }

  // ---- presenting ------------------------------------------------------------------------

  private manageRules(stored: StoredAppointment): Appointment['manage'] {
    return manageRules(stored, this.data.policy, this.now());
  }

  private present(stored: StoredAppointment): Appointment {
    const parts = {
      provider: this.provider(stored.providerId),
      location: this.location(stored.locationId),
      service: this.service(stored.serviceId),
    };
    return presentAppointment(stored, parts, this.data.policy, this.now());
  }

  private nextId(prefix: string): string {
    this.sequence += 1;
    return `${prefix}-${this.now().toString(36)}-${this.sequence}`;
  }

  private send(kind: EmailKind, to: string, stored: StoredAppointment): void {
    const { subject, body } = noticeFor(kind, this.present(stored), stored.statusNote);
    this.data.outbox!.push({
      id: this.nextId('mail'),
      kind,
      to,
      subject,
      body,
      appointmentId: stored.id,
      sentAt: iso(this.now()),
    });
  }

  private changed(appointment: StoredAppointment): void {
    for (const listener of this.listeners) listener({ appointment: { ...appointment } });
  }
}
