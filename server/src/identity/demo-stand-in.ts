/**
 * The demo's stand-in for sign-in, only with DEMO=1: `Authorization: Bearer <client id>`, or the
 * demo page's `demo-client` cookie, naming a client of the seed file (as in the mock API). Anyone
 * who knows a client id can act as that client, so the server says so at every start in demo mode;
 * without DEMO neither is read.
 */
import type { Context } from 'hono';
import { getCookie } from 'hono/cookie';

/** The demo page's sign-in cookie (as in the mock API). */
export const demoSessionCookie = 'demo-client';

/** The client id the demo cookie claims, before it is checked against the practice's clients. */
export function demoCookieClientId(c: Context): string | undefined {
  return getCookie(c, demoSessionCookie) ?? undefined;
}
