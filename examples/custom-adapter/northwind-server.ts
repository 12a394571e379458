/**
 * The fictional "Northwind Portal API", as msw handlers over our in-memory Practice, for the
 * example's page and its tests only: it lets NorthwindAdapter be exercised over real HTTP. The
 * rules are the Practice's; what is Northwind's is the wire: its paths and names, epoch seconds,
 * visit states, `{ errors: [...] }` bodies with every booking rule as a 422, opaque access tokens,
 * an `Idempotency-Token` header, a dry run as `?dry_run=true`, and visits listed newest first.
 */
import { delay, http, HttpResponse, type HttpHandler } from 'msw';
import { setupWorker, type SetupWorker } from 'msw/browser';
import * as z from 'zod/mini';
import { BookingError } from '../../src/adapters/index.js';
import type { Practice } from '../../src/testing/index.js';
import type { Appointment, AppointmentRequest, Location, Provider, SelectionProblem, Service } from '../../src/model/index.js';

/** The access token the portal would have issued to each patient at sign-in. */
export const demoAccessTokens: Readonly<Record<string, string>> = {
  'client-alex': 'nw_at_3f9c1d7e-alex',
  'client-taylor': 'nw_at_81d04b2a-taylor',
};

export interface NorthwindServerOptions {
  /** Where the API is mounted, without `/v2`. Default `/northwind`. */
  baseUrl?: string;
  /** The practice's clock, to tell a visit that has ended (COMPLETED). Default `Date.now`. */
  now?: () => number;
  /** Milliseconds each answer waits, to show the elements' loading states. Default 0. */
  latencyMs?: number;
}

// ---- our side → Northwind's ---------------------------------------------------------------------

const seconds = (instant: string) => Math.floor(Date.parse(instant) / 1000);
const instant = (epochSeconds: number) => new Date(epochSeconds * 1000).toISOString();

const clinician = (provider: Pick<Provider, 'id' | 'name' | 'credentials'>) => ({
  clinician_id: provider.id,
  display_name: provider.name,
  degree: provider.credentials ?? null,
});

/** Northwind keeps US postal addresses in fields; the practice's are lines, the last "City, ST 12345". */
function site(location: Location) {
  let address = null;
  if (location.kind === 'in-person') {
    const lines = location.address.split('\n');
    const last = /^(.+), ([A-Z]{2}) (\S+)$/.exec(lines.at(-1) ?? '');
    const street = last ? lines.slice(0, -1) : lines;
    address = {
      line1: street[0] ?? '',
      line2: street.slice(1).join(', ') || null,
      city: last?.[1] ?? '',
      state: last?.[2] ?? '',
      zip: last?.[3] ?? '',
    };
  }
  return { site_id: location.id, label: location.name, virtual: location.kind === 'telehealth', address, time_zone: location.timeZone };
}

const visitType = (service: Pick<Service, 'id' | 'name' | 'durationMinutes'> & { description?: string }) => ({
  visit_type_id: service.id,
  title: service.name,
  blurb: service.description ?? null,
  minutes: service.durationMinutes,
});

function visit(appointment: Appointment, now: number) {
  const ended = Date.parse(appointment.end) <= now;
  const state = {
    unconfirmed: 'PENDING',
    confirmed: ended ? 'COMPLETED' : 'BOOKED',
    declined: 'REJECTED',
    cancelled: 'CANCELED',
  }[appointment.status];
  return {
    visit_id: appointment.id,
    state,
    clinician: clinician(appointment.provider),
    site: site(appointment.location),
    visit_type: visitType(appointment.service),
    starts_at: seconds(appointment.start),
    ends_at: seconds(appointment.end),
    created_at: seconds(appointment.createdAt),
    updated_at: seconds(appointment.updatedAt),
    self_service: {
      can_reschedule: appointment.manage.canChange,
      can_cancel: appointment.manage.canCancel,
      deadline: appointment.manage.until ? seconds(appointment.manage.until) : null,
      blocked_reason: appointment.manage.reason ?? null,
    },
    cancellation_policy: appointment.manage.cancellationPolicy ?? null,
  };
}

interface NorthwindError {
  code: string;
  detail: string;
  meta?: Record<string, number>;
}

function northwindErrorOf(problem: SelectionProblem): NorthwindError {
  switch (problem.code) {
    case 'provider-not-self-scheduling':
      return { code: 'ONLINE_BOOKING_DISABLED', detail: 'This clinician does not accept online booking.' };
    case 'service-not-offered':
      return { code: 'VISIT_TYPE_UNAVAILABLE', detail: 'This visit type is not offered at this site.' };
    case 'wrong-length':
      return {
        code: 'DURATION_MISMATCH',
        detail: 'The visit length does not match the visit type.',
        meta: { expected_minutes: problem.expectedMinutes, actual_minutes: problem.actualMinutes },
      };
    case 'in-the-past':
      return { code: 'START_IN_PAST', detail: 'The visit would start in the past.' };
    case 'inside-minimum-notice':
      return { code: 'NOTICE_PERIOD', detail: 'Too soon to book online.', meta: { bookable_from: seconds(problem.earliestStart) } };
    case 'beyond-horizon':
      return { code: 'BEYOND_BOOKING_WINDOW', detail: 'Too far ahead to book.', meta: { bookable_until: seconds(problem.latestEnd) } };
    case 'not-on-slot-step':
      return { code: 'START_NOT_ALIGNED', detail: 'Visits start on the booking increment.', meta: { increment_minutes: problem.stepMinutes } };
    case 'outside-availability':
      return { code: 'SLOT_TAKEN', detail: 'The clinician is not available at that time.' };
    case 'too-short-for-service':
      return {
        code: 'SLOT_TOO_SHORT',
        detail: 'Not enough free time for this visit.',
        meta: { visit_minutes: problem.serviceMinutes, free_minutes: problem.availableMinutes },
      };
    case 'overlaps-own-appointment':
      return {
        code: 'PATIENT_DOUBLE_BOOKED',
        detail: 'You already have a visit at that time.',
        meta: { starts_at: seconds(problem.start), ends_at: seconds(problem.end) },
      };
  }
}

const errorResponse = (status: number, ...errors: NorthwindError[]) => HttpResponse.json({ errors }, { status });

/** A refusal in Northwind's own words, thrown by a handler. */
class NorthwindRefusal extends Error {
  constructor(
    readonly status: number,
    readonly error: NorthwindError,
  ) {
    super(error.detail);
  }
}

/** Northwind's answer for a refusal, its own or one of the practice's rules. */
function refusal(error: unknown): Response {
  if (error instanceof NorthwindRefusal) return errorResponse(error.status, error.error);
  if (!(error instanceof BookingError)) return errorResponse(500, { code: 'INTERNAL', detail: 'Something went wrong.' });
  // Northwind answers every booking rule with 422, a taken slot too.
  if (error.problems.length) return errorResponse(422, ...error.problems.map(northwindErrorOf));
  switch (error.code) {
    case 'unauthorized':
      return errorResponse(401, { code: 'UNAUTHENTICATED', detail: 'The access token is missing or expired.' });
    case 'not-found':
      return errorResponse(404, { code: 'NOT_FOUND', detail: error.message });
    case 'bad-request':
      return errorResponse(400, { code: 'INVALID_PARAMETER', detail: error.message });
    case 'rule-violation':
      return errorResponse(422, { code: 'VISIT_LOCKED', detail: error.message });
    default:
      return errorResponse(500, { code: 'INTERNAL', detail: error.message });
  }
}

const invalid = (detail: string) => new BookingError('bad-request', detail);

// ---- requests ---------------------------------------------------------------------------------

const visitBodySchema = z.object({
  clinician_id: z.string(),
  site_id: z.string(),
  visit_type_id: z.string(),
  starts_at: z.int(),
  ends_at: z.int(),
});
const cancelBodySchema = z.object({ reason_text: z.optional(z.string()) });

async function appointmentRequestOf(request: Request): Promise<AppointmentRequest> {
  const parsed = visitBodySchema.safeParse(await request.json().catch(() => undefined));
  if (!parsed.success) throw invalid('The visit must have clinician_id, site_id, visit_type_id, starts_at and ends_at.');
  const body = parsed.data;
  return {
    providerId: body.clinician_id,
    locationId: body.site_id,
    serviceId: body.visit_type_id,
    start: instant(body.starts_at),
    end: instant(body.ends_at),
  };
}

function epochParam(url: URL, name: string, required: boolean): string | undefined {
  const value = url.searchParams.get(name);
  if (value === null && !required) return undefined;
  if (!value || !/^\d+$/.test(value)) throw invalid(`"${name}" must be epoch seconds.`);
  return instant(Number(value));
}

function idParam(url: URL, name: string): string {
  const value = url.searchParams.get(name);
  if (!value) throw invalid(`"${name}" is required.`);
  return value;
}

export function createNorthwindHandlers(practice: Practice, options: NorthwindServerOptions = {}): HttpHandler[] {
  const base = `${(options.baseUrl ?? '/northwind').replace(/\/+$/, '')}/v2`;
  const now = options.now ?? Date.now;
  const patients = new Map(Object.entries(demoAccessTokens).map(([clientId, token]) => [token, clientId]));

  /** Who the bearer token signs in, or a 401. */
  const patientOf = (request: Request): string => {
    const token = /^Bearer (.+)$/.exec(request.headers.get('Authorization') ?? '')?.[1];
    const clientId = token ? patients.get(token) : undefined;
    if (!clientId || !practice.hasClient(clientId)) throw new BookingError('unauthorized', 'Unknown access token.');
    return clientId;
  };

  interface Call {
    request: Request;
    params: Record<string, string>;
    url: URL;
    patient: string;
  }

  /** Signs the patient in, answers `{ data }`, and turns the practice's refusals into Northwind's errors. */
  const answering =
    (respond: (call: Call) => unknown, status = 200) =>
    async ({ request, params }: { request: Request; params: Record<string, string | readonly string[] | undefined> }) => {
      if (options.latencyMs) await delay(options.latencyMs);
      try {
        const call = { request, params: params as Record<string, string>, url: new URL(request.url), patient: patientOf(request) };
        return HttpResponse.json({ data: await respond(call) }, { status });
      } catch (error) {
        return refusal(error);
      }
    };

  /** A write: runs once per Idempotency-Token, as the practice does per key. */
  const writing = (act: (call: Call, key: string) => Promise<Appointment>, status = 200) =>
    answering(async (call) => {
      const key = call.request.headers.get('Idempotency-Token');
      if (!key) throw invalid('The Idempotency-Token header is required.');
      try {
        return visit(await act(call, key), now());
      } catch (error) {
        // Past the checks above, the only bad request the practice makes of a write is a key reused for another one.
        if (error instanceof BookingError && error.code === 'bad-request') {
          throw new NorthwindRefusal(409, { code: 'IDEMPOTENCY_KEY_REUSED', detail: error.message });
        }
        throw error;
      }
    }, status);

  return [
    http.get(`${base}/clinicians`, answering(() => practice.providers().map((p) => ({ ...clinician(p), online_booking: p.selfScheduling })))),
    http.get(`${base}/clinicians/:clinicianId/sites`, answering(({ params }) => practice.locationsOf(params.clinicianId).map(site))),
    http.get(
      `${base}/clinicians/:clinicianId/sites/:siteId/visit-types`,
      answering(({ params }) => practice.servicesAt(params.clinicianId, params.siteId).map(visitType)),
    ),
    http.get(
      `${base}/openings`,
      answering(({ url, patient }) => {
        const availability = practice.availability(
          {
            providerId: idParam(url, 'clinician'),
            locationId: idParam(url, 'site'),
            serviceId: idParam(url, 'visit_type'),
            start: epochParam(url, 'from', true)!,
            end: epochParam(url, 'to', true)!,
            exceptAppointmentId: url.searchParams.get('excluding_visit') ?? undefined,
          },
          patient,
        );
        return {
          time_zone: availability.timeZone,
          increment_minutes: availability.slotStepMinutes,
          bookable_from: seconds(availability.earliestStart),
          bookable_until: seconds(availability.latestEnd),
          windows: availability.open.map((window) => ({ from: seconds(window.start), to: seconds(window.end) })),
        };
      }),
    ),
    http.get(
      `${base}/me/visits`,
      answering(({ url, patient }) =>
        practice
          .appointmentsOf(patient, { start: epochParam(url, 'from', false), end: epochParam(url, 'to', false) })
          .reverse() // Northwind lists the newest first.
          .map((appointment) => visit(appointment, now())),
      ),
    ),
    http.post(`${base}/me/visits`, async (info) => {
      if (new URL(info.request.url).searchParams.get('dry_run') !== 'true') return undefined; // the next handler books
      return answering(async ({ request, patient }) => {
        const excluding = new URL(request.url).searchParams.get('excluding_visit') ?? undefined;
        const result = practice.validate(patient, await appointmentRequestOf(request), excluding);
        if (!result.ok) throw new BookingError('rule-violation', 'Not bookable.', { problems: result.problems });
        return { bookable: true };
      })(info);
    }),
    http.post(
      `${base}/me/visits`,
      writing(async ({ request, patient }, key) => practice.request(patient, await appointmentRequestOf(request), key), 201),
    ),
    http.patch(
      `${base}/me/visits/:visitId`,
      writing(async ({ request, params, patient }, key) => practice.change(patient, params.visitId, await appointmentRequestOf(request), key)),
    ),
    http.post(
      `${base}/me/visits/:visitId/cancel`,
      writing(async ({ request, params, patient }, key) => {
        const body = cancelBodySchema.safeParse(await request.json().catch(() => ({})));
        return practice.cancel(patient, params.visitId, key, body.success ? body.data.reason_text : undefined);
      }),
    ),
  ];
}

/** Starts the Northwind mock in msw's service worker (served at /mockServiceWorker.js). */
export async function startNorthwindApi(practice: Practice, options: NorthwindServerOptions = {}): Promise<SetupWorker> {
  const worker = setupWorker(...createNorthwindHandlers(practice, options));
  await worker.start({
    serviceWorker: { url: '/mockServiceWorker.js' },
    // The page's own modules go to the network untouched.
    onUnhandledRequest: 'bypass',
    quiet: true,
  });
  return worker;
}
