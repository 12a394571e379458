/**
 * The reference server's sign-in routes, under the API base (docs/rest-api.md, Authentication):
 *
 * | `POST /auth/email-link` `{ email }`          | 202 `{ message }`, the same for any address; 400, 403, 415, 429 |
 * | `POST /auth/email-link/verify` `{ token }`   | 200 `{ client: { id, name } }` and the session cookie; 400, 401, 403, 415 |
 * | `GET /auth/session`                          | 200 `{ client: { id, name } }`: who is signed in; 401 |
 * | `POST /auth/sign-out`                        | 200 `{ signedOut: true }`, the session revoked and its cookie removed; 403 |
 *
 * The two e-mail link routes exist only when SIGN_IN_URL is set. Each route stays thin over the
 * identity module; the log says what happened with ids only, never an address or a token.
 */
import { Hono, type Context } from 'hono';
import { BookingError, badRequest, errorAnswer, jsonBody } from 'self-schedule-elements/adapters';
import { signInLinkRequestSchema } from 'self-schedule-elements/model';
import * as z from 'zod/mini';
import type { Identity } from '../identity/index.js';
import { jsonRequest } from '../identity/csrf.js';
import { clientAddress } from '../identity/rate-limit.js';
import type { Logger } from '../log.js';

/** Any string: an empty or altered token is one that signs nobody in (401), like any wrong one. */
const tokenSchema = z.object({ token: z.string() });

/** The body with its address trimmed, as the elements send it, then checked by their own schema. */
function trimmedAddress(body: unknown): unknown {
  const email = (body as { email?: unknown } | null)?.email;
  return typeof email === 'string' ? { ...(body as object), email: email.trim() } : body;
}

/** The answer to every accepted link request, whether or not the address is a client's. */
export const linkRequestedMessage = 'If that address belongs to a client of the practice, a sign-in link is on its way. It works once, within 15 minutes.';

export function authRoutes(identity: Identity, logger: Logger): Hono {
  const auth = new Hono();
  const { emailLink } = identity;

  if (emailLink) {
    auth.post('/email-link', async (c) => {
      // It acts on no cookie: refused only when the request shows another site as its origin.
      identity.checkOrigin(c, false);
      const body = signInLinkRequestSchema.safeParse(trimmedAddress(await jsonBody(jsonRequest(c))));
      if (!body.success) throw badRequest('Send { "email": "<your e-mail address>" }.');
      const outcome = await emailLink.request(body.data.email, clientAddress(c, identity.settings.trustedProxies));
      if ('refused' in outcome) {
        logger.log('warn', 'sign-in-link', { outcome: 'rate-limited', limit: outcome.refused });
        return tooManyRequests(c, outcome.retryAfterSeconds, 'Too many sign-in links were asked for. Please wait a few minutes and try again.');
      }
      logger.log('info', 'sign-in-link', { outcome: outcome.sent ? 'sent' : 'no-such-client' });
      return c.json({ message: linkRequestedMessage }, 202);
    });

    auth.post('/email-link/verify', async (c) => {
      const presented = identity.sessionIdOf(c);
      // It revokes the browser's current session, so a cookie makes it a cookie request.
      identity.checkOrigin(c, presented !== undefined);
      const body = tokenSchema.safeParse(await jsonBody(jsonRequest(c)));
      if (!body.success) throw badRequest('Send { "token": "<the token of the sign-in link>" }.');
      const signedIn = await emailLink.verify(body.data.token, presented);
      if (!signedIn) {
        logger.log('info', 'sign-in-refused', { via: 'email-link', reason: 'token' });
        throw new BookingError('unauthorized', 'That sign-in link has expired or was already used. Please ask for a new one.', { status: 401 });
      }
      logger.log('info', 'signed-in', { via: 'email-link', clientId: signedIn.client.id });
      c.header('Set-Cookie', identity.cookie.set(signedIn.sessionId));
      return c.json({ client: signedIn.client });
    });
  }

  auth.get('/session', async (c) => c.json({ client: await identity.client(await identity.clientOf(c)) }));

  auth.post('/sign-out', async (c) => {
    const sessionId = identity.sessionIdOf(c);
    identity.checkOrigin(c, sessionId !== undefined);
    const clientId = await identity.signOut(sessionId);
    if (clientId) logger.log('info', 'signed-out', { clientId });
    c.header('Set-Cookie', identity.cookie.clear());
    return c.json({ signedOut: true });
  });

  return auth;
}

/** 429 with `Retry-After`: how long until the limit that refused starts a new window. */
export function tooManyRequests(c: Context, retryAfterSeconds: number, message: string) {
  const { body } = errorAnswer(new BookingError('server', message, { status: 429 }));
  return c.json(body, 429, { 'Retry-After': String(retryAfterSeconds) });
}
