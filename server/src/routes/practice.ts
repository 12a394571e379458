/**
 * The practice API, for the practice's staff, under the API base (docs/rest-api.md, "The practice API"):
 *
 * | `POST /practice/auth/sign-in` `{ email, password }`             | 200 `{ staff }` and the `ss-staff` cookie; 401 (one answer for a wrong password and an unknown address), 429 |
 * | `GET /practice/auth/session`                                     | 200 `{ staff }` |
 * | `POST /practice/auth/sign-out`                                   | 200 `{ signedOut: true }`, the session revoked and its cookie removed |
 * | `GET /practice/appointments?status=…&provider=…&start=…&end=…`  | 200 `{ appointments }`, soonest first, each with `client` and `conflicts` |
 * | `GET /practice/appointments/events`                              | 200 `text/event-stream`: each change of an appointment the member of staff may see (live-events.ts) |
 * | `POST /practice/appointments/{id}/confirm` `{}`                  | 200 the appointment; 404, 409 |
 * | `POST /practice/appointments/{id}/decline` `{ note? }`           | 200 the appointment; 400, 404, 409 |
 * | `GET /practice/settings`                                         | 200 the policy and the therapists' hours |
 * | `PUT /practice/providers/{id}/self-scheduling` `{ selfScheduling }` | 200 the provider; 403, 404 |
 * | `PUT /practice/providers/{id}/schedules/{locationId}` ScheduleUpdate | 200 the schedule; 400, 403, 404 |
 * | `PUT /practice/policy` PracticePolicy                            | 200 the policy; 400, 403 |
 * | `GET /practice/outbox`                                           | 200 `{ emails }`: notices about appointments, oldest first |
 * | `GET /practice/audit?appointment=ID`                             | 200 `{ entries }`, oldest first |
 *
 * Every route but sign-in: 401 without staff credentials, 403 for a client, 403 for an unsafe
 * request by cookie from another site, 415 for a body not declared JSON (identity/). Each route
 * stays thin over PracticeService; the log holds ids only.
 */
import { Hono, type Context } from 'hono';
import { BookingError, bodyOf, declineNoteOf, practiceAppointmentQueryOf } from 'self-schedule-elements/adapters';
import { practicePolicySchema, scheduleUpdateSchema, selfSchedulingUpdateSchema, staffSignInSchema } from 'self-schedule-elements/model';
import type { Identity } from '../identity/index.js';
import { jsonRequest } from '../identity/csrf.js';
import { clientAddress } from '../identity/rate-limit.js';
import type { LiveEvents } from '../live-events.js';
import type { Logger } from '../log.js';
import type { PracticeService } from '../practice-service.js';
import { tooManyRequests } from './auth.js';

/** The one answer to a wrong password and to an address that is no member of staff's. */
export const staffSignInRefused = 'That e-mail address and password do not match.';

export function practiceRoutes(identity: Identity, practice: PracticeService, events: LiveEvents, logger: Logger): Hono {
  const routes = new Hono();
  const staffOf = (c: Context) => identity.staffOf(c);

  routes.post('/auth/sign-in', async (c) => {
    const presented = identity.staffSessionIdOf(c);
    // It revokes the browser's current staff session, so a cookie makes it a cookie request.
    identity.checkOrigin(c, presented !== undefined);
    const body = await bodyOf(jsonRequest(c), staffSignInSchema, 'sign-in');
    const outcome = await identity.staff.signIn(body.email.trim(), body.password, clientAddress(c, identity.settings.trustedProxies), presented);
    if ('refused' in outcome) {
      if (outcome.refused === 'password') {
        logger.log('info', 'sign-in-refused', { via: 'staff-password' });
        throw new BookingError('unauthorized', staffSignInRefused, { status: 401 });
      }
      logger.log('warn', 'staff-sign-in', { outcome: 'rate-limited', limit: outcome.refused });
      return tooManyRequests(c, outcome.retryAfterSeconds, 'Too many sign-in attempts. Please wait a few minutes and try again.');
    }
    logger.log('info', 'signed-in', { via: 'staff-password', staffId: outcome.signedIn.staff.id });
    c.header('Set-Cookie', identity.staffCookie.set(outcome.signedIn.sessionId));
    return c.json({ staff: outcome.signedIn.staff });
  });

  routes.get('/auth/session', async (c) => {
    const staff = await staffOf(c);
    if (staff.via === 'session') return c.json({ staff: await identity.staff.member(staff.staffId) });
    // A portal's member of staff has no row here: what the token says is all there is.
    return c.json({ staff: { id: staff.staffId, name: '', email: '', ...(staff.providerId ? { providerId: staff.providerId } : {}) } });
  });

  routes.post('/auth/sign-out', async (c) => {
    const staff = await staffOf(c);
    if (staff.via === 'session') {
      await identity.signOutStaff(identity.staffSessionIdOf(c));
      logger.log('info', 'signed-out', { staffId: staff.staffId });
    }
    c.header('Set-Cookie', identity.staffCookie.clear());
    return c.json({ signedOut: true });
  });

  routes.get('/appointments', async (c) => {
    const staff = await staffOf(c);
    return c.json({ appointments: await practice.appointments(practiceAppointmentQueryOf(new URL(c.req.url)), staff) });
  });

  routes.get('/appointments/events', async (c) => events.respond(c, { kind: 'staff', staff: await staffOf(c) }));

  routes.post('/appointments/:id/confirm', async (c) => {
    const staff = await staffOf(c);
    // No body is read, but one must be declared JSON like every other write's (`{}`).
    jsonRequest(c);
    return c.json(await practice.confirm(c.req.param('id'), staff));
  });

  routes.post('/appointments/:id/decline', async (c) => {
    const staff = await staffOf(c);
    return c.json(await practice.decline(c.req.param('id'), await declineNoteOf(jsonRequest(c)), staff));
  });

  routes.get('/settings', async (c) => c.json(await practice.settings(await staffOf(c))));

  routes.put('/providers/:providerId/self-scheduling', async (c) => {
    const staff = await staffOf(c);
    const { selfScheduling } = await bodyOf(jsonRequest(c), selfSchedulingUpdateSchema, 'self-scheduling update');
    return c.json(await practice.setSelfScheduling(c.req.param('providerId'), selfScheduling, staff));
  });

  routes.put('/providers/:providerId/schedules/:locationId', async (c) => {
    const staff = await staffOf(c);
    const update = await bodyOf(jsonRequest(c), scheduleUpdateSchema, 'schedule');
    return c.json(await practice.setSchedule(c.req.param('providerId'), c.req.param('locationId'), update, staff));
  });

  routes.put('/policy', async (c) => {
    const staff = await staffOf(c);
    return c.json(await practice.setPolicy(await bodyOf(jsonRequest(c), practicePolicySchema, 'policy'), staff));
  });

  routes.get('/outbox', async (c) => c.json({ emails: await practice.outbox(await staffOf(c)) }));

  routes.get('/audit', async (c) => {
    const staff = await staffOf(c);
    return c.json({ entries: await practice.audit(c.req.query('appointment') || undefined, staff) });
  });

  return routes;
}
