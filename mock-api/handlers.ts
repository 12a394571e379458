/**
 * The REST contract of docs/rest-api.md, served by msw over an in-memory Practice: the same
 * handlers run in the demo's service worker and in the tests, so RestAdapter is exercised over
 * real HTTP semantics. The client is whoever the bearer token names (`Authorization: Bearer
 * <client id>`), which stands in for a portal's session.
 *
 * Under `/practice/…` are the therapist's actions, which a real deployment keeps in its own
 * staff application; the mock has them so a demo visitor or a test can play the therapist.
 */
import { http, HttpResponse, type HttpHandler } from 'msw';
import * as z from 'zod/mini';
import { BookingError, statusForCode } from '../src/adapters/errors.js';
import type { Practice } from '../src/adapters/memory/practice.js';
import { appointmentRequestSchema, instantSchema } from '../src/model/schemas.js';

export interface MockApiOptions {
  /** Where the API is mounted; `/api` by default. */
  baseUrl?: string;
}

function errorResponse(error: unknown): HttpResponse<Record<string, unknown>> {
  if (error instanceof BookingError) {
    const problems = error.problems.length ? { problems: error.problems } : {};
    return HttpResponse.json(
      { error: { code: error.code, message: error.message, ...problems } },
      { status: error.status ?? statusForCode(error.code) },
    );
  }
  return HttpResponse.json({ error: { code: 'server', message: 'Something went wrong on our side.' } }, { status: 500 });
}

function badRequest(message: string): BookingError {
  return new BookingError('bad-request', message, { status: 400 });
}

function clientOf(request: Request, practice: Practice): string {
  const match = /^Bearer (.+)$/.exec(request.headers.get('Authorization') ?? '');
  if (!match || !practice.hasClient(match[1])) {
    throw new BookingError('unauthorized', 'Please sign in to book appointments.', { status: 401 });
  }
  return match[1];
}

function idempotencyKeyOf(request: Request): string {
  const key = request.headers.get('Idempotency-Key');
  if (!key) throw badRequest('The Idempotency-Key header is required.');
  return key;
}

async function jsonBody(request: Request): Promise<unknown> {
  try {
    return await request.json();
  } catch {
    throw badRequest('The request body must be JSON.');
  }
}

async function appointmentRequestOf(request: Request) {
  const parsed = appointmentRequestSchema.safeParse(await jsonBody(request));
  if (!parsed.success) {
    const fields = parsed.error.issues.map((issue) => issue.path.join('.') || 'body').join(', ');
    throw badRequest(`The appointment request is malformed (${fields}).`);
  }
  return parsed.data;
}

function required(url: URL, name: string): string {
  const value = url.searchParams.get(name);
  if (!value) throw badRequest(`The "${name}" query parameter is required.`);
  return value;
}

function instantParam(url: URL, name: string, optional: true): string | undefined;
function instantParam(url: URL, name: string): string;
function instantParam(url: URL, name: string, optional = false): string | undefined {
  const value = optional ? url.searchParams.get(name) ?? undefined : required(url, name);
  if (value !== undefined && !instantSchema.safeParse(value).success) {
    throw badRequest(`"${name}" must be an ISO 8601 instant with an offset, e.g. 2026-12-07T05:00:00Z.`);
  }
  return value;
}

/** Wraps a handler so every BookingError becomes the contract's error response. */
function answering(respond: (args: { request: Request; params: Record<string, string> }) => unknown | Promise<unknown>, status = 200) {
  return async ({ request, params }: { request: Request; params: Record<string, string | readonly string[] | undefined> }) => {
    try {
      const body = await respond({ request, params: params as Record<string, string> });
      return HttpResponse.json(body as Record<string, unknown>, { status });
    } catch (error) {
      return errorResponse(error);
    }
  };
}

const decisionSchema = z.object({ note: z.optional(z.string()) });
const selfSchedulingSchema = z.object({ selfScheduling: z.boolean() });
const cancelSchema = z.object({ reason: z.optional(z.string()) });

export function createHandlers(practice: Practice, options: MockApiOptions = {}): HttpHandler[] {
  const base = (options.baseUrl ?? '/api').replace(/\/+$/, '');
  return [
    http.get(`${base}/providers`, answering(({ request }) => {
      clientOf(request, practice);
      return { providers: practice.providers() };
    })),
    http.get(`${base}/providers/:providerId/locations`, answering(({ request, params }) => {
      clientOf(request, practice);
      return { locations: practice.locationsOf(params.providerId) };
    })),
    http.get(`${base}/providers/:providerId/locations/:locationId/services`, answering(({ request, params }) => {
      clientOf(request, practice);
      return { services: practice.servicesAt(params.providerId, params.locationId) };
    })),
    http.get(`${base}/availability`, answering(({ request }) => {
      clientOf(request, practice);
      const url = new URL(request.url);
      return practice.availability({
        providerId: required(url, 'provider'),
        locationId: required(url, 'location'),
        serviceId: required(url, 'service'),
        start: instantParam(url, 'start'),
        end: instantParam(url, 'end'),
      });
    })),
    http.get(`${base}/appointments`, answering(({ request }) => {
      const clientId = clientOf(request, practice);
      const url = new URL(request.url);
      const appointments = practice.appointmentsOf(clientId, {
        start: instantParam(url, 'start', true),
        end: instantParam(url, 'end', true),
      });
      return { appointments };
    })),
    http.post(`${base}/appointments/validate`, answering(async ({ request }) => {
      const clientId = clientOf(request, practice);
      return practice.validate(clientId, await appointmentRequestOf(request));
    })),
    http.post(`${base}/appointments`, answering(async ({ request }) => {
      const clientId = clientOf(request, practice);
      const key = idempotencyKeyOf(request);
      return practice.request(clientId, await appointmentRequestOf(request), key);
    }, 201)),
    http.put(`${base}/appointments/:id`, answering(async ({ request, params }) => {
      const clientId = clientOf(request, practice);
      const key = idempotencyKeyOf(request);
      return practice.change(clientId, params.id, await appointmentRequestOf(request), key);
    })),
    http.post(`${base}/appointments/:id/cancel`, answering(async ({ request, params }) => {
      const clientId = clientOf(request, practice);
      const key = idempotencyKeyOf(request);
      const body = cancelSchema.safeParse(await jsonBody(request));
      return practice.cancel(clientId, params.id, key, body.success ? body.data.reason : undefined);
    })),

    // The therapist's side (mock only).
    http.get(`${base}/practice/appointments`, answering(() => ({ appointments: practice.allAppointments() }))),
    http.post(`${base}/practice/appointments/:id/confirm`, answering(({ params }) => practice.confirm(params.id))),
    http.post(`${base}/practice/appointments/:id/decline`, answering(async ({ request, params }) => {
      const body = decisionSchema.safeParse(await jsonBody(request));
      return practice.decline(params.id, body.success ? body.data.note : undefined);
    })),
    http.put(`${base}/practice/providers/:providerId/self-scheduling`, answering(async ({ request, params }) => {
      const body = selfSchedulingSchema.safeParse(await jsonBody(request));
      if (!body.success) throw badRequest('Send { "selfScheduling": true | false }.');
      return practice.setSelfScheduling(params.providerId, body.data.selfScheduling);
    })),
    http.get(`${base}/practice/outbox`, answering(() => ({ emails: practice.outbox() }))),
  ];
}
