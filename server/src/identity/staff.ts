/**
 * The practice's staff signing in with a password (the seed file's `staff`, passwords kept as
 * scrypt hashes, passwords.ts):
 *
 * - Every attempt is counted first, per address and per IP, in the database (rate-limit.ts), so
 *   guessing is slow across every server process; over the limit nothing else is done.
 * - A wrong password and an address that is no member of staff's take the same statements and
 *   the same scrypt work (a dummy hash stands in), and get the same answer.
 * - A sign-in starts a new session (sessions.ts, `staff_sessions`: 30 minutes idle, 12 hours at
 *   most) and revokes the one the browser presented, so an id seen before sign-in is worth nothing.
 */
import type { StaffMember } from 'self-schedule-elements/model';
import type { Database } from '../database/database.js';
import { rateLimitWindowMs } from './email-link.js';
import { dummyHash, verifyPassword } from './passwords.js';
import type { StaffPrincipal } from './principal.js';
import { bucketOf, countRequest, forgetEndedWindows } from './rate-limit.js';
import { Sessions, staffSessions } from './sessions.js';

/** Sign-in attempts per address in one window (15 minutes). */
export const staffSignInsPerAddress = 10;
/** Sign-in attempts per IP address in one window: an office behind one address has a few staff. */
export const staffSignInsPerIp = 30;

export type StaffSignInOutcome =
  | { signedIn: { sessionId: string; staff: StaffMember } }
  | { refused: 'password' }
  | { refused: 'address' | 'ip'; retryAfterSeconds: number };

interface StaffRow {
  id: string;
  name: string;
  email: string;
  providerId: string | null;
}

const memberOf = ({ providerId, ...row }: StaffRow): StaffMember => ({ ...row, ...(providerId ? { providerId } : {}) });

export class StaffAccounts {
  readonly sessions: Sessions;

  constructor(
    private readonly db: Database,
    private readonly now: () => number,
  ) {
    this.sessions = new Sessions(db, now, staffSessions);
    // Made now, so the first unknown address does not take longer than a known one.
    void dummyHash();
  }

  async signIn(email: string, password: string, ip: string | undefined, presentedSession: string | undefined): Promise<StaffSignInOutcome> {
    const counted = await this.db.transaction(async (tx) => {
      const now = this.now();
      await forgetEndedWindows(tx, rateLimitWindowMs, now);
      return countRequest(
        tx,
        [
          { bucket: bucketOf('address', `staff:${email.toLowerCase()}`), limit: staffSignInsPerAddress },
          { bucket: bucketOf('ip', `staff:${ip ?? 'unknown'}`), limit: staffSignInsPerIp },
        ],
        rateLimitWindowMs,
        now,
      );
    });
    if (!counted.allowed) return { refused: counted.exceeded as 'address' | 'ip', retryAfterSeconds: counted.retryAfterSeconds };
    // PostgreSQL text cannot hold U+0000: such an address is nobody's (and costs the same scrypt work below).
    const [found] = email.includes('\u0000')
      ? []
      : await this.db.query<StaffRow & { passwordHash: string }>(
          `SELECT id, name, email, provider_id AS "providerId", password_hash AS "passwordHash" FROM staff WHERE lower(email) = lower($1)`,
          [email],
        );
    // The same scrypt work whether or not the address is a member of staff's.
    const matches = await verifyPassword(password, found?.passwordHash ?? (await dummyHash()));
    if (!found || !matches) return { refused: 'password' };
    const sessionId = await this.db.transaction(async (tx) => {
      await this.sessions.revoke(tx, presentedSession);
      await this.sessions.forgetEnded(tx);
      return this.sessions.start(tx, found.id);
    });
    const { passwordHash: _hash, ...member } = found;
    return { signedIn: { sessionId, staff: memberOf(member) } };
  }

  /** The member of staff a working session belongs to, as a principal; undefined otherwise. */
  async fromSession(sessionId: string | undefined): Promise<StaffPrincipal | undefined> {
    const staffId = await this.sessions.ownerOf(sessionId);
    const member = staffId === undefined ? undefined : await this.member(staffId);
    return member && { kind: 'staff', staffId: member.id, ...(member.providerId ? { providerId: member.providerId } : {}), via: 'session' };
  }

  /** A member of staff of the seed file, by id. */
  async member(staffId: string): Promise<StaffMember | undefined> {
    if (staffId.includes('\u0000')) return undefined;
    const [row] = await this.db.query<StaffRow>('SELECT id, name, email, provider_id AS "providerId" FROM staff WHERE id = $1', [staffId]);
    return row && memberOf(row);
  }
}
