/**
 * The event every element fires when the practice asks who the client is. Like the elements' own
 * events it is a class of its own (a typed payload), bubbles and crosses shadow roots, and is
 * named `ss-` plus what happened; each element's events module re-exports it.
 */
import type { BookingError } from '../../adapters/errors.js';

/**
 * Why signing in is needed: `session`, a call was refused (no session, or the access token is
 * missing or expired); `link`, the sign-in link the page was opened with had expired or was used.
 */
export type SignInReason = 'session' | 'link';

/**
 * The practice answered 401: the element needs the client signed in. Fired once per failure (not
 * again for every call refused meanwhile); after a new `access-token` or a sign-in, the next
 * refusal fires it again. A portal refreshes its token here. Cancelable: `preventDefault()` keeps
 * the element's own sign-in prompt hidden, for a host that signs the client in itself.
 */
export class AuthRequiredEvent extends Event {
  static readonly type = 'ss-auth-required';
  constructor(
    /** The refusal: code `unauthorized`, with `status` 401 when the server answered. */
    readonly error: BookingError,
    /** What was refused: a call (`session`) or the page's sign-in link (`link`). */
    readonly reason: SignInReason,
  ) {
    super(AuthRequiredEvent.type, { bubbles: true, composed: true, cancelable: true });
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'ss-auth-required': AuthRequiredEvent;
  }
}
