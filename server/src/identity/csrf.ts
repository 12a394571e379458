/**
 * Cross-site request forgery: a browser sends the session cookie with a request another site's
 * page starts. `SameSite=Lax` already keeps it off another site's `fetch` and form posts; these
 * checks hold even where that does not (an old browser, a sibling subdomain, which counts as the
 * same site):
 *
 * - An unsafe request (anything but GET, HEAD, OPTIONS) that carries the cookie must show where it
 *   came from: its `Origin` is the server's own origin or one of CORS_ORIGINS, or, without an
 *   `Origin`, `Sec-Fetch-Site` is `same-origin` or `none`. Otherwise 403, and nothing is done.
 *   Browsers send `Origin` on every such request, so only a non-browser client can lack both,
 *   and it can send `Origin` (or use a bearer token, which no other site can make a browser send).
 * - A request with a JSON body must say `Content-Type: application/json` (else 415): the only
 *   bodies a page on another site can post without asking first (CORS preflight) are forms and
 *   plain text.
 */
import type { Context } from 'hono';
import { BookingError } from 'self-schedule-elements/adapters';

const safeMethods = new Set(['GET', 'HEAD', 'OPTIONS']);

export function isUnsafe(method: string): boolean {
  return !safeMethods.has(method.toUpperCase());
}

export interface OriginPolicy {
  /** Origins whose pages may make cookie requests: the server's own, CORS_ORIGINS, the sign-in page's. */
  allowed: ReadonlySet<string>;
  /** Without a configured public URL, the origin the request was addressed to counts as the server's own. */
  ownFromRequest: boolean;
}

/**
 * Whether an unsafe request may act. With `cookie` (a cookie authenticates it, or it acts on one),
 * it must show an allowed origin; without, it is refused only when it shows a foreign one.
 */
export function fromAllowedOrigin(c: Context, policy: OriginPolicy, cookie: boolean): boolean {
  if (!isUnsafe(c.req.method)) return true;
  const origin = c.req.header('Origin');
  if (origin !== undefined) {
    if (policy.allowed.has(origin)) return true;
    return policy.ownFromRequest && origin === new URL(c.req.url).origin;
  }
  const site = c.req.header('Sec-Fetch-Site');
  if (site !== undefined) return site === 'same-origin' || site === 'none';
  return !cookie;
}

export function crossSiteRefused(): BookingError {
  return new BookingError('forbidden', 'This request came from another site, so it was refused. Please use the practice’s own page.', { status: 403 });
}

/** The request, once its Content-Type says JSON (any parameters, such as a charset, aside); 415 otherwise. */
export function jsonRequest(c: Context): Request {
  const mediaType = (c.req.header('Content-Type') ?? '').split(';')[0].trim().toLowerCase();
  if (mediaType !== 'application/json') {
    throw new BookingError('bad-request', 'Send the request body as JSON (Content-Type: application/json).', { status: 415 });
  }
  return c.req.raw;
}
