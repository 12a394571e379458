/**
 * The REST contract of docs/rest-api.md, served by msw over an in-memory Practice: the same
 * handlers run in the demo's service worker and in the tests, so RestAdapter is exercised over
 * real HTTP semantics. The client is whoever the bearer token names (`Authorization: Bearer
 * <client id>`), or else the `demo-client` cookie: either stands in for a portal's session.
 *
 * Under `/practice/…` is the practice API, the staff side (practice-handlers.ts), so a demo
 * visitor or a test can play the therapist.
 *
 * Both sides offer the live events (`GET /appointments/events`, `GET /practice/appointments/events`,
 * event-stream.ts), without history: a `Last-Event-ID` is answered with `ready` alone.
 *
 * Under `/auth/…`, a stand-in for the reference server's sign-in by e-mail link (its routes are
 * server/src/routes/auth.ts), so the elements' sign-in prompt and the link's `#ss-sign-in=` fragment
 * can be tried in the demo and the tests. No e-mail is sent and nothing is secret:
 *
 * | `POST /auth/email-link` `{ email }`        | 202 `{ message }`, the same words for any address; 400 for no address; 429 from the 4th request for one address (per practice) |
 * | `POST /auth/email-link/verify` `{ token }` | token `demo-token-<client id>` of a client: 200 `{ client: { id, name } }` and the `demo-client` cookie; any other token 401 |
 * | `GET /auth/session`                        | 200 `{ client: { id, name } }` for the bearer or cookie's client; 401 |
 * | `POST /auth/sign-out`                      | 200 `{ signedOut: true }`, the `demo-client` cookie removed |
 *
 * In the browser msw keeps a mocked `Set-Cookie` in its own cookie store (which it saves in
 * localStorage) rather than in `document.cookie`; the handlers read both, so a page signed in by
 * link stays signed in until it signs out.
 */
import { http, HttpResponse, type HttpHandler } from 'msw';
import * as z from 'zod/mini';
import { BookingError } from '../src/adapters/errors.js';
import { signInLinkRequestSchema } from '../src/model/sign-in-schemas.js';
import type { Practice } from '../src/adapters/memory/practice.js';
import { type Call, answering, demoSessionCookie, errorResponse, signedInClientId } from './answering.js';

export { demoSessionCookie } from './answering.js';
import { practiceRoutes } from './practice-handlers.js';
import { appointmentEventStream, countPracticeEvents } from './event-stream.js';
import {
  appointmentRangeOf,
  appointmentRequestOf,
  availabilityQueryOf,
  badRequest,
  cancelReasonOf,
  exceptAppointmentIdOf,
  idempotencyKeyOf,
  jsonBody,
} from '../src/adapters/rest/rest-server.js';

export interface MockApiOptions {
  /** Where the API is mounted; `/api` by default. */
  baseUrl?: string;
}

function clientOf(call: Pick<Call, 'request' | 'cookies'>, practice: Practice): string {
  const clientId = signedInClientId(call, practice);
  if (!clientId) throw new BookingError('unauthorized', 'Please sign in to book appointments.', { status: 401 });
  return clientId;
}

const tokenSchema = z.object({ token: z.string() });
const emailBodySchema = z.object({ email: z.string() });

/** A sign-in link's token in the mock: guessable by design, so a demo visitor can sign in by hand. */
const demoTokenPrefix = 'demo-token-';

/** The most sign-in links one address may ask for from one practice (the reference server also limits by time). */
const linksPerAddress = 3;

/** Links asked for, per practice and address: a fresh practice (each test's) starts from none. */
const linkRequests = new WeakMap<Practice, Map<string, number>>();

const linkRequestedMessage = 'If that address belongs to a client of the practice, a sign-in link is on its way.';

/** The stand-in's session cookie, as the demo sets it: for the whole site, not only `/api/auth`. */
const sessionCookie = (value: string, maxAge?: number) =>
  `${demoSessionCookie}=${value}; Path=/; SameSite=Lax${maxAge === undefined ? '' : `; Max-Age=${maxAge}`}`;

function authRoutes(base: string, practice: Practice): HttpHandler[] {
  return [
    http.post(`${base}/auth/email-link`, async ({ request }) => {
      try {
        const given = emailBodySchema.safeParse(await jsonBody(request));
        const email = given.success ? given.data.email.trim().toLowerCase() : '';
        if (!signInLinkRequestSchema.safeParse({ email }).success) throw badRequest('Send { "email": "<your e-mail address>" }.');
        const counts = linkRequests.get(practice) ?? new Map<string, number>();
        linkRequests.set(practice, counts);
        const count = (counts.get(email) ?? 0) + 1;
        counts.set(email, count);
        if (count > linksPerAddress) {
          throw new BookingError('server', 'Too many sign-in links were asked for. Please wait a few minutes and try again.', { status: 429 });
        }
        return HttpResponse.json({ message: linkRequestedMessage }, { status: 202 });
      } catch (error) {
        return errorResponse(error);
      }
    }),
    http.post(`${base}/auth/email-link/verify`, async ({ request }) => {
      try {
        const body = tokenSchema.safeParse(await jsonBody(request));
        if (!body.success) throw badRequest('Send { "token": "<the token of the sign-in link>" }.');
        const { token } = body.data;
        const client = token.startsWith(demoTokenPrefix) ? practice.signedInClient(token.slice(demoTokenPrefix.length)) : undefined;
        if (!client) {
          throw new BookingError('unauthorized', 'That sign-in link has expired or was already used. Please ask for a new one.', { status: 401 });
        }
        return HttpResponse.json({ client }, { headers: { 'Set-Cookie': sessionCookie(client.id) } });
      } catch (error) {
        return errorResponse(error);
      }
    }),
    http.get(`${base}/auth/session`, answering(({ request, cookies }) => ({
      client: practice.signedInClient(clientOf({ request, cookies }, practice)),
    }))),
    http.post(`${base}/auth/sign-out`, () =>
      HttpResponse.json({ signedOut: true }, { headers: { 'Set-Cookie': sessionCookie('', 0) } }),
    ),
  ];
}

export function createHandlers(practice: Practice, options: MockApiOptions = {}): HttpHandler[] {
  const base = (options.baseUrl ?? '/api').replace(/\/+$/, '');
  countPracticeEvents(practice);
  return [
    ...authRoutes(base, practice),
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
      const clientId = clientOf({ request, cookies }, practice);
      const url = new URL(request.url);
      return practice.availability(availabilityQueryOf(url), clientId);
    })),
    http.get(`${base}/appointments`, answering(({ request, cookies }) => {
      const clientId = clientOf({ request, cookies }, practice);
      const url = new URL(request.url);
      return { appointments: practice.appointmentsOf(clientId, appointmentRangeOf(url)) };
    })),
    http.get(`${base}/appointments/events`, ({ request, cookies }) => {
      try {
        const clientId = clientOf({ request, cookies }, practice);
        // As GET /appointments shows it: the list over the appointment's own time holds it.
        return appointmentEventStream(practice, request, ({ id, start, end }) =>
          practice.appointmentsOf(clientId, { start, end }).find((appointment) => appointment.id === id),
        );
      } catch (error) {
        return errorResponse(error);
      }
    }),
    http.post(`${base}/appointments/validate`, answering(async ({ request, cookies }) => {
      const clientId = clientOf({ request, cookies }, practice);
      const exceptAppointmentId = exceptAppointmentIdOf(new URL(request.url));
      return practice.validate(clientId, await appointmentRequestOf(request), exceptAppointmentId);
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

    ...practiceRoutes(base, practice),
  ];
}
