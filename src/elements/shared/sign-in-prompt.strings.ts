/**
 * The sign-in prompt's words, which every element's strings spread (so a host replaces them
 * through the same `strings` property as the rest). The answer to a request for a link is the
 * same whatever the server knows of the address, so nobody learns from it who is a client.
 */
export const signInStrings = {
  signInHeading: 'Please sign in',
  /** With `api-base` and no `access-token`: how signing in by e-mail works. */
  signInByEmail: 'Enter your e-mail address and we will send you a link to sign in.',
  /** Otherwise (a portal's token, or an adapter set by script): the portal signs the client in. */
  signInElsewhere: 'Your session has ended. Please sign in again to continue.',
  signInEmail: 'E-mail address',
  sendSignInLink: 'Send sign-in link',
  sendingSignInLink: 'Sending…',
  /** Said after any request for a link, whether or not the address is known. */
  signInLinkSent: 'Check your e-mail: we sent a link to sign in.',
  signInLinkExpired: 'That sign-in link has expired or was already used. Ask for a new one.',
  signInEmailInvalid: 'Enter your e-mail address, for example name@example.com.',
  signInTooMany: 'Too many attempts. Please wait a few minutes and try again.',
  /** Before the reason, when a link could not be asked for (network, server). */
  signInSendFailed: 'The sign-in link could not be sent.',
};

export type SignInStrings = typeof signInStrings;
