/**
 * Sign-in by e-mail link, for a practice site without a portal:
 *
 * 1. `request(email)`: if the address is a client's, a one-time token (secrets.ts) is stored as
 *    its hash, valid for 15 minutes, and an e-mail with the link `SIGN_IN_URL#ss-sign-in=<token>`
 *    is written to the outbox (kind `sign-in-link`), in one transaction. The token travels in the
 *    fragment, which browsers never send to a server, so no access log or Referer holds it.
 *    Whether the address is a client's or not, the caller gets the same answer, after the same
 *    statements: nothing tells a stranger who is a client. Requests are limited per address and
 *    per IP (rate-limit.ts), counted before anything else, for known and unknown addresses alike.
 * 2. `verify(token)`: the page's element posts the token from the fragment; a token that exists,
 *    is unused and unexpired is spent (with every other unused link of the client) and a new
 *    session starts; a session the browser presented is revoked.
 */
import { escapeHtml, htmlEmail } from 'self-schedule-elements/adapters';
import type { Database } from '../database/database.js';
import { bucketOf, countRequest, forgetEndedWindows } from './rate-limit.js';
import { isSecretShaped, randomSecret, sha256 } from './secrets.js';
import type { Sessions } from './sessions.js';

const minute = 60_000;

/** How long a sign-in link works: 15 minutes. */
export const signInTokenMs = 15 * minute;
/** Links asked for per address in one window (`rateLimitWindowMs`). */
export const linksPerAddress = 5;
/** Links asked for per IP address in one window. */
export const linksPerIp = 20;
/** The rate limits' window: 15 minutes. */
export const rateLimitWindowMs = 15 * minute;
/** The fragment parameter the page's element reads the token from. */
export const fragmentParameter = 'ss-sign-in';

const iso = (ms: number) => new Date(ms).toISOString();


/** The sign-in e-mail, in plain words. */
export function signInEmail(practice: string, name: string, link: string): { subject: string; body: string; text: string; html: string } {
  const subject = `Your sign-in link for ${practice}`;
  const body = `Open this link to sign in and see your appointments with ${practice}: ${link} It works once, within 15 minutes. If you did not ask to sign in, ignore this e-mail.`;
  const automatic = "This message was sent automatically by the practice's scheduling system.";
  const text = [
    `Hello ${name},`,
    `To sign in and see your appointments with ${practice}, open this link:`,
    link,
    'It works once, within 15 minutes. If you did not ask to sign in, you can ignore this e-mail: nothing happens unless the link is opened.',
    automatic,
  ].join('\n\n');
  const html = htmlEmail('en-US', subject, [
    `<p style="margin: 0 0 16px;">Hello ${escapeHtml(name)},</p>`,
    `<p style="margin: 0 0 16px;">To sign in and see your appointments with ${escapeHtml(practice)}, open this link:</p>`,
    `<p style="margin: 0 0 16px;"><a href="${escapeHtml(link)}">Sign in to ${escapeHtml(practice)}</a></p>`,
    '<p style="margin: 0 0 16px;">It works once, within 15 minutes. If you did not ask to sign in, you can ignore this e-mail: nothing happens unless the link is opened.</p>',
    `<p style="margin: 0; font-size: 14px; color: #59636e;">${escapeHtml(automatic)}</p>`,
  ]);
  return { subject, body, text, html };
}

export type LinkRequest = { sent: boolean } | { refused: 'address' | 'ip'; retryAfterSeconds: number };

export class EmailLinkSignIn {
  constructor(
    private readonly db: Database,
    private readonly sessions: Sessions,
    private readonly signInUrl: string,
    private readonly now: () => number,
    /** Called once a link is in the outbox: the mail worker sends it now, not at its next poll. */
    private readonly onNoticesWritten?: () => void,
  ) {}

  /**
   * Counts the request against the address's and the IP's limits, then sends the address's
   * client a link if there is one. `sent` is for the log only: the caller answers the same either way.
   */
  async request(email: string, ip: string | undefined): Promise<LinkRequest> {
    const token = randomSecret();
    const link = `${this.signInUrl}#${fragmentParameter}=${token}`;
    const outcome = await this.db.transaction(async (tx): Promise<LinkRequest> => {
      const now = this.now();
      await forgetEndedWindows(tx, rateLimitWindowMs, now);
      const counted = await countRequest(
        tx,
        [
          { bucket: bucketOf('address', email.toLowerCase()), limit: linksPerAddress },
          { bucket: bucketOf('ip', ip ?? 'unknown'), limit: linksPerIp },
        ],
        rateLimitWindowMs,
        now,
      );
      if (!counted.allowed) return { refused: counted.exceeded as 'address' | 'ip', retryAfterSeconds: counted.retryAfterSeconds };
      // The same statements whether the address is a client's or not: only the rows differ.
      const [found] = await tx.query<{ practice: string; clientId: string | null; name: string | null }>(
        `SELECT practice.name AS practice, client.id AS "clientId", client.name
         FROM practice LEFT JOIN clients client ON lower(client.email) = lower($1)`,
        [email],
      );
      const message = signInEmail(found?.practice ?? '', found?.name ?? 'there', link);
      await tx.query(
        `WITH client AS (SELECT id, email FROM clients WHERE id = $1),
         token AS (
           INSERT INTO sign_in_tokens (token_hash, client_id, created_at, expires_at)
           SELECT $2, id, $3::timestamptz, $4::timestamptz FROM client
         )
         INSERT INTO outbox (kind, recipient, subject, body, text, html, created_at)
         SELECT 'sign-in-link', email, $5, $6, $7, $8, $3::timestamptz FROM client`,
        [found?.clientId ?? null, sha256(token), iso(now), iso(now + signInTokenMs), message.subject, message.body, message.text, message.html],
      );
      // Links a day past their end are forgotten (rows another transaction holds are left for next time).
      await tx.query(
        'DELETE FROM sign_in_tokens WHERE token_hash IN (SELECT token_hash FROM sign_in_tokens WHERE expires_at <= $1::timestamptz FOR UPDATE SKIP LOCKED)',
        [iso(now - 24 * 60 * minute)],
      );
      await this.sessions.forgetEnded(tx);
      return { sent: found?.clientId != null };
    });
    if ('sent' in outcome && outcome.sent) this.onNoticesWritten?.();
    return outcome;
  }

  /**
   * Spends a token and starts a session; `presentedSession` (the browser's current session
   * cookie, if any) is revoked. Undefined, with nothing changed, for a token that is unknown,
   * used or expired.
   */
  verify(token: string, presentedSession: string | undefined): Promise<{ sessionId: string; client: { id: string; name: string } } | undefined> {
    if (!isSecretShaped(token)) return Promise.resolve(undefined);
    return this.db.transaction(async (tx) => {
      const now = iso(this.now());
      const [spent] = await tx.query<{ clientId: string }>(
        `UPDATE sign_in_tokens SET used_at = $2::timestamptz
         WHERE token_hash = $1 AND used_at IS NULL AND expires_at > $2::timestamptz
         RETURNING client_id AS "clientId"`,
        [sha256(token), now],
      );
      if (!spent) return undefined;
      // A link signs in once, and signing in spends the client's other links too.
      await tx.query('UPDATE sign_in_tokens SET used_at = $2::timestamptz WHERE client_id = $1 AND used_at IS NULL AND expires_at > $2::timestamptz', [spent.clientId, now]);
      await this.sessions.revoke(tx, presentedSession);
      const sessionId = await this.sessions.start(tx, spent.clientId);
      const [client] = await tx.query<{ id: string; name: string }>('SELECT id, name FROM clients WHERE id = $1', [spent.clientId]);
      return { sessionId, client };
    });
  }
}
