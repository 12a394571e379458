/**
 * Sessions: what a browser holds after signing in, a client by e-mail link (`sessions`) or a
 * member of staff by password (`staff_sessions`, with shorter limits). The cookie carries a random
 * id (secrets.ts); the database keeps its SHA-256, whose it is, when it was last used and when it
 * ends. A session works while it is not revoked (sign-out, or a new sign-in in the same browser),
 * has been used within the idle limit and is younger than the absolute limit. Every sign-in makes
 * a new id.
 */
import type { Queryable } from '../database/database.js';
import { isSecretShaped, randomSecret, sha256 } from './secrets.js';

const minute = 60_000;
const hour = 60 * minute;

/** A client's session unused this long has ended: 12 hours. */
export const sessionIdleMs = 12 * hour;
/** A client's session ends this long after sign-in however much it is used: 7 days. */
export const sessionMaxMs = 7 * 24 * hour;

/** Where one kind of session is kept, and how long it lasts. */
export interface SessionKind {
  table: 'sessions' | 'staff_sessions';
  /** The column naming whose session it is. */
  owner: 'client_id' | 'staff_id';
  idleMs: number;
  maxMs: number;
}

export const clientSessions: SessionKind = { table: 'sessions', owner: 'client_id', idleMs: sessionIdleMs, maxMs: sessionMaxMs };
/** Staff see every client's appointments: their sessions end after 30 idle minutes, and 12 hours at most. */
export const staffSessions: SessionKind = { table: 'staff_sessions', owner: 'staff_id', idleMs: 30 * minute, maxMs: 12 * hour };
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
 * subdomain can set or shadow it. The staff's cookie (`ss-staff`) is `SameSite=Strict`: a staff
 * page is never reached by a link from another site with the session in it.
 */
export function sessionCookie(secure: boolean, { name: bare, sameSite, maxMs }: { name: string; sameSite: 'Lax' | 'Strict'; maxMs: number } = { name: 'ss-session', sameSite: 'Lax', maxMs: sessionMaxMs }): SessionCookie {
  const name = secure ? `__Host-${bare}` : bare;
  const attributes = `Path=/; HttpOnly; SameSite=${sameSite}${secure ? '; Secure' : ''}`;
  return {
    name,
    set: (id) => `${name}=${id}; Max-Age=${maxMs / 1000}; ${attributes}`,
    clear: () => `${name}=; Max-Age=0; ${attributes}`,
  };
}

export class Sessions {
  constructor(
    private readonly db: Queryable,
    private readonly now: () => number,
    private readonly kind: SessionKind = clientSessions,
  ) {}

  /** Starts a session for `ownerId` (a client, or a member of staff) in `tx`; the id to put in the cookie. */
  async start(tx: Queryable, ownerId: string): Promise<string> {
    const id = randomSecret();
    const now = this.now();
    const { table, owner, maxMs } = this.kind;
    await tx.query(
      `INSERT INTO ${table} (id_hash, ${owner}, created_at, last_seen_at, expires_at) VALUES ($1, $2, $3, $3, $4)`,
      [sha256(id), ownerId, iso(now), iso(now + maxMs)],
    );
    return id;
  }

  /** Whose a session that still works is (and notes that it was used); undefined otherwise. */
  async ownerOf(id: string | undefined): Promise<string | undefined> {
    if (!isSecretShaped(id)) return undefined;
    const now = this.now();
    const { table, owner, idleMs } = this.kind;
    const [session] = await this.db.query<{ ownerId: string; stale: boolean }>(
      `SELECT ${owner} AS "ownerId", last_seen_at <= $2::timestamptz - $4::float8 * interval '1 millisecond' AS stale
       FROM ${table}
       WHERE id_hash = $1 AND revoked_at IS NULL AND expires_at > $2::timestamptz
         AND last_seen_at > $2::timestamptz - $3::float8 * interval '1 millisecond'`,
      [sha256(id), iso(now), idleMs, touchEveryMs],
    );
    if (!session) return undefined;
    if (session.stale) {
      await this.db.query(`UPDATE ${table} SET last_seen_at = greatest(last_seen_at, $2::timestamptz) WHERE id_hash = $1`, [sha256(id), iso(now)]);
    }
    return session.ownerId;
  }

  /** Ends a session for good (sign-out, or a new sign-in in its browser); whose it was, if it was one. */
  async revoke(tx: Queryable, id: string | undefined): Promise<string | undefined> {
    if (!isSecretShaped(id)) return undefined;
    const { table, owner } = this.kind;
    const [revoked] = await tx.query<{ ownerId: string }>(
      `UPDATE ${table} SET revoked_at = $2 WHERE id_hash = $1 AND revoked_at IS NULL RETURNING ${owner} AS "ownerId"`,
      [sha256(id), iso(this.now())],
    );
    return revoked?.ownerId;
  }

  /**
   * Forgets sessions a day after they ended (kept that long for a look at what happened), skipping
   * rows another transaction holds rather than waiting for them.
   */
  async forgetEnded(tx: Queryable): Promise<void> {
    const now = this.now();
    const { table, idleMs } = this.kind;
    await tx.query(
      `DELETE FROM ${table} WHERE id_hash IN (
         SELECT id_hash FROM ${table}
         WHERE expires_at <= $1::timestamptz OR revoked_at <= $1::timestamptz OR last_seen_at <= $1::timestamptz - $2::float8 * interval '1 millisecond'
         FOR UPDATE SKIP LOCKED
       )`,
      [iso(now - 24 * hour), idleMs],
    );
  }
}
