/**
 * The practice API of docs/rest-api.md ("The practice API (staff)") over the in-memory Practice,
 * so the demo's Therapist page and `<appointment-requests>` run on the mock as on the reference
 * server. Staff sign in with the demo data's passwords (kept as given: the mock keeps nothing
 * secret); the session is the `ss-staff` cookie naming the member of staff, or a bearer token
 * `staff:<id>` standing in for a portal's staff JWT. The reference server alone keeps an audit.
 *
 * | `POST /practice/auth/sign-in` `{ email, password }` | 200 `{ staff }` and the cookie; 401 for any wrong pair, in one wording |
 * | `GET /practice/auth/session`                         | 200 `{ staff }`; 401 |
 * | `POST /practice/auth/sign-out`                       | 200 `{ signedOut: true }`, the cookie removed; 401, 403 |
 */
import { http, HttpResponse, type HttpHandler } from 'msw';
import { BookingError } from '../src/adapters/errors.js';
import type { Practice } from '../src/adapters/memory/practice.js';
import { type StaffMember, scheduleUpdateSchema, selfSchedulingUpdateSchema, staffSignInSchema } from '../src/model/practice-api-schemas.js';
import { practicePolicySchema } from '../src/model/practice-schemas.js';
import { bodyOf, checkedPolicy, checkedScheduleUpdate, declineNoteOf, practiceAppointmentQueryOf } from '../src/adapters/rest/rest-server.js';
import { type Call, answering, errorResponse, signedInClientId } from './answering.js';
import { appointmentEventStream } from './event-stream.js';

export const staffSessionCookie = 'ss-staff';

const staffCookie = (value: string, maxAge?: number) =>
  `${staffSessionCookie}=${value}; Path=/; SameSite=Strict${maxAge === undefined ? '' : `; Max-Age=${maxAge}`}`;

const wrongPair = () => new BookingError('unauthorized', 'That e-mail address and password do not match.', { status: 401 });

/** The signed-in member of staff; 401 for nobody, 403 for a client. */
function staffOf(call: Pick<Call, 'request' | 'cookies'>, practice: Practice): StaffMember {
  const bearer = /^Bearer staff:(.+)$/.exec(call.request.headers.get('Authorization') ?? '')?.[1];
  const staff = practice.staffMember(bearer ?? call.cookies[staffSessionCookie] ?? '');
  if (staff) return staff;
  if (signedInClientId(call, practice)) throw new BookingError('forbidden', 'This is for the practice’s staff.', { status: 403 });
  throw new BookingError('unauthorized', 'Please sign in as a member of staff.', { status: 401 });
}

/** A therapist changes only their own settings (therapists are public, so this is a 403, not a 404). */
function ownProvider(staff: StaffMember, providerId: string): string {
  if (staff.providerId && staff.providerId !== providerId) {
    throw new BookingError('forbidden', 'You can change only your own settings.', { status: 403 });
  }
  return providerId;
}

export function practiceRoutes(base: string, practice: Practice): HttpHandler[] {
  const at = `${base}/practice`;
  const scopeOf = (call: Call) => ({ providerId: staffOf(call, practice).providerId });
  return [
    http.post(`${at}/auth/sign-in`, async ({ request }) => {
      try {
        const { email, password } = await bodyOf(request, staffSignInSchema, 'sign-in');
        const staff = practice.staffSignIn(email, password);
        if (!staff) throw wrongPair();
        return HttpResponse.json({ staff }, { headers: { 'Set-Cookie': staffCookie(staff.id) } });
      } catch (error) {
        return errorResponse(error);
      }
    }),
    http.get(`${at}/auth/session`, answering((call) => ({ staff: staffOf(call, practice) }))),
    http.post(`${at}/auth/sign-out`, (call) => {
      try {
        staffOf(call, practice);
        return HttpResponse.json({ signedOut: true }, { headers: { 'Set-Cookie': staffCookie('', 0) } });
      } catch (error) {
        return errorResponse(error);
      }
    }),

    http.get(`${at}/appointments`, answering((call) =>
      ({ appointments: practice.practiceAppointments(practiceAppointmentQueryOf(new URL(call.request.url)), scopeOf(call)) }),
    )),
    http.get(`${at}/appointments/events`, ({ request, cookies }) => {
      try {
        const scope = { providerId: staffOf({ request, cookies }, practice).providerId };
        // As GET /practice/appointments shows it; another therapist's is not found, so not sent.
        return appointmentEventStream(practice, request, ({ id, start, end }) =>
          practice.practiceAppointments({ start, end }, scope).find((appointment) => appointment.id === id),
        );
      } catch (error) {
        return errorResponse(error);
      }
    }),
    http.post(`${at}/appointments/:id/confirm`, answering((call) => practice.confirm(call.params.id, scopeOf(call)))),
    http.post(`${at}/appointments/:id/decline`, answering(async (call) => {
      const scope = scopeOf(call);
      return practice.decline(call.params.id, await declineNoteOf(call.request), scope);
    })),

    http.get(`${at}/settings`, answering((call) => {
      const { providerId } = scopeOf(call);
      const settings = practice.settings();
      return providerId ? { ...settings, providers: settings.providers.filter((entry) => entry.provider.id === providerId) } : settings;
    })),
    http.put(`${at}/providers/:providerId/self-scheduling`, answering(async (call) => {
      const providerId = ownProvider(staffOf(call, practice), call.params.providerId);
      const { selfScheduling } = await bodyOf(call.request, selfSchedulingUpdateSchema, 'self-scheduling setting');
      return practice.setSelfScheduling(providerId, selfScheduling);
    })),
    http.put(`${at}/providers/:providerId/schedules/:locationId`, answering(async (call) => {
      const providerId = ownProvider(staffOf(call, practice), call.params.providerId);
      return practice.setSchedule(providerId, call.params.locationId, checkedScheduleUpdate(await bodyOf(call.request, scheduleUpdateSchema, 'schedule')));
    })),
    http.put(`${at}/policy`, answering(async (call) => {
      if (staffOf(call, practice).providerId) throw new BookingError('forbidden', 'Only the front desk changes the practice’s policy.', { status: 403 });
      return practice.setPolicy(checkedPolicy(await bodyOf(call.request, practicePolicySchema, 'policy')));
    })),
    http.get(`${at}/outbox`, answering((call) => {
      const { providerId } = scopeOf(call);
      const own = providerId ? new Set(practice.practiceAppointments({ providerId }).map((a) => a.id)) : undefined;
      return { emails: practice.outbox().filter((email) => !own || own.has(email.appointmentId)) };
    })),
  ];
}
