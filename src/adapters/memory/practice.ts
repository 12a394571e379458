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
import { type Interval, IntervalIndex } from '../../scheduling/intervals.js';
import { openTime } from '../../scheduling/open-time.js';
import { checkSelection } from '../../scheduling/selection.js';
import { DAY, HOUR, MINUTE, addDays, startOfDay, toPlainDate } from '../../scheduling/time-zone.js';
import { BookingError } from '../errors.js';
import type { AppointmentQuery, AvailabilityQuery } from '../booking-adapter.js';
import type { Client, EmailKind, OutboxEmail, PracticeData, StoredAppointment } from './practice-data.js';

/** The longest range one availability query may ask for. */
export const maxAvailabilityDays = 62;

/** Problems that mean "that time is not free", as opposed to a rule broken whenever it is sent. */
const timeTakenCodes = new Set<SelectionProblem['code']>([
  'outside-availability',
  'too-short-for-service',
  'overlaps-own-appointment',
]);

/** Statuses whose appointments still hold their time. */
const activeStatuses = new Set(['unconfirmed', 'confirmed']);

export interface PracticeChange {
  appointment: StoredAppointment;
}

export interface PracticeOptions {
  /** The clock; tests and the demo move it. */
  now?: () => number;
}

const iso = (instant: number) => new Date(instant).toISOString();

/**
 * What an idempotency key promises to stand for: the operation and its request, with instants
 * compared as instants (`…T14:00:00Z` and `…T14:00:00.000Z` are one request).
 */
function fingerprint(operation: string, request?: AppointmentRequest, id?: string): string {
  const normalized = request && {
    providerId: request.providerId,
    locationId: request.locationId,
    serviceId: request.serviceId,
    start: Date.parse(request.start),
    end: Date.parse(request.end),
  };
  return JSON.stringify([operation, id ?? null, normalized ?? null]);
}

function timeOf(stored: { start: string; end: string }): Interval {
  return { start: Date.parse(stored.start), end: Date.parse(stored.end) };
}

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

  /** Locations where the provider has hours. */
  locationsOf(providerId: string): Location[] {
    this.provider(providerId);
    const ids = new Set(this.data.schedules.filter((s) => s.providerId === providerId).map((s) => s.locationId));
    return this.data.locations.filter((location) => ids.has(location.id));
  }

  private offers(service: Service, providerId: string, locationId: string): boolean {
    return service.offeredBy.some(
      (offering) => offering.providerId === providerId && offering.locationIds.includes(locationId),
    );
  }

  /** Services the provider offers at the location. */
  servicesAt(providerId: string, locationId: string): Service[] {
    this.provider(providerId);
    this.location(locationId);
    return this.data.services.filter((service) => this.offers(service, providerId, locationId));
  }

  // ---- availability ----------------------------------------------------------------------

  private bookingWindow(location: Location): { earliestStart: number; latestEnd: number } {
    const now = this.now();
    const { minimumNoticeMinutes, horizonDays } = this.data.policy;
    // The horizon runs to the end of a local day, so the last bookable day is whole.
    const lastDay = addDays(toPlainDate(now, location.timeZone), horizonDays + 1);
    return { earliestStart: now + minimumNoticeMinutes * MINUTE, latestEnd: startOfDay(lastDay, location.timeZone) };
  }

  private busyOf(predicate: (appointment: StoredAppointment) => boolean, exceptId?: string): Interval[] {
    return this.data.appointments
      .filter((a) => a.id !== exceptId && activeStatuses.has(a.status) && predicate(a))
      .map(timeOf);
  }

  private openIntervals(providerId: string, location: Location, range: Interval, exceptId?: string): Interval[] {
    const schedule = this.data.schedules.find((s) => s.providerId === providerId && s.locationId === location.id);
    if (!schedule) return [];
    return openTime({
      pattern: { ...schedule, timeZone: location.timeZone },
      // A therapist booked at one location is busy at all of them.
      busy: this.busyOf((a) => a.providerId === providerId, exceptId),
      range,
      ...this.bookingWindow(location),
    });
  }

  availability(query: AvailabilityQuery): Availability {
    const range = { start: Date.parse(query.start), end: Date.parse(query.end) };
    if (!(range.start < range.end)) {
      throw new BookingError('bad-request', 'The range must start before it ends.', { status: 400 });
    }
    if (range.end - range.start > maxAvailabilityDays * DAY) {
      throw new BookingError('bad-request', `Ask for at most ${maxAvailabilityDays} days at a time.`, {
        status: 400,
      });
    }
    const provider = this.provider(query.providerId);
    const location = this.location(query.locationId);
    const service = this.service(query.serviceId);
    if (!provider.selfScheduling) throw this.ruleViolation([{ code: 'provider-not-self-scheduling' }]);
    if (!this.offers(service, provider.id, location.id)) throw this.ruleViolation([{ code: 'service-not-offered' }]);
    const window = this.bookingWindow(location);
    return {
      providerId: provider.id,
      locationId: location.id,
      serviceId: service.id,
      timeZone: location.timeZone,
      range: { start: iso(range.start), end: iso(range.end) },
      open: this.openIntervals(provider.id, location, range).map((i) => ({ start: iso(i.start), end: iso(i.end) })),
      slotStepMinutes: this.data.policy.slotStepMinutes,
      earliestStart: iso(window.earliestStart),
      latestEnd: iso(window.latestEnd),
    };
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
    const service = this.service(request.serviceId);
    const selection = timeOf(request);
    // Only the neighbourhood of the request matters for the open time around it.
    const around = { start: selection.start - DAY, end: Math.max(selection.end, selection.start) + DAY };
    return checkSelection(selection, {
      providerSelfSchedules: provider.selfScheduling,
      serviceOffered: this.offers(service, provider.id, location.id),
      durationMinutes: service.durationMinutes,
      open: new IntervalIndex(this.openIntervals(provider.id, location, around, exceptId)),
      ownBusy: new IntervalIndex(this.busyOf((a) => a.clientId === clientId, exceptId)),
      now: this.now(),
      ...this.bookingWindow(location),
      slotStep: { minutes: this.data.policy.slotStepMinutes, timeZone: location.timeZone },
    });
  }

  validate(clientId: string, request: AppointmentRequest, exceptId?: string): ValidationResult {
    this.client(clientId);
    const problems = this.problemsWith(clientId, request, exceptId);
    return { ok: problems.length === 0, problems };
  }

  private ruleViolation(problems: SelectionProblem[]): BookingError {
    // 409 only when choosing another time would help; any rule broken whenever sent makes it 422.
    const taken = problems.every((problem) => timeTakenCodes.has(problem.code));
    return taken
      ? new BookingError('conflict', 'That time is no longer available.', { status: 409, problems })
      : new BookingError('rule-violation', 'That appointment cannot be requested.', { status: 422, problems });
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
    return this.once(clientId, idempotencyKey, fingerprint('request', request), () => {
      const problems = this.problemsWith(clientId, request);
      if (problems.length) throw this.ruleViolation(problems);
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
    return this.once(clientId, idempotencyKey, fingerprint('change', request, id), () => {
      const stored = this.ownAppointment(clientId, id);
      const rules = this.manageRules(stored);
      if (!rules.canChange) throw new BookingError('rule-violation', rules.reason ?? 'It can no longer be changed.', { status: 422 });
      const problems = this.problemsWith(clientId, request, id);
      if (problems.length) throw this.ruleViolation(problems);
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
    return this.once(clientId, idempotencyKey, fingerprint('cancel', undefined, id), () => {
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

  /** Every appointment with its client, soonest first: the therapist's inbox. */
  allAppointments(): Array<Appointment & { client: Client }> {
    return [...this.data.appointments]
      .sort((a, b) => Date.parse(a.start) - Date.parse(b.start))
      .map((a) => ({ ...this.present(a), client: this.client(a.clientId) }));
  }

  private decide(id: string, status: 'confirmed' | 'declined', note?: string): Appointment {
    const stored = this.data.appointments.find((a) => a.id === id);
    if (!stored) throw new BookingError('not-found', 'That appointment was not found.', { status: 404 });
    if (stored.status !== 'unconfirmed') {
      throw new BookingError('conflict', `That appointment is ${stored.status}, not waiting for confirmation.`, {
        status: 409,
      });
    }
    stored.status = status;
    stored.statusNote = note;
    stored.updatedAt = iso(this.now());
    this.send(status, this.client(stored.clientId).email, stored);
    this.changed(stored);
    return this.present(stored);
  }

  confirm(id: string): Appointment {
    return this.decide(id, 'confirmed');
  }

  decline(id: string, note?: string): Appointment {
    return this.decide(id, 'declined', note);
  }

  setSelfScheduling(providerId: string, selfScheduling: boolean): Provider {
    const provider = this.provider(providerId);
    provider.selfScheduling = selfScheduling;
    return provider;
  }

  outbox(): OutboxEmail[] {
    return [...(this.data.outbox ?? [])];
  }

  // ---- presenting ------------------------------------------------------------------------

  private manageRules(stored: StoredAppointment): Appointment['manage'] {
    const { manageCutoffHours, cancellationPolicy } = this.data.policy;
    const cutoff = Date.parse(stored.start) - manageCutoffHours * HOUR;
    const now = this.now();
    const open = activeStatuses.has(stored.status) && now < cutoff;
    let reason: string | undefined;
    if (stored.status === 'cancelled') reason = 'This appointment was cancelled.';
    else if (stored.status === 'declined') reason = 'Your therapist declined this request.';
    else if (Date.parse(stored.start) <= now) reason = 'This appointment has already taken place.';
    else if (!open) {
      reason = `Appointments can be changed online until ${manageCutoffHours} hours before they start. Please contact the practice.`;
    }
    return {
      canChange: open,
      canCancel: open,
      until: open ? iso(cutoff) : null,
      ...(reason ? { reason } : {}),
      ...(cancellationPolicy ? { cancellationPolicy } : {}),
    };
  }

  private present(stored: StoredAppointment): Appointment {
    const provider = this.provider(stored.providerId);
    const service = this.service(stored.serviceId);
    return {
      id: stored.id,
      provider: { id: provider.id, name: provider.name, ...(provider.credentials ? { credentials: provider.credentials } : {}) },
      location: this.location(stored.locationId),
      service: { id: service.id, name: service.name, durationMinutes: service.durationMinutes },
      start: stored.start,
      end: stored.end,
      status: stored.status,
      createdAt: stored.createdAt,
      updatedAt: stored.updatedAt,
      manage: this.manageRules(stored),
    };
  }

  private nextId(prefix: string): string {
    this.sequence += 1;
    return `${prefix}-${this.now().toString(36)}-${this.sequence}`;
  }

  private send(kind: EmailKind, to: string, stored: StoredAppointment): void {
    const provider = this.provider(stored.providerId);
    const service = this.service(stored.serviceId);
    const location = this.location(stored.locationId);
    const when = new Intl.DateTimeFormat('en-US', {
      weekday: 'long',
      month: 'long',
      day: 'numeric',
      year: 'numeric',
      hour: 'numeric',
      minute: '2-digit',
      timeZone: location.timeZone,
      timeZoneName: 'short',
    }).format(new Date(stored.start));
    const what = `${service.name} with ${provider.name} on ${when}`;
    const subjects: Record<EmailKind, string> = {
      'request-received': 'Your appointment request was received',
      'new-request': 'New appointment request',
      confirmed: 'Your appointment is confirmed',
      declined: 'Your appointment request was declined',
      cancelled: 'Your appointment was cancelled',
      changed: 'Your appointment change request was received',
    };
    const bodies: Record<EmailKind, string> = {
      'request-received': `We received your request for ${what}. It is waiting for your therapist's confirmation.`,
      'new-request': `A client requested ${what}. Please confirm or decline it.`,
      confirmed: `${what} is confirmed.`,
      declined: `Your request for ${what} was declined.${stored.statusNote ? ` ${stored.statusNote}` : ''}`,
      cancelled: `${what} was cancelled.`,
      changed: `We received your request to move your appointment to ${what}. It is waiting for your therapist's confirmation.`,
    };
    this.data.outbox!.push({
      id: this.nextId('mail'),
      kind,
      to,
      subject: subjects[kind],
      body: bodies[kind],
      appointmentId: stored.id,
      sentAt: iso(this.now()),
    });
  }

  private changed(appointment: StoredAppointment): void {
    for (const listener of this.listeners) listener({ appointment: { ...appointment } });
  }
}
