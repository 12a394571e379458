/**
 * The data that crosses the adapter boundary, as zod schemas; the TypeScript types are inferred
 * from them so the two never drift. zod/mini keeps this in the script-tag entry at a few KiB.
 *
 * On the wire every instant is an ISO 8601 string with an offset (`2026-11-30T14:00:00Z`);
 * the scheduling rules work on epoch milliseconds.
 */
import * as z from 'zod/mini';
import { isValidTimeZone } from '../scheduling/time-zone.js';

const id = z.string().check(z.minLength(1));

/** An ISO 8601 instant with an offset or `Z`, that is also a real date. */
export const instantSchema = z.iso
  // abort: a malformed instant is one issue, not also a made-up ordering problem further up.
  .datetime({ offset: true, abort: true })
  .check(z.refine((text) => Number.isFinite(Date.parse(text)), 'not a real date'));

const timeZoneSchema = z.string().check(z.refine(isValidTimeZone, 'not a known IANA time zone'));

const minutes = z.number().check(z.int(), z.positive(), z.maximum(24 * 60));

function startsBeforeEnd(value: { start: string; end: string }): boolean {
  return Date.parse(value.start) < Date.parse(value.end);
}

export const timeRangeSchema = z
  .object({ start: instantSchema, end: instantSchema })
  .check(z.refine(startsBeforeEnd, 'start must be before end'));
export type TimeRange = z.infer<typeof timeRangeSchema>;

export const providerSchema = z.object({
  id,
  name: z.string().check(z.minLength(1)),
  /** Letters after the name, e.g. "LCSW". */
  credentials: z.optional(z.string()),
  /** Whether this therapist lets clients request appointments themselves. */
  selfScheduling: z.boolean(),
});
export type Provider = z.infer<typeof providerSchema>;

const locationBase = {
  id,
  name: z.string().check(z.minLength(1)),
  /** The zone the location's hours are kept in. */
  timeZone: timeZoneSchema,
};

export const locationSchema = z.discriminatedUnion('kind', [
  z.object({
    ...locationBase,
    kind: z.literal('in-person'),
    /** Postal address, lines separated by newlines. */
    address: z.string().check(z.minLength(1)),
  }),
  z.object({ ...locationBase, kind: z.literal('telehealth') }),
]);
export type Location = z.infer<typeof locationSchema>;

export const serviceOfferingSchema = z.object({
  providerId: id,
  locationIds: z.array(id),
});

export const serviceSchema = z.object({
  id,
  name: z.string().check(z.minLength(1)),
  description: z.optional(z.string()),
  durationMinutes: minutes,
  /** Which providers offer it, and where. */
  offeredBy: z.array(serviceOfferingSchema),
});
export type Service = z.infer<typeof serviceSchema>;

export const availabilitySchema = z
  .object({
    providerId: id,
    locationId: id,
    serviceId: id,
    /** The location's zone, in which the slot step is counted. */
    timeZone: timeZoneSchema,
    /** The range asked for; `open` lies inside it. */
    range: timeRangeSchema,
    /** Times a request may occupy: hours less breaks, days off and bookings, within the window below. */
    open: z.array(timeRangeSchema),
    /** Start times fall on multiples of this many minutes past local midnight. */
    slotStepMinutes: minutes,
    /** Now plus the practice's minimum notice. */
    earliestStart: instantSchema,
    /** The end of the booking horizon: nothing may end after it. */
    latestEnd: instantSchema,
  })
  .check(
    z.refine(
      (value) => Date.parse(value.earliestStart) <= Date.parse(value.latestEnd),
      'earliestStart must not be after latestEnd',
    ),
  );
export type Availability = z.infer<typeof availabilitySchema>;

export const appointmentStatuses = ['unconfirmed', 'confirmed', 'declined', 'cancelled'] as const;
export const appointmentStatusSchema = z.enum(appointmentStatuses);
export type AppointmentStatus = z.infer<typeof appointmentStatusSchema>;

export const manageRulesSchema = z.object({
  canChange: z.boolean(),
  canCancel: z.boolean(),
  /** Until when the client may change or cancel; null when there is no deadline or it is over. */
  until: z.nullable(instantSchema),
  /** Why it may no longer be changed, in words a client understands. */
  reason: z.optional(z.string()),
  /** The practice's cancellation rule, e.g. a late-cancel window, to show before cancelling. */
  cancellationPolicy: z.optional(z.string()),
});
export type ManageRules = z.infer<typeof manageRulesSchema>;

export const appointmentSchema = z
  .object({
    id,
    provider: z.pick(providerSchema, { id: true, name: true, credentials: true }),
    location: locationSchema,
    service: z.pick(serviceSchema, { id: true, name: true, durationMinutes: true }),
    start: instantSchema,
    end: instantSchema,
    status: appointmentStatusSchema,
    createdAt: instantSchema,
    updatedAt: instantSchema,
    /** The therapist's note to the client, on a declined request. */
    declineNote: z.optional(z.string()),
    manage: manageRulesSchema,
  })
  .check(z.refine(startsBeforeEnd, 'start must be before end'));
export type Appointment = z.infer<typeof appointmentSchema>;

/** What a client sends to ask for a time (and, for a change, the new time). */
export const appointmentRequestSchema = z
  .object({
    providerId: id,
    locationId: id,
    serviceId: id,
    start: instantSchema,
    end: instantSchema,
  })
  .check(z.refine(startsBeforeEnd, 'start must be before end'));
export type AppointmentRequest = z.infer<typeof appointmentRequestSchema>;

/** Why a time cannot be booked: machine-readable, and described for people by `describeProblem`. */
export const selectionProblemSchema = z.discriminatedUnion('code', [
  z.object({ code: z.literal('provider-not-self-scheduling') }),
  z.object({ code: z.literal('service-not-offered') }),
  z.object({ code: z.literal('wrong-length'), expectedMinutes: minutes, actualMinutes: z.number() }),
  z.object({ code: z.literal('in-the-past') }),
  z.object({ code: z.literal('inside-minimum-notice'), earliestStart: instantSchema }),
  z.object({ code: z.literal('beyond-horizon'), latestEnd: instantSchema }),
  z.object({ code: z.literal('not-on-slot-step'), stepMinutes: minutes }),
  z.object({ code: z.literal('outside-availability') }),
  z.object({
    code: z.literal('too-short-for-service'),
    serviceMinutes: minutes,
    availableMinutes: z.number().check(z.minimum(0)),
  }),
  z.object({ code: z.literal('overlaps-own-appointment'), start: instantSchema, end: instantSchema }),
]);
export type SelectionProblem = z.infer<typeof selectionProblemSchema>;
export type SelectionProblemCode = SelectionProblem['code'];

export const validationResultSchema = z.object({
  ok: z.boolean(),
  problems: z.array(selectionProblemSchema),
});
export type ValidationResult = z.infer<typeof validationResultSchema>;

/**
 * The body of every error response of the REST contract. Problems are read one by one (see
 * `readProblems`), so a code added to a server later does not hide the message from older widgets.
 */
export const errorBodySchema = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    problems: z.optional(z.array(z.unknown())),
  }),
});

/** The problems of an error body that this version understands; the rest are left out. */
export function readProblems(problems: readonly unknown[] | undefined): SelectionProblem[] {
  const known: SelectionProblem[] = [];
  for (const problem of problems ?? []) {
    const parsed = selectionProblemSchema.safeParse(problem);
    if (parsed.success) known.push(parsed.data);
  }
  return known;
}
export type ErrorBody = z.infer<typeof errorBodySchema>;

export const providerListSchema = z.object({ providers: z.array(providerSchema) });
export const locationListSchema = z.object({ locations: z.array(locationSchema) });
export const serviceListSchema = z.object({ services: z.array(serviceSchema) });
export const appointmentListSchema = z.object({ appointments: z.array(appointmentSchema) });
