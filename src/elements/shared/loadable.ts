/** The states of anything an element fetches, each of which it renders. */
import { BookingError } from '../../adapters/errors.js';

export type Loadable<T> =
  | { state: 'idle' }
  | { state: 'pending' }
  | { state: 'ready'; value: T }
  | { state: 'error'; error: unknown };

export const idle = { state: 'idle' } as const;
export const pending = { state: 'pending' } as const;

/** What to tell a person about `error`: a BookingError's own message, else a general one. */
export function messageOf(error: unknown): string {
  if (error instanceof BookingError) return error.message;
  return 'Something went wrong. Please try again.';
}

/**
 * Whether to offer Try again after a write failed. Beyond `retryable`, an answer that was not
 * understood may have come from a server that did act: the retry goes with the same idempotency
 * key, so it gets the first result instead of acting twice.
 */
export function worthRetrying(error: BookingError): boolean {
  return error.retryable || error.code === 'invalid-response';
}

/** `error` as a BookingError, wrapping anything else as a network failure. */
export function toBookingError(error: unknown): BookingError {
  return error instanceof BookingError ? error : new BookingError('network', messageOf(error), { cause: error });
}

/** Whether `error` is the practice asking who the client is: Try again would only be refused again. */
export function refusedSignIn(error: unknown): boolean {
  return error instanceof BookingError && error.code === 'unauthorized';
}
