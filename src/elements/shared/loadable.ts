/** The states of anything an element fetches, each of which it renders. */
import { BookingError, type BookingErrorCode } from '../../adapters/errors.js';
import { unreadableAnswer } from '../../adapters/parse.js';

export type Loadable<T> =
  | { state: 'idle' }
  | { state: 'pending' }
  | { state: 'ready'; value: T }
  | { state: 'error'; error: unknown };

export const idle = { state: 'idle' } as const;
export const pending = { state: 'pending' } as const;

/**
 * The words for the faults whose own message is not for people: a server's text (a 500 may send
 * a stack trace, a 400 or 404 names routes and fields), an answer not understood, a time limit.
 * Each says what the person can do. A host may replace them through the element's `strings`.
 */
export const faultWords = {
  timeout: 'The practice took too long to answer. Please try again in a moment.',
  server: "The practice's server had a problem. Please try again in a moment; if it keeps happening, contact the practice.",
  'invalid-response': unreadableAnswer,
  'bad-request': 'This page sent something the practice could not accept. Please reload the page; if it keeps happening, contact the practice.',
  'not-found': 'The practice could not find what this page asked for: it may have been removed. Please reload the page to see what is current.',
  forbidden: 'The practice does not allow this from your account. Please contact the practice.',
  other: 'Something went wrong. Please try again.',
} satisfies Partial<Record<BookingErrorCode, string>> & { other: string };

export type FaultWords = typeof faultWords;

/**
 * What to tell a person about `error`. The faults in `words` are said in those words whatever the
 * server sent; the others keep their own message, written for people by the adapter (a lost
 * connection) or the practice (why a time is not free, why it can no longer be changed, who to
 * sign in as). The details stay on the error (`issues`, `detail`, `status`) for the host.
 */
export function messageOf(error: unknown, words: FaultWords = faultWords): string {
  if (!(error instanceof BookingError)) return words.other;
  return (words as Partial<Record<BookingErrorCode, string>>)[error.code] ?? error.message;
}

/**
 * Whether to offer Try again after a write failed: where it helps after a read (retryHelps), but
 * not after a cancelled call. An answer that was not understood may have come from a server that
 * did act: the retry goes with the same idempotency key, so it gets the first result instead of
 * acting twice.
 */
export function worthRetrying(error: BookingError): boolean {
  return error.code !== 'aborted' && retryHelps(error);
}

/**
 * Whether Try again can help after a read failed: a lost connection, a time limit or the server's
 * own failure may pass, and so may an answer that was not understood (a server in the middle of an
 * update, say: the words ask to try again later); a refusal (sign-in, not allowed, not found,
 * against the rules) would only come back the same.
 */
export function retryHelps(error: unknown): boolean {
  return !(error instanceof BookingError) || error.retryable || error.code === 'aborted' || error.code === 'invalid-response';
}

/** `error` as a BookingError, wrapping anything else as a network failure. */
export function toBookingError(error: unknown): BookingError {
  return error instanceof BookingError ? error : new BookingError('network', messageOf(error), { cause: error });
}

/** Whether `error` is the practice asking who the client is: Try again would only be refused again. */
export function refusedSignIn(error: unknown): boolean {
  return error instanceof BookingError && error.code === 'unauthorized';
}
