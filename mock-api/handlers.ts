/**
 * The REST contract of docs/rest-api.md, served by msw over an in-memory Practice: the same
 * handlers run in the demo's service worker and in the tests, so RestAdapter is exercised over
 * real HTTP semantics. The client is whoever the bearer token names (`Authorization: Bearer
 * <client id>`), or else the `demo-client` cookie: either stands in for a portal's session.
 *
 * Under `/practice/…` are the therapist's actions, which a real deployment keeps in its own
 * staff application; the mock has them so a demo visitor or a test can play the therapist.
 */
import { http, HttpResponse, type HttpHandler } from 'msw';
import * as z from 'zod/mini';
import { BookingError } from '../src/adapters/errors.js';
import type { Practice } from '../src/adapters/memory/practice.js';
import {
  appointmentRangeOf,
  appointmentRequestOf,
  availabilityQueryOf,
  badRequest,
  cancelReasonOf,
  errorAnswer,
  idempotencyKeyOf,
  jsonBody,
} from '../src/adapters/rest/rest-server.js';

export interface MockApiOptions {
  /** Where the API is mounted; `/api` by default. */
  baseUrl?: string;
}

function errorResponse(error: unknown): HttpResponse<Record<string, unknown>> {
  const { status, body } = errorAnswer(error);
  return HttpResponse.json(body, { status });
}

/** The cookie a demo page sets to sign in, as a portal's session cookie would. */
export const demoSessionCookie = 'demo-client';

function clientOf({ request, cookies }: Pick<Call, 'request' | 'cookies'>, practice: Practice): string {
  const bearer = /^Bearer (.+)$/.exec(request.headers.get('Authorization') ?? '')?.[1];
  const clientId = bearer ?? cookies[demoSessionCookie];
  if (!clientId || !practice.hasClient(clientId)) {
    throw new BookingError('unauthorized', 'Please sign in to book appointments.', { status: 401 });
  }
  return clientId;
}

/** What a handler is given: the request, its path parameters, and the cookies msw read for it. */
interface Call {
  request: Request;
  params: Record<string, string>;
  cookies: Record<string, string>;
}

function answering(respond: (call: Call) => unknown | Promise<unknown>, status = 200) {
  return async ({
    request,
    params,
    cookies,
  }: {
    request: Request;
    params: Record<string, string | readonly string[] | undefined>;
    cookies: Record<string, string>;
  }) => {
    try {
      const body = await respond({ request, params: params as Record<string, string>, cookies });
      return HttpResponse.json(body as Record<string, unknown>, { status });
    } catch (error) {
      return errorResponse(error);
    }
  };
}

const decisionSchema = z.object({ note: z.optional(z.string()) });
const selfSchedulingSchema = z.object({ selfScheduling: z.boolean() });

export function createHandlers(practice: Practice, options: MockApiOptions = {}): HttpHandler[] {
  const base = (options.baseUrl ?? '/api').replace(/\/+$/, '');
  return [
    http.get(`${base}/providers`, answering(({ request, cookies }) => {
      clientOf({ request, cookies }, practice);
      return { providers: practice.providers() };
    })),
    http.get(`${base}/providers/:providerId/locations`, answering(({ request, params, cookies }) => {
      clientOf({ request, cookies }, practice);
      return { locations: practice.locationsOf(params.providerId) };
    })),
    http.get(`${base}/providers/:providerId/locations/:locationId/services`, answering(({ request, params, cookies }) => {
      clientOf({ request, cookies }, practice);
      return { services: practice.servicesAt(params.providerId, params.locationId) };
    })),
    http.get(`${base}/availability`, answering(({ request, cookies }) => {
      clientOf({ request, cookies }, practice);
      const url = new URL(request.url);
      return practice.availability(availabilityQueryOf(url));
    })),
    http.get(`${base}/appointments`, answering(({ request, cookies }) => {
      const clientId = clientOf({ request, cookies }, practice);
      const url = new URL(request.url);
      return { appointments: practice.appointmentsOf(clientId, appointmentRangeOf(url)) };
    })),
    http.post(`${base}/appointments/validate`, answering(async ({ request, cookies }) => {
      const clientId = clientOf({ request, cookies }, practice);
      return practice.validate(clientId, await appointmentRequestOf(request));
    })),
    http.post(`${base}/appointments`, answering(async ({ request, cookies }) => {
      const clientId = clientOf({ request, cookies }, practice);
      const key = idempotencyKeyOf(request);
      return practice.request(clientId, await appointmentRequestOf(request), key);
    }, 201)),
    http.put(`${base}/appointments/:id`, answering(async ({ request, params, cookies }) => {
      const clientId = clientOf({ request, cookies }, practice);
      const key = idempotencyKeyOf(request);
      return practice.change(clientId, params.id, await appointmentRequestOf(request), key);
    })),
    http.post(`${base}/appointments/:id/cancel`, answering(async ({ request, params, cookies }) => {
      const clientId = clientOf({ request, cookies }, practice);
      const key = idempotencyKeyOf(request);
      return practice.cancel(clientId, params.id, key, await cancelReasonOf(request));
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
