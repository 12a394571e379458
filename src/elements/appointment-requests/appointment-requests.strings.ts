import { faultWords } from '../shared/loadable.js';

/**
 * Every word the therapist's inbox shows, in English by default, in the words of the practice
 * help article (a request, Confirm or decline, Unconfirmed). A host replaces any of them through
 * the `strings` property; the functions build sentences around names and times, so a translation
 * can order them as its language needs.
 */
export const defaultRequestsStrings = {
  heading: 'Appointment requests',
  loading: 'Loading requests…',
  /** Said instead of `loading` once the list has been loading for a while: slow is not failed. */
  slow: 'This is taking longer than usual. Still waiting for the practice’s booking system…',
  empty: 'No requests are waiting. New requests appear here by themselves.',
  notConnected: 'This list is not connected to a practice yet.',
  loadFailed: 'The requests could not be loaded.',
  refreshFailed: 'The requests could not be refreshed, so they may be out of date.',
  offline: 'You are offline, so the requests may be out of date. They are refreshed when the connection is back.',
  retry: 'Try again',
  /** What is said of a fault whose own message is not for people (a server's text, an answer not understood…), by code. */
  faults: faultWords,

  /** Shown on each request unless the element lists one therapist's (`provider`). */
  provider: 'Therapist',
  service: 'Service',
  location: 'Location',
  when: 'Date and time',
  requested: 'Requested',
  telehealth: 'Telehealth',
  minutes: (count: number) => `${count} minutes`,

  /** Above a request's conflicts. */
  cannotConfirm: 'This request cannot be confirmed:',
  conflictPast: 'This time has passed',
  conflictHours: 'Now outside your hours (a break, a day off or changed hours)',
  conflictOverlap: (when: string) => `Overlaps another appointment at ${when}`,
  /** After the conflicts: what the therapist can do instead. */
  conflictAdvice: 'Decline it with a note to the client, or change your hours first.',

  confirm: 'Confirm',
  confirming: 'Confirming…',
  decline: 'Decline',
  /** The buttons' names for a screen reader, with the client's: they begin with the visible word. */
  confirmLabel: (client: string) => `Confirm ${client}'s request`,
  declineLabel: (client: string) => `Decline ${client}'s request`,
  confirmingLabel: (client: string) => `Confirming… ${client}'s request`,

  noteLabel: 'Note to the client (optional)',
  noteHint: 'The client sees it with the decline, and it is e-mailed to them.',
  noteCount: (count: number, max: number) => `${count} of ${max} characters`,
  noteTooLong: (count: number, max: number) => `The note is ${count} characters long; it can be at most ${max}. Shorten it to send it.`,
  sendDecline: 'Decline request',
  declining: 'Declining…',
  keep: 'Keep request',

  /** Announced after a confirmation. */
  confirmed: (client: string, service: string, when: string) =>
    `Confirmed ${client}'s ${service} on ${when}. The client was e-mailed.`,
  /** Announced after a decline. */
  declined: (client: string, service: string, when: string) =>
    `Declined ${client}'s ${service} on ${when}. The client was e-mailed.`,
  /** Announced when polling brings requests that were not there before. */
  newRequests: (count: number) => (count === 1 ? '1 new request' : `${count} new requests`),
  /** Before the reason, when a confirmation or decline did not go through. */
  confirmFailed: (client: string) => `${client}'s request could not be confirmed.`,
  declineFailed: (client: string) => `${client}'s request could not be declined.`,

  signInHeading: 'Staff sign-in',
  signInHow: 'Sign in with your practice e-mail address and password to see the requests.',
  /** With a portal's token or an adapter set by script: the portal signs staff in. */
  signInElsewhere: 'Your session has ended. Please sign in again to continue.',
  /** A 403: signed in, but as a client. */
  staffOnly: "This is for the practice's staff.",
  signInEmail: 'E-mail',
  signInPassword: 'Password',
  signIn: 'Sign in',
  signingIn: 'Signing in…',
  signInMissing: 'Enter your e-mail address and your password.',
  signInMismatch: 'That e-mail address and password do not match.',
  signInTooMany: 'Too many sign-in attempts. Please wait a few minutes, then try again.',
  /** Before the reason, when signing in failed for another cause (network, server). */
  signInFailed: 'Signing in did not work.',
};

export type RequestsStrings = typeof defaultRequestsStrings;
