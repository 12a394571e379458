/**
 * The practice's own configuration, as zod schemas: what a practice keeps about its therapists'
 * hours and its booking policy. The demo's stored practice and the reference server's seed file
 * are both read with these, so a bad value is refused with one wording wherever it comes from.
 */
import * as z from 'zod/mini';
import type { PracticePolicy, Schedule } from '../scheduling/practice-rules.js';
import { appointmentStatusSchema, instantSchema } from './schemas.js';

const id = z.string().check(z.minLength(1));
const clockTime = z.string().check(z.regex(/^([01]\d|2[0-3]):[0-5]\d$|^24:00$/, 'a time of day, HH:MM'));
const weekday = z.literal([1, 2, 3, 4, 5, 6, 7]);
const count = z.number().check(z.int(), z.minimum(0));
const plainDate = z
  .string()
  .check(
    z.regex(/^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/, 'a date, YYYY-MM-DD'),
    // A day the calendar has: 2026-02-30 matches the pattern but is no date.
    z.refine((text) => {
      const day = new Date(`${text}T00:00:00Z`);
      return !Number.isNaN(day.getTime()) && day.toISOString().startsWith(text);
    }, 'a date that exists'),
  );

export const scheduleSchema = z.object({
  providerId: id,
  locationId: id,
  weekly: z.array(z.object({ weekday, start: clockTime, end: clockTime })),
  breaks: z.optional(z.array(z.object({ weekday: z.optional(weekday), start: clockTime, end: clockTime }))),
  daysOff: z.optional(z.array(plainDate)),
}) satisfies z.ZodMiniType<Schedule>;

export const practicePolicySchema = z.object({
  minimumNoticeMinutes: count,
  horizonDays: count,
  slotStepMinutes: z.number().check(z.int(), z.positive(), z.maximum(24 * 60)),
  manageCutoffHours: count,
  cancellationPolicy: z.optional(z.string()),
}) satisfies z.ZodMiniType<PracticePolicy>;

/** A client of the practice (a patient), as the practice knows them. */
export const clientSchema = z.object({ id, name: z.string(), email: z.string() });

/** An appointment as a practice keeps it: whose it is, and ids where the wire has whole objects. */
export const storedAppointmentSchema = z.object({
  id,
  clientId: id,
  providerId: id,
  locationId: id,
  serviceId: id,
  start: instantSchema,
  end: instantSchema,
  status: appointmentStatusSchema,
  createdAt: instantSchema,
  updatedAt: instantSchema,
  /** The therapist's or client's words when declining or cancelling. */
  statusNote: z.optional(z.string()),
});
