/**
 * One error type for everything that can go wrong across the adapter boundary, told apart by
 * `code`, so an element can say what happened and whether trying again may help.
 */
import type { ConfirmProblem } from '../model/practice-api-schemas.js';
import type { SelectionProblem } from '../model/schemas.js';
import { isTimeTaken } from '../scheduling/practice-rules.js';

export type BookingErrorCode =
  /** The request never reached the server, or its answer never came back. */
  | 'network'
  /** No answer within the adapter's time limit (or 408 from the server). */
  | 'timeout'
  /** The answer did not match the contract (see `issues`). */
  | 'invalid-response'
  /** 400: the request itself was malformed. */
  | 'bad-request'
  /** 401: not signed in, or the session ended. */
  | 'unauthorized'
  /** 403: signed in, but not allowed. */
  | 'forbidden'
  /** 404: the provider, location, service or appointment does not exist (any more). */
  | 'not-found'
  /** 409: the time is not free (taken meanwhile, or clashing with the client's own; see `problems`). */
  | 'conflict'
  /** 422: understood, but against the rules (see `problems`). */
  | 'rule-violation'
  /** 5xx or 429: the server failed or is overloaded. */
  | 'server'
  /** The call was aborted by its caller. */
  | 'aborted';

export interface BookingErrorOptions {
  status?: number;
  problems?: SelectionProblem[];
  issues?: string[];
  /** The server's own words where they are not for the person using the page (a 5xx's message). */
  detail?: string;
  cause?: unknown;
}

export class BookingError extends Error {
  override name = 'BookingError';
  readonly code: BookingErrorCode;
  /** HTTP status, where there was one. */
  readonly status?: number;
  /** Why the time cannot be booked, for `conflict` and `rule-violation`. */
  readonly problems: SelectionProblem[];
  /** What was wrong with a response, for `invalid-response`: one line per field. */
  readonly issues: string[];
  /**
   * For the host, not the person: what the server itself said when our message replaces its words
   * (a 5xx's `error.message`, say). Log it; do not show it.
   */
  readonly detail?: string;

  constructor(code: BookingErrorCode, message: string, options: BookingErrorOptions = {}) {
    super(message, { cause: options.cause });
    this.code = code;
    this.status = options.status;
    this.problems = options.problems ?? [];
    this.issues = options.issues ?? [];
    this.detail = options.detail;
  }

  /** Whether the same call may succeed if made again unchanged. */
  get retryable(): boolean {
    return this.code === 'network' || this.code === 'timeout' || this.code === 'server';
  }
}

export function isBookingError(error: unknown): error is BookingError {
  return error instanceof BookingError;
}

/** The error code an HTTP status stands for. */
export function codeForStatus(status: number): BookingErrorCode {
  switch (status) {
    case 400:
      return 'bad-request';
    case 401:
      return 'unauthorized';
    case 403:
      return 'forbidden';
    case 404:
      return 'not-found';
    case 408:
      return 'timeout';
    case 409:
      return 'conflict';
    case 422:
      return 'rule-violation';
    case 429:
      // Too many requests: the server is busy, which a later try may get past.
      return 'server';
    default:
      return status >= 500 ? 'server' : 'bad-request';
  }
}

/** The HTTP status a server answers with for an error code (the mock API's side of the contract). */
export function statusForCode(code: BookingErrorCode): number {
  const statuses: Partial<Record<BookingErrorCode, number>> = {
    'bad-request': 400,
    unauthorized: 401,
    forbidden: 403,
    'not-found': 404,
    conflict: 409,
    'rule-violation': 422,
  };
  return statuses[code] ?? 500;
}

/**
 * How a practice refuses a request with problems: 409 when another time would help, 422 when the
 * request breaks a rule whenever it is sent. The mock and the reference server answer alike.
 */
export function refusalFor(problems: SelectionProblem[]): BookingError {
  return isTimeTaken(problems)
    ? new BookingError('conflict', 'That time is no longer available.', { status: 409, problems })
    : new BookingError('rule-violation', 'That appointment cannot be requested.', { status: 422, problems });
}

const confirmRefusals: Record<ConfirmProblem['code'], string> = {
  'in-the-past': 'Its time has passed.',
  'outside-hours': 'The time is no longer within the therapist’s hours (hours, a break or a day off changed since it was asked for).',
  'overlaps-appointment': 'Another appointment of the therapist’s holds part of the time.',
};

/** How a practice refuses to confirm a request whose time no longer fits (409); the list's `conflicts` say the same. */
export function confirmRefusal(problems: readonly ConfirmProblem[]): BookingError {
  const reasons = [...new Set(problems.map((problem) => confirmRefusals[problem.code]))].join(' ');
  return new BookingError('conflict', `This request cannot be confirmed. ${reasons} Decline it with a note, or change the hours first.`, { status: 409 });
}
