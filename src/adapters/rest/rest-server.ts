/**
 * The server's side of the REST contract, for any server built on standard `Request`s: reading a
 * request's parts with the contract's wording for what is wrong, and the contract's JSON error
 * body. The mock API (msw) and the reference server (Hono) both use these, so a malformed request
 * gets the same answer from either.
 */
import * as z from 'zod/mini';
import { type PracticeAppointmentQuery, type ScheduleUpdate, declineRequestSchema } from '../../model/practice-api-schemas.js';
import type { PracticePolicy } from '../../scheduling/practice-rules.js';
import { type AppointmentRequest, appointmentRequestSchema, appointmentStatuses, instantSchema } from '../../model/schemas.js';
import { BookingError, statusForCode } from '../errors.js';
import type { AvailabilityQuery } from '../booking-adapter.js';

export function badRequest(message: string): BookingError {
  return new BookingError('bad-request', message, { status: 400 });
}

/** The contract's error answer for anything thrown while answering: its status and JSON body. */
export function errorAnswer(error: unknown): { status: number; body: { error: { code: string; message: string; problems?: unknown[] } } } {
  if (error instanceof BookingError) {
    const problems = error.problems.length ? { problems: error.problems } : {};
    return { status: error.status ?? statusForCode(error.code), body: { error: { code: error.code, message: error.message, ...problems } } };
  }
  return { status: 500, body: { error: { code: 'server', message: 'Something went wrong on our side.' } } };
}

/**
 * The longest Idempotency-Key taken. Clients make keys of 32 or 36 characters; a key of kilobytes
 * would only burden the server's store (PostgreSQL's index on keys cannot take one).
 */
export const maxIdempotencyKeyLength = 255;

export function idempotencyKeyOf(request: Request): string {
  const key = request.headers.get('Idempotency-Key');
  if (!key) throw badRequest('The Idempotency-Key header is required.');
  if (key.length > maxIdempotencyKeyLength) {
    throw badRequest(`The Idempotency-Key header is too long (at most ${maxIdempotencyKeyLength} characters).`);
  }
  return key;
}

export async function jsonBody(request: Request): Promise<unknown> {
  try {
    return await request.json();
  } catch {
    throw badRequest('The request body must be JSON.');
  }
}

/** A JSON body read with `schema`; a 400 naming the fields that are wrong (never their values). */
export async function bodyOf<T>(request: Request, schema: z.ZodMiniType<T>, what: string): Promise<T> {
  const parsed = schema.safeParse(await jsonBody(request));
  if (!parsed.success) {
    const fields = [...new Set(parsed.error.issues.map((issue) => issue.path.join('.') || 'body'))].join(', ');
    throw badRequest(`The ${what} is malformed (${fields}).`);
  }
  return parsed.data;
}

export function appointmentRequestOf(request: Request): Promise<AppointmentRequest> {
  return bodyOf(request, appointmentRequestSchema, 'appointment request');
}

/** The decline's note for the client, if any (`{}` or `{ "note": "…" }`). */
export async function declineNoteOf(request: Request): Promise<string | undefined> {
  const note = (await bodyOf(request, declineRequestSchema, 'decline')).note?.trim();
  return note || undefined;
}

const cancelBodySchema = z.object({ reason: z.optional(z.string()) });

/** The cancel body's reason; the body must be JSON, and a reason that is not a string is ignored. */
export async function cancelReasonOf(request: Request): Promise<string | undefined> {
  const body = cancelBodySchema.safeParse(await jsonBody(request));
  return body.success ? body.data.reason : undefined;
}

export function requiredParam(url: URL, name: string): string {
  const value = url.searchParams.get(name);
  if (!value) throw badRequest(`The "${name}" query parameter is required.`);
  return value;
}

export function instantParam(url: URL, name: string, optional: true): string | undefined;
export function instantParam(url: URL, name: string): string;
export function instantParam(url: URL, name: string, optional = false): string | undefined {
  const value = optional ? (url.searchParams.get(name) ?? undefined) : requiredParam(url, name);
  if (value !== undefined && !instantSchema.safeParse(value).success) {
    throw badRequest(`"${name}" must be an ISO 8601 instant with an offset, e.g. 2026-12-07T05:00:00Z.`);
  }
  return value;
}

/**
 * The appointment being changed (`exceptAppointmentId`), when the query names one: one non-empty id
 * (else 400). Whether it is the client's own is the store's check (`changeExclusion`).
 */
export function exceptAppointmentIdOf(url: URL): string | undefined {
  const given = url.searchParams.getAll('exceptAppointmentId');
  if (given.length === 0) return undefined;
  if (given.length > 1 || !given[0]) throw badRequest('"exceptAppointmentId" must be one appointment id, given once and not empty.');
  return given[0];
}

/** The availability query's five parameters, each checked, and the appointment being changed, if any. */
export function availabilityQueryOf(url: URL): AvailabilityQuery {
  const exceptAppointmentId = exceptAppointmentIdOf(url);
  return {
    providerId: requiredParam(url, 'provider'),
    locationId: requiredParam(url, 'location'),
    serviceId: requiredParam(url, 'service'),
    start: instantParam(url, 'start'),
    end: instantParam(url, 'end'),
    ...(exceptAppointmentId === undefined ? {} : { exceptAppointmentId }),
  };
}

/** The appointment list's optional range. */
export function appointmentRangeOf(url: URL) {
  return { start: instantParam(url, 'start', true), end: instantParam(url, 'end', true) };
}

/** The practice's appointment list: `status` (comma-separated), `provider`, and the optional range. */
export function practiceAppointmentQueryOf(url: URL): PracticeAppointmentQuery {
  const status = url.searchParams.get('status');
  const statuses = status ? status.split(',') : undefined;
  const unknown = statuses?.find((value) => !(appointmentStatuses as readonly string[]).includes(value));
  if (unknown !== undefined) throw badRequest(`"status" takes ${appointmentStatuses.join(', ')}, separated by commas.`);
  const provider = url.searchParams.get('provider');
  return {
    ...(statuses ? { statuses: statuses as PracticeAppointmentQuery['statuses'] } : {}),
    ...(provider ? { providerId: provider } : {}),
    ...appointmentRangeOf(url),
  };
}

/** A therapist's hours as staff send them, checked: every window and break starts before it ends (else 400). */
export function checkedScheduleUpdate(update: ScheduleUpdate): ScheduleUpdate {
  const windows = [
    ...update.weekly.map((window, index) => ({ ...window, at: `weekly[${index}]` })),
    ...(update.breaks ?? []).map((pause, index) => ({ ...pause, at: `breaks[${index}]` })),
  ];
  // `HH:MM` (and `24:00`) compare as text in time order.
  const wrong = windows.find((window) => !(window.start < window.end));
  if (wrong) throw badRequest(`Each window must start before it ends (${wrong.at}).`);
  return update;
}

/** Text a database can keep as sent: no U+0000 and no half of a surrogate pair (PostgreSQL's JSON refuses both). */
const halfSurrogate = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;
const unstorable = (text: string) => text.includes('\u0000') || halfSurrogate.test(text);

/**
 * A booking policy as staff send it, checked: the minimum notice fits inside the horizon, and the
 * cancellation policy is text that can be kept as written (else 400).
 */
export function checkedPolicy(policy: PracticePolicy): PracticePolicy {
  if (policy.cancellationPolicy !== undefined && unstorable(policy.cancellationPolicy)) {
    throw badRequest('The policy is malformed (cancellationPolicy: a character that cannot be kept).');
  }
  // Otherwise the earliest start falls after the horizon, and nothing could be booked.
  if (policy.minimumNoticeMinutes > policy.horizonDays * 24 * 60) {
    throw badRequest('The minimum notice must not be longer than the horizon (horizonDays).');
  }
  return policy;
}
