/**
 * Signing a client in by e-mail link, against a server speaking the REST contract: ask for a link,
 * exchange the link's token for a session cookie, ask whether a session exists, sign out. These
 * are not BookingAdapter methods: only a page whose elements reach the API themselves (`api-base`)
 * signs in this way; a portal signs its clients in itself and sends a token.
 *
 * The same rules as RestAdapter: cookies go along (the session is a cookie), each call has a time
 * limit, every answer is checked against its schema, and every failure is a BookingError (a 429
 * keeps its `status`, so a page can say "too many attempts"). Nothing is retried: a link asked
 * for twice is two e-mails, and a token is good once.
 */
import type { ZodMiniType } from 'zod/mini';
import { errorBodySchema } from '../../model/schemas.js';
import { type SignedInClient, signInLinkAnswerSchema, signedInSchema } from '../../model/sign-in-schemas.js';
import { BookingError, codeForStatus } from '../errors.js';
import { parseResponse } from '../parse.js';

export interface SignInCallOptions {
  signal?: AbortSignal;
  /** Milliseconds before the call is given up as timed out. Default 10 000. */
  timeoutMs?: number;
  /** The fetch to use; the global one by default. */
  fetch?: typeof fetch;
}

/** Words for failures whose answer carried none of its own. */
const fallbackMessages: Record<number, string> = {
  401: 'That sign-in link has expired or was already used.',
  429: 'Too many attempts. Please wait a few minutes and try again.',
};

async function call<T>(
  apiBase: string,
  path: string,
  body: unknown,
  schema: ZodMiniType<T> | undefined,
  what: string,
  options: SignInCallOptions & { method?: 'GET' | 'POST' } = {},
): Promise<{ status: number; value?: T }> {
  const { signal } = options;
  if (signal?.aborted) throw new BookingError('aborted', 'The request was cancelled.');
  const controller = new AbortController();
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort();
  }, options.timeoutMs ?? 10_000);
  const onAbort = () => controller.abort();
  signal?.addEventListener('abort', onAbort, { once: true });
  try {
    let response: Response;
    let text: string;
    try {
      const method = options.method ?? 'POST';
      const headers: Record<string, string> = { Accept: 'application/json' };
      if (method === 'POST') headers['Content-Type'] = 'application/json';
      const doFetch = options.fetch ?? globalThis.fetch.bind(globalThis);
      response = await doFetch(`${apiBase.replace(/\/+$/, '')}${path}`, {
        method,
        headers,
        // The session is a cookie: the answer must be allowed to set it, on another origin too.
        credentials: 'include',
        body: method === 'POST' ? JSON.stringify(body) : undefined,
        signal: controller.signal,
      });
      text = await response.text();
    } catch (cause) {
      if (timedOut) throw new BookingError('timeout', 'The server took too long to answer.', { cause });
      if (signal?.aborted) throw new BookingError('aborted', 'The request was cancelled.', { cause });
      throw new BookingError('network', 'Could not reach the server. Check your connection and try again.', { cause });
    }
    let data: unknown;
    try {
      data = text ? JSON.parse(text) : undefined;
    } catch (cause) {
      if (response.ok && schema) {
        throw new BookingError('invalid-response', `The server's answer for ${what} was not JSON.`, { status: response.status, cause });
      }
    }
    if (!response.ok) {
      const error = errorBodySchema.safeParse(data);
      const status = response.status;
      const message = error.success
        ? error.data.error.message
        : (fallbackMessages[status] ?? `The server refused the request (${status}).`);
      throw new BookingError(codeForStatus(status), message, { status });
    }
    return { status: response.status, value: schema ? parseResponse(schema, data, what) : undefined };
  } finally {
    clearTimeout(timer);
    signal?.removeEventListener('abort', onAbort);
  }
}

/**
 * Asks the server to e-mail `email` a link that signs its client in (`POST /auth/email-link`).
 * Resolves with the server's words, which are the same whether or not the address is known, so
 * nobody learns from them who is a client. Rejects with a BookingError: `status` 429 when the
 * address or the page asked too often.
 */
export async function requestSignInLink(apiBase: string, email: string, options?: SignInCallOptions): Promise<{ message: string }> {
  const { value } = await call(apiBase, '/auth/email-link', { email }, signInLinkAnswerSchema, 'the sign-in link', options);
  return value!;
}

/**
 * Exchanges the token of a sign-in link (`#ss-sign-in=<token>`) for a session cookie
 * (`POST /auth/email-link/verify`), and resolves with the client it signed in. Rejects with a
 * BookingError of code `unauthorized` when the token is unknown, used or expired.
 */
export async function exchangeSignInToken(apiBase: string, token: string, options?: SignInCallOptions): Promise<SignedInClient> {
  const { value } = await call(apiBase, '/auth/email-link/verify', { token }, signedInSchema, 'the sign-in', options);
  return value!.client;
}

/** Whether the page has a session with the server now (`GET /auth/session`: 200 or 401). */
export async function hasSession(apiBase: string, options?: SignInCallOptions): Promise<boolean> {
  try {
    await call(apiBase, '/auth/session', undefined, undefined, 'the session', { ...options, method: 'GET' });
    return true;
  } catch (error) {
    if (error instanceof BookingError && error.code === 'unauthorized') return false;
    throw error;
  }
}

/** Ends the page's session with the server (`POST /auth/sign-out`). */
export async function signOut(apiBase: string, options?: SignInCallOptions): Promise<void> {
  await call(apiBase, '/auth/sign-out', {}, undefined, 'signing out', options);
}
