/**
 * Sessions: what a browser holds after signing in by e-mail link. The cookie carries a random id
 * (secrets.ts); the database keeps its SHA-256, the client, when it was last used and when it
 * ends. A session works while it is not revoked (sign-out, or a new sign-in in the same browser),
 * has been used within the idle limit and is younger than the absolute limit. Every sign-in makes
 * a new id.
 */
import type { Queryable } from '../database/database.js';
import { isSecretShaped, randomSecret, sha256 } from './secrets.js';

const minute = 60_000;
const hour = 60 * minute;

/** A session unused this long has ended: 12 hours. */
export const sessionIdleMs = 12 * hour;
/** A session ends this long after sign-in however much it is used: 7 days. */
export const sessionMaxMs = 7 * 24 * hour;
/** `last_seen_at` is written at most once a minute per session, not on every request. */
const touchEveryMs = minute;

const iso = (ms: number) => new Date(ms).toISOString();

/** The session cookie's name and its `Set-Cookie` values. */
export interface SessionCookie {
  name: string;
  /** `Set-Cookie` for a new session. */
  set(id: string): string;
  /** `Set-Cookie` that removes it. */
  clear(): string;
}

/**
 * The session cookie: `HttpOnly` (no script reads it), `SameSite=Lax` (another site's requests
 * carry it only on a top-level navigation), `Path=/`, a lifetime of the absolute limit, and
 * `Secure` when the server's public URL is https. A secure cookie takes the `__Host-` prefix,
 * which browsers accept only from the host itself, secure, for `/`, without a `Domain`: no
 * subdomain can set or shadow it.
 */
export function sessionCookie(secure: boolean): SessionCookie {
  const name = secure ? '__Host-ss-session' : 'ss-session';
  const attributes = `Path=/; HttpOnly; SameSite=Lax${secure ? '; Secure' : ''}`;
  return {
    name,
    set: (id) => `${name}=${id}; Max-Age=${sessionMaxMs / 1000}; ${attributes}`,
    clear: () => `${name}=; Max-Age=0; ${attributes}`,
  };
}

export class Sessions {
  constructor(
    private readonly db: Queryable,
    private readonly now: () => number,
  ) {}

  /** Starts a session for `clientId` in `tx`; the id to put in the cookie. */
  async start(tx: Queryable, clientId: string): Promise<string> {
    const id = randomSecret();
    const now = this.now();
    await tx.query(
      `INSERT INTO sessions (id_hash, client_id, created_at, last_seen_at, expires_at) VALUES ($1, $2, $3, $3, $4)`,
      [sha256(id), clientId, iso(now), iso(now + sessionMaxMs)],
    );
    return id;
  }

  /** The client of a session that still works (and notes that it was used); undefined otherwise. */
  async clientOf(id: string | undefined): Promise<string | undefined> {
    if (!isSecretShaped(id)) return undefined;
    const now = this.now();
    const [session] = await this.db.query<{ clientId: string; stale: boolean }>(
      `SELECT client_id AS "clientId", last_seen_at <= $2::timestamptz - $4::float8 * interval '1 millisecond' AS stale
       FROM sessions
       WHERE id_hash = $1 AND revoked_at IS NULL AND expires_at > $2::timestamptz
         AND last_seen_at > $2::timestamptz - $3::float8 * interval '1 millisecond'`,
      [sha256(id), iso(now), sessionIdleMs, touchEveryMs],
    );
    if (!session) return undefined;
    if (session.stale) {
      await this.db.query('UPDATE sessions SET last_seen_at = greatest(last_seen_at, $2::timestamptz) WHERE id_hash = $1', [sha256(id), iso(now)]);
    }
    return session.clientId;
  }

  /** Ends a session for good (sign-out, or a new sign-in in its browser); the client it was, if it was one. */
  async revoke(tx: Queryable, id: string | undefined): Promise<string | undefined> {
    if (!isSecretShaped(id)) return undefined;
    const [revoked] = await tx.query<{ clientId: string }>(
      'UPDATE sessions SET revoked_at = $2 WHERE id_hash = $1 AND revoked_at IS NULL RETURNING client_id AS "clientId"',
      [sha256(id), iso(this.now())],
    );
    return revoked?.clientId;
  }

  /**
   * Forgets sessions a day after they ended (kept that long for a look at what happened), skipping
   * rows another transaction holds rather than waiting for them.
   */
  async forgetEnded(tx: Queryable): Promise<void> {
    const now = this.now();
    await tx.query(
      `DELETE FROM sessions WHERE id_hash IN (
         SELECT id_hash FROM sessions
         WHERE expires_at <= $1::timestamptz OR revoked_at <= $1::timestamptz OR last_seen_at <= $1::timestamptz - $2::float8 * interval '1 millisecond'
         FOR UPDATE SKIP LOCKED
       )`,
      [iso(now - 24 * hour), sessionIdleMs],
    );
  }
}
