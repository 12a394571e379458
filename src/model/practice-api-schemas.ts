/**
 * The practice API's wire shapes (docs/rest-api.md, "The practice API"): what staff send and are
 * answered under `/practice/…`. The reference server, the mock API and `<appointment-requests>`
 * all read them with these schemas, so a wrong shape is refused with one wording everywhere.
 */
import * as z from 'zod/mini';
import { clientSchema, practicePolicySchema, scheduleSchema } from './practice-schemas.js';
import { type AppointmentStatus, appointmentSchema, instantSchema, providerSchema } from './schemas.js';

const id = z.string().check(z.minLength(1));

/** The longest note a therapist may send with a decline. */
export const maxDeclineNoteLength = 1000;

/**
 * Why a request cannot be confirmed now. Checked when the list is read (shown beside the request)
 * and again inside the confirm's own transaction, which refuses it (409).
 */
export const confirmProblemSchema = z.discriminatedUnion('code', [
  /** The requested start has passed. */
  z.object({ code: z.literal('in-the-past') }),
  /** The time is no longer inside the therapist's hours there: hours changed, a break, or a day off. */
  z.object({ code: z.literal('outside-hours') }),
  /** Another appointment of the therapist's (waiting or confirmed) holds part of the time. */
  z.object({ code: z.literal('overlaps-appointment'), appointmentId: id, start: instantSchema, end: instantSchema }),
]);
export type ConfirmProblem = z.infer<typeof confirmProblemSchema>;

/** An appointment as the practice sees it: whose it is, and what stands in the way of confirming it. */
export const practiceAppointmentSchema = z.intersection(
  appointmentSchema,
  z.object({
    client: clientSchema,
    /** Empty unless the appointment is waiting (`unconfirmed`) and could not be confirmed as it stands. */
    conflicts: z.array(confirmProblemSchema),
  }),
);
export type PracticeAppointment = z.infer<typeof practiceAppointmentSchema>;

export const practiceAppointmentListSchema = z.object({ appointments: z.array(practiceAppointmentSchema) });

/** `POST /practice/appointments/{id}/decline`: the note is shown to the client and e-mailed to them. */
export const declineRequestSchema = z.object({
  note: z.optional(z.string().check(z.maxLength(maxDeclineNoteLength, `a note of at most ${maxDeclineNoteLength} characters`))),
});

/** A member of staff: a therapist (with `providerId`, who sees and decides only their own) or the front desk (without). */
export const staffMemberSchema = z.object({
  id,
  name: z.string(),
  email: z.string(),
  providerId: z.optional(id),
});
export type StaffMember = z.infer<typeof staffMemberSchema>;

/** `POST /practice/auth/sign-in`. */
export const staffSignInSchema = z.object({
  email: z.string().check(z.minLength(1, 'an e-mail address'), z.maxLength(254)),
  password: z.string().check(z.minLength(1, 'a password'), z.maxLength(1024)),
});
export type StaffSignIn = z.infer<typeof staffSignInSchema>;

/** The answer of sign-in and of `GET /practice/auth/session`. */
export const staffSignedInSchema = z.object({ staff: staffMemberSchema });

/** `PUT /practice/providers/{id}/self-scheduling`. */
export const selfSchedulingUpdateSchema = z.object({ selfScheduling: z.boolean() });

/** `PUT /practice/providers/{providerId}/schedules/{locationId}`: a therapist's hours at one location. */
export const scheduleUpdateSchema = z.omit(scheduleSchema, { providerId: true, locationId: true });
export type ScheduleUpdate = z.infer<typeof scheduleUpdateSchema>;

/** `GET /practice/settings`: the policy and, per therapist, self-scheduling and hours at each location. */
export const practiceSettingsSchema = z.object({
  policy: practicePolicySchema,
  providers: z.array(z.object({ provider: providerSchema, schedules: z.array(scheduleSchema) })),
});
export type PracticeSettings = z.infer<typeof practiceSettingsSchema>;

/**
 * A notice about an appointment in the practice's outbox (`GET /practice/outbox`): the demo's
 * mailbox, and a record of what was sent. Sign-in links are never listed: staff who could read
 * one could sign in as the client.
 */
export const outboxEmailSchema = z.object({
  id,
  kind: z.enum(['request-received', 'new-request', 'confirmed', 'declined', 'cancelled', 'changed']),
  to: z.string(),
  subject: z.string(),
  body: z.string(),
  appointmentId: id,
  sentAt: instantSchema,
});
export type OutboxEmailView = z.infer<typeof outboxEmailSchema>;
export const outboxSchema = z.object({ emails: z.array(outboxEmailSchema) });

/** Which appointments `GET /practice/appointments` lists. */
export interface PracticeAppointmentQuery {
  /** Only these statuses (`status=unconfirmed,confirmed`); every status when absent. */
  statuses?: AppointmentStatus[];
  /** Only this therapist's. */
  providerId?: string;
  /** Only those that end after `start` and begin before `end` (either may be left out). */
  start?: string;
  end?: string;
}
