/**
 * A BookingAdapter for a portal vendor's own API, the "Northwind Portal API" (fictional, mocked
 * in northwind-server.ts), which knows nothing of our REST contract. It is the worked example of
 * docs/custom-adapter.md. The calling is the library's RestTransport (time limit, abort, reads
 * tried again, the token asked before every call, every failure a BookingError); this file only
 * maps. Every answer is checked twice, first against the vendor's shape (its own small schemas
 * below, by the transport) and then, once mapped, against ours (`parseResponse` with the
 * library's schemas), so a malformed answer becomes a BookingError `invalid-response`, never a
 * crash in an element.
 *
 * What differs from our side, and where it is bridged:
 * - names and shapes (`clinician_id`, `{ data: … }`): the `…From` functions;
 * - instants are epoch seconds: `instantFrom` and `epochSecondsOf`;
 * - visit states (`PENDING`, `BOOKED`, …): `statusFromState`;
 * - errors are `{ errors: [{ code, detail, meta }] }`, and every booking rule is a 422, a taken
 *   slot included: `errorFrom`, the transport's error mapping, tells conflict from
 *   rule-violation by the codes, not the status;
 * - the idempotency key travels in an `Idempotency-Token` header (the transport's `idempotencyHeader`);
 * - visits come newest first; the elements expect soonest first;
 * - there is no push channel, so `watchAppointments` polls with the library's `pollAppointments`.
 *
 * In a portal's own code the imports below come from the package: `self-schedule-elements/adapters`
 * and `self-schedule-elements/model`. Here they point at the same modules in the source tree.
 */
import * as z from 'zod/mini';
import {
  type AppointmentQuery,
  type AppointmentWatchEvents,
  type AvailabilityQuery,
  type BookingAdapter,
  type CallOptions,
  type CallPlan,
  type CancelOptions,
  type PollingAdapterOptions,
  type RestTransportOptions,
  type Unsubscribe,
  type ValidateOptions,
  type WatchOptions,
  type WriteOptions,
  BookingError,
  RestTransport,
  codeForStatus,
  parseResponse,
  pollAppointments,
  pollingFor,
} from '../../src/adapters/index.js';
import {
  type Appointment,
  type AppointmentRequest,
  type AppointmentStatus,
  type Availability,
  type Location,
  type Provider,
  type SelectionProblem,
  type Service,
  type ValidationResult,
  appointmentSchema,
  availabilitySchema,
  locationSchema,
  providerSchema,
  readProblems,
  serviceSchema,
} from '../../src/model/index.js';

/**
 * The transport's own options (`timeoutMs`, `readRetries`, `retryDelayMs`, `fetch`, …) and what is
 * Northwind's: the access token, and how often to poll.
 */
export interface NorthwindAdapterOptions
  extends Omit<RestTransportOptions, 'headers' | 'idempotencyHeader' | 'errorFrom'>,
    PollingAdapterOptions {
  /** Where the vendor's API lives, without the `/v2`: `https://api.northwind-portal.example`. */
  baseUrl: string;
  /** The patient's access token, asked for before every call (so a refreshed token is picked up). */
  accessToken: () => string | Promise<string>;
}

// ---- the vendor's shapes, only as far as this adapter reads them ------------------------------

const text = z.string().check(z.minLength(1));
const epochSeconds = z.int().check(z.nonnegative());

const nwClinician = z.object({
  clinician_id: text,
  display_name: z.string(),
  degree: z.nullable(z.string()),
  online_booking: z.boolean(),
});

const nwSite = z.object({
  site_id: text,
  label: z.string(),
  virtual: z.boolean(),
  address: z.nullable(
    z.object({
      line1: z.string(),
      line2: z.nullable(z.string()),
      city: z.string(),
      state: z.string(),
      zip: z.string(),
    }),
  ),
  time_zone: z.string(),
});

const nwVisitType = z.object({
  visit_type_id: text,
  title: z.string(),
  blurb: z.nullable(z.string()),
  minutes: z.int(),
});

const nwOpenings = z.object({
  time_zone: z.string(),
  increment_minutes: z.int(),
  bookable_from: epochSeconds,
  bookable_until: epochSeconds,
  windows: z.array(z.object({ from: epochSeconds, to: epochSeconds })),
});

const visitStates = ['PENDING', 'BOOKED', 'COMPLETED', 'REJECTED', 'CANCELED'] as const;
type VisitState = (typeof visitStates)[number];

const nwVisit = z.object({
  visit_id: text,
  // An unknown state fails the answer rather than being guessed at: a new vendor state needs a decision here.
  state: z.enum(visitStates),
  clinician: z.pick(nwClinician, { clinician_id: true, display_name: true, degree: true }),
  site: nwSite,
  visit_type: z.pick(nwVisitType, { visit_type_id: true, title: true, minutes: true }),
  starts_at: epochSeconds,
  ends_at: epochSeconds,
  created_at: epochSeconds,
  updated_at: epochSeconds,
  self_service: z.object({
    can_reschedule: z.boolean(),
    can_cancel: z.boolean(),
    deadline: z.nullable(epochSeconds),
    blocked_reason: z.nullable(z.string()),
  }),
  cancellation_policy: z.nullable(z.string()),
});

const envelope = <T extends z.ZodMiniType>(data: T) => z.object({ data });

const nwErrorBody = z.object({
  errors: z.array(
    z.object({
      code: z.string(),
      detail: z.optional(z.string()),
      meta: z.optional(z.record(z.string(), z.unknown())),
    }),
  ),
});
type NorthwindError = z.infer<typeof nwErrorBody>['errors'][number];

// ---- mapping ------------------------------------------------------------------------------------

const instantFrom = (seconds: number) => new Date(seconds * 1000).toISOString();
// Northwind counts whole seconds; our instants may carry milliseconds, which it would refuse.
const epochSecondsOf = (instant: string) => Math.floor(Date.parse(instant) / 1000);

const statusFromState: Record<VisitState, AppointmentStatus> = {
  PENDING: 'unconfirmed',
  BOOKED: 'confirmed',
  // Northwind moves a booked visit on to COMPLETED once it has ended; for the client it was confirmed.
  COMPLETED: 'confirmed',
  REJECTED: 'declined',
  CANCELED: 'cancelled',
};

function providerFrom(clinician: z.infer<typeof nwClinician>): Provider {
  return {
    id: clinician.clinician_id,
    name: clinician.display_name,
    ...(clinician.degree ? { credentials: clinician.degree } : {}),
    selfScheduling: clinician.online_booking,
  };
}

function locationFrom(site: z.infer<typeof nwSite>): Location {
  const base = { id: site.site_id, name: site.label, timeZone: site.time_zone };
  if (site.virtual) return { ...base, kind: 'telehealth' };
  const address = site.address;
  const lastLine = address && [address.city, [address.state, address.zip].filter(Boolean).join(' ')].filter(Boolean).join(', ');
  // A physical site without an address is left with none, and our schema then refuses it.
  const lines = address ? [address.line1, address.line2, lastLine].filter(Boolean) : [];
  return { ...base, kind: 'in-person', address: lines.join('\n') };
}

/** Northwind lists visit types per clinician and site, so that is all one answer can say about who offers them. */
function serviceFrom(visitType: z.infer<typeof nwVisitType>, providerId: string, locationId: string): Service {
  return {
    id: visitType.visit_type_id,
    name: visitType.title,
    ...(visitType.blurb ? { description: visitType.blurb } : {}),
    durationMinutes: visitType.minutes,
    offeredBy: [{ providerId, locationIds: [locationId] }],
  };
}

function appointmentFrom(visit: z.infer<typeof nwVisit>): Appointment {
  const rules = visit.self_service;
  return {
    id: visit.visit_id,
    provider: {
      id: visit.clinician.clinician_id,
      name: visit.clinician.display_name,
      ...(visit.clinician.degree ? { credentials: visit.clinician.degree } : {}),
    },
    location: locationFrom(visit.site),
    service: { id: visit.visit_type.visit_type_id, name: visit.visit_type.title, durationMinutes: visit.visit_type.minutes },
    start: instantFrom(visit.starts_at),
    end: instantFrom(visit.ends_at),
    status: statusFromState[visit.state],
    createdAt: instantFrom(visit.created_at),
    updatedAt: instantFrom(visit.updated_at),
    manage: {
      canChange: rules.can_reschedule,
      canCancel: rules.can_cancel,
      until: rules.deadline === null ? null : instantFrom(rules.deadline),
      ...(rules.blocked_reason ? { reason: rules.blocked_reason } : {}),
      ...(visit.cancellation_policy ? { cancellationPolicy: visit.cancellation_policy } : {}),
    },
  };
}

function visitBodyFrom(request: AppointmentRequest) {
  return {
    clinician_id: request.providerId,
    site_id: request.locationId,
    visit_type_id: request.serviceId,
    starts_at: epochSecondsOf(request.start),
    ends_at: epochSecondsOf(request.end),
  };
}

/** Northwind's error codes that mean "this time is not free": choosing another time would help. */
const timeTakenCodes = new Set(['SLOT_TAKEN', 'SLOT_TOO_SHORT', 'PATIENT_DOUBLE_BOOKED']);

const metaNumber = (error: NorthwindError, key: string) => error.meta?.[key];
const metaInstant = (error: NorthwindError, key: string) => {
  const seconds = error.meta?.[key];
  return typeof seconds === 'number' ? instantFrom(seconds) : undefined;
};

/** Our problem for one Northwind error, before checking; `readProblems` drops any that came out malformed. */
function problemCandidate(error: NorthwindError): unknown {
  switch (error.code) {
    case 'ONLINE_BOOKING_DISABLED':
      return { code: 'provider-not-self-scheduling' };
    case 'VISIT_TYPE_UNAVAILABLE':
      return { code: 'service-not-offered' };
    case 'DURATION_MISMATCH':
      return {
        code: 'wrong-length',
        expectedMinutes: metaNumber(error, 'expected_minutes'),
        actualMinutes: metaNumber(error, 'actual_minutes'),
      };
    case 'START_IN_PAST':
      return { code: 'in-the-past' };
    case 'NOTICE_PERIOD':
      return { code: 'inside-minimum-notice', earliestStart: metaInstant(error, 'bookable_from') };
    case 'BEYOND_BOOKING_WINDOW':
      return { code: 'beyond-horizon', latestEnd: metaInstant(error, 'bookable_until') };
    case 'START_NOT_ALIGNED':
      return { code: 'not-on-slot-step', stepMinutes: metaNumber(error, 'increment_minutes') };
    case 'SLOT_TAKEN':
      return { code: 'outside-availability' };
    case 'SLOT_TOO_SHORT':
      return {
        code: 'too-short-for-service',
        serviceMinutes: metaNumber(error, 'visit_minutes'),
        availableMinutes: metaNumber(error, 'free_minutes'),
      };
    case 'PATIENT_DOUBLE_BOOKED':
      return { code: 'overlaps-own-appointment', start: metaInstant(error, 'starts_at'), end: metaInstant(error, 'ends_at') };
    default:
      return undefined;
  }
}

/** Northwind's codes for a malformed call, whatever status it came with. */
const badRequestCodes = new Set(['INVALID_PARAMETER', 'IDEMPOTENCY_KEY_REUSED']);

const fallbackMessages: Partial<Record<BookingError['code'], string>> = {
  unauthorized: 'Please sign in to the portal again.',
  forbidden: 'You are not allowed to do that.',
  'not-found': 'That was not found.',
  conflict: 'That time is no longer available.',
  'rule-violation': 'That appointment cannot be requested online.',
  server: 'The portal had a problem. Please try again.',
};

/** A BookingError for a Northwind error answer: the codes decide where they can, the status otherwise. */
function errorFrom(status: number, body: unknown): BookingError {
  const parsed = nwErrorBody.safeParse(body);
  const errors = parsed.success ? parsed.data.errors : [];
  const problems: SelectionProblem[] = readProblems(errors.map(problemCandidate));
  let code: BookingError['code'];
  if (status === 401 || status === 403 || status === 404 || status === 429 || status >= 500) code = codeForStatus(status);
  else if (errors.some((error) => badRequestCodes.has(error.code))) code = 'bad-request';
  // Only when every reason is a taken time is it a conflict; an unknown code counts as a rule.
  else if (errors.length && errors.every((error) => timeTakenCodes.has(error.code))) code = 'conflict';
  else if (status === 422 || problems.length) code = 'rule-violation';
  else code = codeForStatus(status);
  const message = errors.find((error) => error.detail)?.detail ?? fallbackMessages[code] ?? `The portal refused the request (${status}).`;
  return new BookingError(code, message, { status, problems });
}

/** How a write's answer, the visit as it now is, is read. */
const visitReading = (what: string) => ({
  vendor: envelope(nwVisit),
  ours: appointmentSchema,
  what,
  map: ({ data }: { data: z.infer<typeof nwVisit> }) => appointmentFrom(data),
});

// ---- calling it ---------------------------------------------------------------------------------

/** Northwind's shape of an answer and ours, and how one becomes the other. */
interface Reading<V, T> {
  vendor: z.ZodMiniType<V>;
  ours: z.ZodMiniType<T>;
  what: string;
  map: (vendor: V) => T;
}

export class NorthwindAdapter implements BookingAdapter {
  private readonly transport: RestTransport;
  private readonly polling: { intervalMs: number; maxIntervalMs: number };

  constructor({ accessToken, pollIntervalMs = 30_000, maxPollIntervalMs = 300_000, ...options }: NorthwindAdapterOptions) {
    // The transport keeps the time limit, the abort, the retried reads, the token asked before
    // every call and the failures as BookingErrors; what is Northwind's is named here.
    this.transport = new RestTransport({
      ...options,
      headers: async () => ({ Authorization: `Bearer ${await accessToken()}` }),
      idempotencyHeader: 'Idempotency-Token',
      errorFrom,
    });
    this.polling = { intervalMs: pollIntervalMs, maxIntervalMs: maxPollIntervalMs };
  }

  /** One call, its answer read in Northwind's shape, then mapped and checked against ours. */
  private async call<V, T>(plan: Omit<CallPlan<V>, 'schema' | 'what'>, { vendor, ours, what, map }: Reading<V, T>): Promise<T> {
    return parseResponse(ours, map(await this.transport.send({ ...plan, schema: vendor, what })), what);
  }

  listProviders(options?: CallOptions): Promise<Provider[]> {
    return this.call(
      { method: 'GET', path: '/v2/clinicians', options },
      { vendor: envelope(z.array(nwClinician)), ours: z.array(providerSchema), what: 'providers', map: ({ data }) => data.map(providerFrom) },
    );
  }

  listLocations(providerId: string, options?: CallOptions): Promise<Location[]> {
    return this.call(
      { method: 'GET', path: `/v2/clinicians/${encodeURIComponent(providerId)}/sites`, options },
      { vendor: envelope(z.array(nwSite)), ours: z.array(locationSchema), what: 'locations', map: ({ data }) => data.map(locationFrom) },
    );
  }

  listServices(providerId: string, locationId: string, options?: CallOptions): Promise<Service[]> {
    const path = `/v2/clinicians/${encodeURIComponent(providerId)}/sites/${encodeURIComponent(locationId)}/visit-types`;
    return this.call(
      { method: 'GET', path, options },
      {
        vendor: envelope(z.array(nwVisitType)),
        ours: z.array(serviceSchema),
        what: 'services',
        map: ({ data }) => data.map((visitType) => serviceFrom(visitType, providerId, locationId)),
      },
    );
  }

  getAvailability(query: AvailabilityQuery, options?: CallOptions): Promise<Availability> {
    const from = epochSecondsOf(query.start);
    const to = epochSecondsOf(query.end);
    return this.call(
      {
        method: 'GET',
        path: '/v2/openings',
        query: {
          clinician: query.providerId,
          site: query.locationId,
          visit_type: query.serviceId,
          from,
          to,
          // A change may take (part of) the visit's own old time: Northwind leaves that visit out.
          excluding_visit: query.exceptAppointmentId,
        },
        options,
      },
      {
        vendor: envelope(nwOpenings),
        ours: availabilitySchema,
        what: 'availability',
        map: ({ data: openings }) => ({
          // Northwind answers for exactly what was asked, so the ids and range are the query's.
          providerId: query.providerId,
          locationId: query.locationId,
          serviceId: query.serviceId,
          timeZone: openings.time_zone,
          range: { start: instantFrom(from), end: instantFrom(to) },
          open: openings.windows.map((window) => ({ start: instantFrom(window.from), end: instantFrom(window.to) })),
          slotStepMinutes: openings.increment_minutes,
          earliestStart: instantFrom(openings.bookable_from),
          latestEnd: instantFrom(openings.bookable_until),
        }),
      },
    );
  }

  listAppointments(query: AppointmentQuery = {}, options?: CallOptions): Promise<Appointment[]> {
    const bound = (instant?: string) => (instant === undefined ? undefined : epochSecondsOf(instant));
    return this.call(
      { method: 'GET', path: '/v2/me/visits', query: { from: bound(query.start), to: bound(query.end) }, options },
      {
        vendor: envelope(z.array(nwVisit)),
        ours: z.array(appointmentSchema),
        what: 'appointments',
        // Northwind lists the newest first; the elements and the interface want the soonest first.
        map: ({ data }) => data.map(appointmentFrom).sort((a, b) => Date.parse(a.start) - Date.parse(b.start)),
      },
    );
  }

  requestAppointment(request: AppointmentRequest, options: WriteOptions): Promise<Appointment> {
    const plan = { method: 'POST', path: '/v2/me/visits', body: visitBodyFrom(request), options, idempotencyKey: options.idempotencyKey } as const;
    return this.call(plan, visitReading('the new appointment'));
  }

  changeAppointment(id: string, request: AppointmentRequest, options: WriteOptions): Promise<Appointment> {
    const path = `/v2/me/visits/${encodeURIComponent(id)}`;
    const plan = { method: 'PATCH', path, body: visitBodyFrom(request), options, idempotencyKey: options.idempotencyKey } as const;
    return this.call(plan, visitReading('the changed appointment'));
  }

  cancelAppointment(id: string, options: CancelOptions): Promise<Appointment> {
    const path = `/v2/me/visits/${encodeURIComponent(id)}/cancel`;
    const body = options.reason ? { reason_text: options.reason } : {};
    return this.call({ method: 'POST', path, body, options, idempotencyKey: options.idempotencyKey }, visitReading('the cancelled appointment'));
  }

  /**
   * Northwind's dry run is the booking call with `dry_run=true`: it answers `{ bookable: true }`
   * or the same errors a real booking would get, which become the result's problems here.
   */
  async validateRequest(request: AppointmentRequest, options?: ValidateOptions): Promise<ValidationResult> {
    try {
      const query = { dry_run: 'true', excluding_visit: options?.exceptAppointmentId };
      const plan = { method: 'POST', path: '/v2/me/visits', query, body: visitBodyFrom(request), options } as const;
      const answer = await this.transport.send({ ...plan, schema: envelope(z.object({ bookable: z.boolean() })), what: 'the validation' });
      return { ok: answer.data.bookable, problems: [] };
    } catch (error) {
      const refused = error instanceof BookingError && (error.code === 'conflict' || error.code === 'rule-violation');
      // A refusal with no reason we understand stays an error, so the form shows the portal's words.
      if (refused && error.problems.length) return { ok: false, problems: error.problems };
      throw error;
    }
  }

  watchAppointments(events: AppointmentWatchEvents, options?: WatchOptions): Unsubscribe {
    // The page's `refresh-interval`, when it sets one, else Northwind's own pace.
    return pollAppointments((signal) => this.listAppointments({}, { signal }), events, pollingFor(this.polling, options));
  }
}
