/**
 * A practice's booking rules over plain data: the bookable window, a therapist's open time, the
 * checks on a request, and what a client may still do with an appointment. The in-memory Practice
 * (demo, mock API, MemoryAdapter) and the reference server (`server/`, on PostgreSQL) both call
 * these, so the browser, the mock and the server judge a time by one implementation; each only
 * says where its data comes from.
 */
import type {
  Appointment,
  AppointmentRequest,
  Availability,
  AppointmentStatus,
  Location,
  ManageRules,
  Provider,
  SelectionProblem,
  Service,
} from '../model/schemas.js';
import { type Interval, IntervalIndex } from './intervals.js';
import type { ConfirmProblem } from '../model/practice-api-schemas.js';
import { type RecurringBreak, type WeeklyWindow, openTime, workingTime } from './open-time.js';
import { checkSelection } from './selection.js';
import { DAY, HOUR, MINUTE, addDays, startOfDay, toPlainDate } from './time-zone.js';

/** The longest range one availability query may ask for. */
export const maxAvailabilityDays = 62;

/** When a therapist works at one location; the location's zone applies. */
export interface Schedule {
  providerId: string;
  locationId: string;
  weekly: WeeklyWindow[];
  breaks?: RecurringBreak[];
  /** Whole local days off, `YYYY-MM-DD`. */
  daysOff?: string[];
}

export interface PracticePolicy {
  /** How long before a start a request must be made. */
  minimumNoticeMinutes: number;
  /** How many days ahead requests are taken. */
  horizonDays: number;
  /** Start times fall on this step, counted in each location's zone. */
  slotStepMinutes: number;
  /** Online changes and cancellations close this many hours before the start. */
  manageCutoffHours: number;
  /** The practice's cancellation rule, shown before a client cancels. */
  cancellationPolicy?: string;
}

/** Statuses whose appointments still hold their time. */
export const heldStatuses = ['unconfirmed', 'confirmed'] as const satisfies readonly AppointmentStatus[];

export function holdsTime(status: AppointmentStatus): boolean {
  return (heldStatuses as readonly AppointmentStatus[]).includes(status);
}

/** Problems that mean "that time is not free", as opposed to a rule broken whenever it is sent. */
const timeTakenCodes = new Set<SelectionProblem['code']>([
  'outside-availability',
  'too-short-for-service',
  'overlaps-own-appointment',
]);

/** Whether choosing another time would help (409), rather than the request breaking a rule (422). */
export function isTimeTaken(problems: readonly SelectionProblem[]): boolean {
  return problems.every((problem) => timeTakenCodes.has(problem.code));
}

/** Now plus the notice, to the end of the local day `horizonDays` ahead (so the last day is whole). */
export function bookingWindow(now: number, timeZone: string, policy: PracticePolicy): { earliestStart: number; latestEnd: number } {
  const lastDay = addDays(toPlainDate(now, timeZone), policy.horizonDays + 1);
  return { earliestStart: now + policy.minimumNoticeMinutes * MINUTE, latestEnd: startOfDay(lastDay, timeZone) };
}

export function offersService(service: Service, providerId: string, locationId: string): boolean {
  return service.offeredBy.some((offering) => offering.providerId === providerId && offering.locationIds.includes(locationId));
}

/** Why an availability range cannot be answered (a 400), or undefined when it can. */
export function availabilityRangeProblem(range: Interval): string | undefined {
  if (!(range.start < range.end)) return 'The range must start before it ends.';
  if (range.end - range.start > maxAvailabilityDays * DAY) return `Ask for at most ${maxAvailabilityDays} days at a time.`;
  // The answer repeats the range in UTC, and an instant of the contract has a four-digit year
  // (`0000-01-01T00:00:00+23:59` is one, yet in UTC it falls in the year −1).
  if (![range.start, range.end].every((instant) => /^\d{4}-/.test(new Date(instant).toISOString()))) {
    return 'Ask for a range within the years 0000 to 9999.';
  }
  return undefined;
}

export interface ScheduleOpenTimeInput {
  /** The provider's schedule at the location, or undefined where they have no hours there. */
  schedule: Schedule | undefined;
  location: Location;
  /** The provider's held appointments at every location (busy at one, busy at all). */
  providerBusy: readonly Interval[];
  range: Interval;
  policy: PracticePolicy;
  now: number;
}

/** The provider's bookable time at a location over `range`. */
export function openTimeFor({ schedule, location, providerBusy, range, policy, now }: ScheduleOpenTimeInput): Interval[] {
  if (!schedule) return [];
  return openTime({
    pattern: { ...schedule, timeZone: location.timeZone },
    busy: providerBusy,
    range,
    ...bookingWindow(now, location.timeZone, policy),
  });
}

/**
 * The times whose appointments can affect a check of `request`: a day either side, which a
 * store may use to load only the neighbourhood (no service is longer than a day).
 */
export function neighbourhoodOf(request: Pick<AppointmentRequest, 'start' | 'end'>): Interval {
  const start = Date.parse(request.start);
  return { start: start - DAY, end: Math.max(Date.parse(request.end), start) + DAY };
}

/** What a store holds under the id a change names, whoever's it is. */
export interface NamedAppointment {
  id: string;
  clientId: string;
}

/**
 * Which appointment availability and validation leave out of the busy time while a client changes
 * one (`exceptAppointmentId`): the new time may overlap its old one, as the change itself allows.
 * Refused (`ok: false`, the store throws `code` with `message`) where leaving it out would be wrong.
 */
export type ChangeExclusion =
  | { ok: true; leftOutId?: string }
  | { ok: false; code: 'bad-request' | 'not-found'; message: string };

/**
 * The appointment a check leaves out for a change. Only the signed-in client's own is left out:
 * another client's id, or an unknown one, is refused as not found, exactly as moving it is, so no
 * answer shows another client's time as free or tells that their id exists. An own appointment
 * that no longer holds time (declined, cancelled) frees nothing, and is no error.
 *
 * `named` is what the store found under `exceptAppointmentId`, anyone's (undefined when nothing);
 * `clientId` is the signed-in client (undefined when no one is, who owns nothing).
 */
export function changeExclusion(
  exceptAppointmentId: string | undefined,
  clientId: string | undefined,
  named: NamedAppointment | undefined,
): ChangeExclusion {
  if (exceptAppointmentId === undefined) return { ok: true };
  if (exceptAppointmentId === '') {
    return { ok: false, code: 'bad-request', message: '"exceptAppointmentId" must name an appointment (a non-empty id).' };
  }
  const own = named !== undefined && named.id === exceptAppointmentId && clientId !== undefined && named.clientId === clientId;
  if (!own) return { ok: false, code: 'not-found', message: 'That appointment was not found.' };
  return { ok: true, leftOutId: exceptAppointmentId };
}

/** The time of `held` appointments (each holding time) less the one a change leaves out. */
export function busyLeavingOut(held: readonly { id: string; start: string; end: string }[], leftOutId: string | undefined): Interval[] {
  return held.filter((appointment) => appointment.id !== leftOutId).map(({ start, end }) => ({ start: Date.parse(start), end: Date.parse(end) }));
}

export interface RequestCheckInput extends Omit<ScheduleOpenTimeInput, 'range'> {
  request: AppointmentRequest;
  providerSelfSchedules: boolean;
  service: Service;
  /** The client's own held appointments with any provider (less the one being changed). */
  ownBusy: readonly Interval[];
}

/** Every problem with a request, in the order a person would want to hear them. */
export function requestProblems(input: RequestCheckInput): SelectionProblem[] {
  const { request, location, service, policy, now } = input;
  const selection = { start: Date.parse(request.start), end: Date.parse(request.end) };
  return checkSelection(selection, {
    providerSelfSchedules: input.providerSelfSchedules,
    serviceOffered: offersService(service, request.providerId, location.id),
    durationMinutes: service.durationMinutes,
    open: new IntervalIndex(openTimeFor({ ...input, range: neighbourhoodOf(request) })),
    ownBusy: new IntervalIndex(input.ownBusy),
    now,
    ...bookingWindow(now, location.timeZone, policy),
    slotStep: { minutes: policy.slotStepMinutes, timeZone: location.timeZone },
  });
}

/** What the client may still do online with an appointment, and why not. */
export function manageRules(appointment: { start: string; status: AppointmentStatus }, policy: PracticePolicy, now: number): ManageRules {
  const { manageCutoffHours, cancellationPolicy } = policy;
  const start = Date.parse(appointment.start);
  const cutoff = start - manageCutoffHours * HOUR;
  const open = holdsTime(appointment.status) && now < cutoff;
  let reason: string | undefined;
  if (appointment.status === 'cancelled') reason = 'This appointment was cancelled.';
  else if (appointment.status === 'declined') reason = 'Your therapist declined this request.';
  else if (start <= now) reason = 'This appointment has already taken place.';
  else if (!open) {
    reason = `Appointments can be changed online until ${manageCutoffHours} hours before they start. Please contact the practice.`;
  }
  return {
    canChange: open,
    canCancel: open,
    until: open ? new Date(cutoff).toISOString() : null,
    ...(reason ? { reason } : {}),
    ...(cancellationPolicy ? { cancellationPolicy } : {}),
  };
}

export type WriteOperation = 'request' | 'change' | 'cancel';

/**
 * What an idempotency key promises to stand for: the operation and its request, with instants
 * compared as instants (`…T14:00:00Z` and `…T14:00:00.000Z` are one request).
 */
export function requestFingerprint(operation: WriteOperation, request?: AppointmentRequest, id?: string): string {
  const normalized = request && {
    providerId: request.providerId,
    locationId: request.locationId,
    serviceId: request.serviceId,
    start: Date.parse(request.start),
    end: Date.parse(request.end),
  };
  return JSON.stringify([operation, id ?? null, normalized ?? null]);
}

/** An appointment as a practice keeps it: ids where the wire has whole objects. */
export interface AppointmentRecord {
  id: string;
  providerId: string;
  locationId: string;
  serviceId: string;
  start: string;
  end: string;
  status: AppointmentStatus;
  createdAt: string;
  updatedAt: string;
  /** The therapist's words on a decline, or the client's on a cancel. */
  statusNote?: string | null;
}

/** What the client is shown of an appointment: the whole provider, place and service, and what they may do. */
export function presentAppointment(
  record: AppointmentRecord,
  { provider, location, service }: { provider: Provider; location: Location; service: Service },
  policy: PracticePolicy,
  now: number,
): Appointment {
  return {
    id: record.id,
    provider: { id: provider.id, name: provider.name, ...(provider.credentials ? { credentials: provider.credentials } : {}) },
    location,
    service: { id: service.id, name: service.name, durationMinutes: service.durationMinutes },
    start: record.start,
    end: record.end,
    status: record.status,
    createdAt: record.createdAt,
    updatedAt: record.updatedAt,
    // The therapist's note is for the client to read; a cancel's reason is kept for the practice.
    ...(record.status === 'declined' && record.statusNote ? { declineNote: record.statusNote } : {}),
    manage: manageRules(record, policy, now),
  };
}

export interface ConfirmCheckInput {
  appointment: { id: string; start: string; end: string };
  /** The provider's schedule at the appointment's location, or undefined where they have none now. */
  schedule: Schedule | undefined;
  location: Location;
  /** The provider's held appointments (any location) around this one; this one is skipped. */
  providerHeld: readonly { id: string; start: string; end: string }[];
  now: number;
}

/**
 * What stands in the way of confirming a request as things are now. Notice, horizon and slot step
 * were the client's rules and held when it was made; what can change since is the clock, the
 * therapist's hours, and (where a store lets two requests overlap) another appointment.
 */
export function confirmProblems({ appointment, schedule, location, providerHeld, now }: ConfirmCheckInput): ConfirmProblem[] {
  const time = { start: Date.parse(appointment.start), end: Date.parse(appointment.end) };
  const problems: ConfirmProblem[] = [];
  if (time.start <= now) problems.push({ code: 'in-the-past' });
  const working = schedule ? workingTime({ ...schedule, timeZone: location.timeZone }, time) : [];
  if (!working.some((interval) => interval.start <= time.start && interval.end >= time.end)) problems.push({ code: 'outside-hours' });
  for (const other of providerHeld) {
    if (other.id === appointment.id) continue;
    if (Date.parse(other.start) < time.end && Date.parse(other.end) > time.start) {
      problems.push({ code: 'overlaps-appointment', appointmentId: other.id, start: other.start, end: other.end });
    }
  }
  return problems;
}

/** Why no availability is answered for this provider, location and service (a 422's one problem), if none is. */
export function availabilityProblem(provider: Provider, location: Location, service: Service): SelectionProblem | undefined {
  if (!provider.selfScheduling) return { code: 'provider-not-self-scheduling' };
  if (!offersService(service, provider.id, location.id)) return { code: 'service-not-offered' };
  return undefined;
}

export interface AvailabilityAnswerInput {
  provider: Provider;
  location: Location;
  service: Service;
  range: Interval;
  /** The open time over `range` (see `openTimeFor`). */
  open: readonly Interval[];
  policy: PracticePolicy;
  now: number;
}

/** The contract's Availability answer, instants in UTC. */
export function availabilityAnswer({ provider, location, service, range, open, policy, now }: AvailabilityAnswerInput): Availability {
  const iso = (instant: number) => new Date(instant).toISOString();
  const window = bookingWindow(now, location.timeZone, policy);
  return {
    providerId: provider.id,
    locationId: location.id,
    serviceId: service.id,
    timeZone: location.timeZone,
    range: { start: iso(range.start), end: iso(range.end) },
    open: open.map((interval) => ({ start: iso(interval.start), end: iso(interval.end) })),
    slotStepMinutes: policy.slotStepMinutes,
    earliestStart: iso(window.earliestStart),
    latestEnd: iso(window.latestEnd),
  };
}
