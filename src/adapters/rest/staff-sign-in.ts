/**
 * Signing a member of staff in with an e-mail address and a password, against a server speaking
 * the contract's practice API: `POST /practice/auth/sign-in` sets the staff session cookie
 * (`ss-staff`), `GET /practice/auth/session` says who is signed in, `POST /practice/auth/sign-out`
 * ends it. Not PracticeAdapter methods: only a page whose elements reach the API themselves
 * (`api-base`) signs staff in this way; a portal signs its staff in itself and sends a token.
 *
 * Over RestTransport, like the adapters: cookies go along (on another origin too, so the answer
 * may set one), each call has a time limit, answers are checked, every failure is a BookingError.
 * Nothing is tried again: a wrong password counts against the rate limit each time (429 keeps its
 * `status`, so a page can say to wait).
 */
import * as z from 'zod/mini';
import { type StaffMember, staffSignedInSchema } from '../../model/practice-api-schemas.js';
import type { CallOptions } from '../booking-adapter.js';
import { BookingError } from '../errors.js';
import { RestTransport } from './rest-transport.js';

export interface StaffSignInOptions extends CallOptions {
  /** Milliseconds before the call is given up as timed out. Default 10 000. */
  timeoutMs?: number;
  /** The fetch to use; the global one by default. */
  fetch?: typeof fetch;
}

const signedOutSchema = z.object({ signedOut: z.boolean() });

function transport(apiBase: string, options: StaffSignInOptions = {}): RestTransport {
  return new RestTransport({
    baseUrl: apiBase,
    // The session is a cookie: the answer must be allowed to set it, and later calls to send it.
    credentials: 'include',
    readRetries: 0,
    timeoutMs: options.timeoutMs,
    fetch: options.fetch,
  });
}

/**
 * Signs a member of staff in; resolves with who they are. Rejects with a BookingError: code
 * `unauthorized` when the address and password do not match (the same answer for an unknown
 * address), `status` 429 when there were too many attempts.
 */
export async function signInStaff(
  apiBase: string,
  credentials: { email: string; password: string },
  options?: StaffSignInOptions,
): Promise<StaffMember> {
  const answer = await transport(apiBase, options).send({
    method: 'POST',
    path: '/practice/auth/sign-in',
    body: { email: credentials.email, password: credentials.password },
    schema: staffSignedInSchema,
    what: 'the staff sign-in',
    options,
  });
  return answer.staff;
}

/** Who is signed in as staff on this page now, or undefined when nobody is (401) or a client is (403). */
export async function staffSession(apiBase: string, options?: StaffSignInOptions): Promise<StaffMember | undefined> {
  try {
    const answer = await transport(apiBase, options).send({
      method: 'GET',
      path: '/practice/auth/session',
      schema: staffSignedInSchema,
      what: 'the staff session',
      options,
    });
    return answer.staff;
  } catch (error) {
    if (error instanceof BookingError && (error.code === 'unauthorized' || error.code === 'forbidden')) return undefined;
    throw error;
  }
}

/** Ends the staff session (the server revokes it and clears the cookie). */
export async function signOutStaff(apiBase: string, options?: StaffSignInOptions): Promise<void> {
  await transport(apiBase, options).send({
    method: 'POST',
    path: '/practice/auth/sign-out',
    body: {},
    schema: signedOutSchema,
    what: 'signing out',
    options,
  });
}
