/**
 * The HTTP face of the server: the REST contract of `docs/rest-api.md`, routes kept thin over
 * BookingService, the sign-in routes (routes/auth.ts), and the practice API for staff
 * (routes/practice.ts, over PracticeService). Who the client or member of staff is comes from the
 * identity module (identity/). Requests are read with the contract's shared readers (zod schemas
 * underneath), a body only when it is declared JSON (else 415), and every error is the contract's
 * JSON error body.
 */
import { Hono, type Context } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { cors } from 'hono/cors';
import {
  BookingError,
  appointmentRangeOf,
  appointmentRequestOf,
  availabilityQueryOf,
  cancelReasonOf,
  errorAnswer,
  exceptAppointmentIdOf,
  idempotencyKeyOf,
} from 'self-schedule-elements/adapters';
import type { BookingService } from './booking-service.js';
import type { Database } from './database/database.js';
import { type IdentitySettings, Identity } from './identity/index.js';
import { jsonRequest } from './identity/csrf.js';
import type { LiveEvents } from './live-events.js';
import type { Logger } from './log.js';
import type { PracticeService } from './practice-service.js';
import { authRoutes } from './routes/auth.js';
import { practiceRoutes } from './routes/practice.js';

export interface AppOptions {
  service: BookingService;
  /** The practice API's operations (staff). */
  practice: PracticeService;
  /** The live event streams (`GET /appointments/events`, `GET /practice/appointments/events`). */
  events: LiveEvents;
  db: Database;
  logger: Logger;
  /** Who the client is: the ways configured (identitySettingsFrom). */
  identity: IdentitySettings;
  /** The clock (tests move it). */
  now?: () => number;
  /** Where the contract's paths are mounted; `/api` by default. */
  basePath?: string;
  /** Page origins allowed to call the API from another origin (CORS); none by default. */
  corsOrigins?: readonly string[];
  /** The largest request body taken, in bytes. */
  maxBodyBytes?: number;
  /** Called once notices are in the outbox (a sign-in e-mail): the mail worker's nudge. */
  onNoticesWritten?: () => void;
  /** DEMO=1 only: `reset` empties the practice and seeds it again, for the demo's Reset demo data. */
  demo?: { reset(): Promise<void> };
}

function contractError(c: Context, error: unknown) {
  const { status, body } = errorAnswer(error);
  return c.json(body, status as 400);
}

export function createApp({
  service,
  practice,
  events,
  db,
  logger,
  identity: identitySettings,
  now,
  basePath = '/api',
  corsOrigins = [],
  maxBodyBytes = 16 * 1024,
  onNoticesWritten,
  demo,
}: AppOptions): Hono {
  const app = new Hono();
  const identity = new Identity(db, identitySettings, logger, now, onNoticesWritten);

  app.use('*', async (c, next) => {
    const started = performance.now();
    await next();
    // Personal data never reaches a browser's or a proxy's cache.
    c.header('Cache-Control', 'no-store');
    logger.log(c.res.status >= 500 ? 'error' : 'info', 'request', {
      method: c.req.method,
      // The route's pattern, not the URL: no query string, and ids only where the contract has them.
      route: c.req.routePath,
      status: c.res.status,
      ms: Math.round(performance.now() - started),
    });
  });

  app.get('/healthz', async (c) => {
    try {
      await db.ping();
      return c.json({ status: 'ok', database: db.kind });
    } catch {
      return c.json({ status: 'unavailable', database: db.kind }, 503);
    }
  });

  const api = new Hono();
  if (corsOrigins.length) {
    api.use(
      '*',
      cors({
        origin: [...corsOrigins],
        allowMethods: ['GET', 'POST', 'PUT'],
        allowHeaders: ['Authorization', 'Content-Type', 'Idempotency-Key', 'Last-Event-ID'],
        credentials: true,
        maxAge: 600,
      }),
    );
  }
  api.use(
    '*',
    bodyLimit({
      maxSize: maxBodyBytes,
      onError: (c) => c.json({ error: { code: 'bad-request', message: 'The request body is too large.' } }, 413),
    }),
  );

  /** The signed-in client; 401, or 403 for a cross-site request by cookie. */
  const clientOf = (c: Context): Promise<string> => identity.clientOf(c);
  const url = (c: Context) => new URL(c.req.url);
  api.route('/auth', authRoutes(identity, logger));
  api.get('/providers', async (c) => {
    await clientOf(c);
    return c.json({ providers: await service.providers() });
  });
  api.get('/providers/:providerId/locations', async (c) => {
    await clientOf(c);
    return c.json({ locations: await service.locationsOf(c.req.param('providerId')) });
  });
  api.get('/providers/:providerId/locations/:locationId/services', async (c) => {
    await clientOf(c);
    return c.json({ services: await service.servicesAt(c.req.param('providerId'), c.req.param('locationId')) });
  });
  api.get('/availability', async (c) => {
    const clientId = await clientOf(c);
    return c.json(await service.availability(availabilityQueryOf(url(c)), clientId));
  });
  api.get('/appointments', async (c) => {
    const clientId = await clientOf(c);
    return c.json({ appointments: await service.appointmentsOf(clientId, appointmentRangeOf(url(c))) });
  });
  api.get('/appointments/events', async (c) => events.respond(c, { kind: 'client', clientId: await clientOf(c) }));
  api.post('/appointments/validate', async (c) => {
    const clientId = await clientOf(c);
    const exceptAppointmentId = exceptAppointmentIdOf(url(c));
    return c.json(await service.validate(clientId, await appointmentRequestOf(jsonRequest(c)), exceptAppointmentId));
  });
  api.post('/appointments', async (c) => {
    const clientId = await clientOf(c);
    const key = idempotencyKeyOf(c.req.raw);
    return c.json(await service.request(clientId, await appointmentRequestOf(jsonRequest(c)), key), 201);
  });
  api.put('/appointments/:id', async (c) => {
    const clientId = await clientOf(c);
    const key = idempotencyKeyOf(c.req.raw);
    return c.json(await service.change(clientId, c.req.param('id'), await appointmentRequestOf(jsonRequest(c)), key));
  });
  api.post('/appointments/:id/cancel', async (c) => {
    const clientId = await clientOf(c);
    const key = idempotencyKeyOf(c.req.raw);
    return c.json(await service.cancel(clientId, c.req.param('id'), key, await cancelReasonOf(jsonRequest(c))));
  });

  api.route('/practice', practiceRoutes(identity, practice, events, logger));
  if (demo) {
    // The demo page's Reset demo data (DEMO=1 only, like the demo's stand-in sign-in).
    api.post('/practice/demo/reset', async (c) => {
      await demo.reset();
      return c.json({ reset: true });
    });
  }

  api.notFound((c) => c.json({ error: { code: 'not-found', message: 'There is nothing at this address.' } }, 404));
  app.route(basePath.replace(/\/+$/, ''), api);
  app.notFound((c) => c.json({ error: { code: 'not-found', message: 'There is nothing at this address.' } }, 404));
  app.onError((error, c) => {
    if (!(error instanceof BookingError)) {
      logger.log('error', 'unexpected', { route: c.req.routePath, error: error instanceof Error ? error.name : 'unknown', sqlState: (error as { code?: string }).code });
    }
    return contractError(c, error);
  });
  return app;
}
