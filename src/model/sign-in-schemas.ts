/**
 * What crosses the boundary when a client signs in by e-mail link (`/auth/…`, used by elements
 * with `api-base`): a module of its own, so the elements load it only when sign-in is needed.
 */
import * as z from 'zod/mini';

/**
 * What `POST /auth/email-link` takes: the address to send a sign-in link to, trimmed. Loose on
 * purpose (one `@`, no spaces or control characters, at most 254 characters, as the reference
 * server checks it): the server answers the same whether or not it knows the address.
 */
export const signInLinkRequestSchema = z.object({
  email: z.string().check(
    z.maxLength(254),
    z.refine((text) => /^[^\s@\p{Cc}]+@[^\s@\p{Cc}]+$/u.test(text), 'not an e-mail address'),
  ),
});
export type SignInLinkRequest = z.infer<typeof signInLinkRequestSchema>;

/** `POST /auth/email-link`'s 202 answer: the same words whether or not the address is known. */
export const signInLinkAnswerSchema = z.object({ message: z.string() });

/** What `POST /auth/email-link/verify` takes: the token of the link's `#ss-sign-in=` fragment. */
export const signInTokenSchema = z.object({ token: z.string().check(z.minLength(1)) });

/** Who a sign-in made the page's session for: `POST /auth/email-link/verify`'s 200 answer. */
export const signedInSchema = z.object({ client: z.object({ id: z.string().check(z.minLength(1)), name: z.string() }) });
export type SignedInClient = z.infer<typeof signedInSchema>['client'];
