/**
 * The page a sign-in e-mail links to carries the token in its fragment: `#ss-sign-in=<token>`
 * (a fragment never reaches a server's logs). The first element with `api-base` to see it takes
 * it out of the address at once and exchanges it; every element that connects while that is on
 * its way shares the one exchange, so three elements on a page spend the one-time token once.
 */
import type { SignedInClient } from '../../model/sign-in-schemas.js';

/** The fragment parameter a sign-in link's token comes in. */
export const signInFragmentKey = 'ss-sign-in';

let inFlight: { base: string; exchange: Promise<SignedInClient> } | undefined;

/** The link's token, removed from the address bar and from history; undefined when there is none. */
function takeToken(): string | undefined {
  if (typeof location === 'undefined' || typeof history === 'undefined') return undefined;
  const parts = location.hash.replace(/^#/, '').split('&');
  const index = parts.findIndex((part) => part.startsWith(`${signInFragmentKey}=`));
  if (index < 0) return undefined;
  const [found] = parts.splice(index, 1);
  const rest = parts.filter(Boolean).join('&');
  // replaceState, not `location.hash = …`: the entry holding the token is overwritten, not kept behind a new one.
  history.replaceState(history.state, '', `${location.pathname}${location.search}${rest ? `#${rest}` : ''}`);
  try {
    return decodeURIComponent(found.slice(signInFragmentKey.length + 1)) || undefined;
  } catch {
    return undefined;
  }
}

/** Resolved, so `/api` and `https://this.origin/api` are one API; an unreadable base as given. */
function resolved(apiBase: string): string {
  try {
    return new URL(apiBase, location.href).href;
  } catch {
    return apiBase;
  }
}

/**
 * The exchange of the page's sign-in link against `apiBase`, started now if the address holds a
 * token, or joined if one is on its way; undefined when there is neither. Resolves with the
 * client signed in (the session cookie is set by then); rejects with a BookingError, `unauthorized`
 * for a link that expired or was used.
 */
export function signInFromLink(apiBase: string): Promise<SignedInClient> | undefined {
  if (typeof location === 'undefined') return undefined;
  const base = resolved(apiBase);
  const token = takeToken();
  if (token) {
    // Imported only now: a page opened without a link never downloads the sign-in calls.
    const exchange = import('../../adapters/rest/sign-in.js').then(({ exchangeSignInToken }) => exchangeSignInToken(apiBase, token));
    inFlight = { base, exchange };
    const settled = () => {
      if (inFlight?.exchange === exchange) inFlight = undefined;
    };
    exchange.then(settled, settled);
  }
  return inFlight?.base === base ? inFlight.exchange : undefined;
}
