/**
 * Who the client is. Until client sign-in exists (e-mail link or a portal's JWT: issue 12), the
 * server takes the stand-in the mock API documents: `Authorization: Bearer <client id>`, or the
 * demo's `demo-client` cookie, naming a client of the seed file. Anyone who knows a client id can
 * act as that client, so the server says so at every start; do not expose it to the internet yet.
 */
import type { Context } from 'hono';
import { getCookie } from 'hono/cookie';

/** The demo page's sign-in cookie (as in the mock API). */
export const demoSessionCookie = 'demo-client';

/** The client id the request claims, before it is checked against the practice's clients. */
export function claimedClientId(c: Context): string | undefined {
  const bearer = /^Bearer (\S+)$/.exec(c.req.header('Authorization') ?? '')?.[1];
  return bearer ?? getCookie(c, demoSessionCookie) ?? undefined;
}
