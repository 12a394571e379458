/**
 * Who the client is. Two ways, either or both (docs/rest-api.md, Authentication):
 *
 * - A session cookie, from sign-in by e-mail link (email-link.ts, sessions.ts), for a practice
 *   site without a portal. On when SIGN_IN_URL is set.
 * - `Authorization: Bearer <jwt>`, a portal's signed statement of its signed-in client
 *   (portal-jwt.ts). On when PORTAL_JWT_* is set.
 *
 * And who a member of staff is (the practice API): the staff session cookie, from sign-in with a
 * password (staff.ts), or a portal's JWT with `role: "staff"`.
 *
 * With DEMO=1 (only), the demo's stand-in works too: a bearer client id or the `demo-client`
 * cookie (demo-stand-in.ts). A request with an `Authorization: Bearer` header is judged by it
 * alone; without one, by its cookies. An unsafe request a cookie authenticates must come from an
 * allowed origin (csrf.ts).
 */
import type { Context } from 'hono';
import { getCookie } from 'hono/cookie';
import { BookingError } from 'self-schedule-elements/adapters';
import type { ServerConfig } from '../config.js';
import type { Database } from '../database/database.js';
import type { LogFields, Logger } from '../log.js';
import { type OriginPolicy, crossSiteRefused, fromAllowedOrigin } from './csrf.js';
import { demoCookieClientId } from './demo-stand-in.js';
import { EmailLinkSignIn } from './email-link.js';
import { type PortalVerifier, looksLikeJwt, portalVerifierFrom } from './portal-jwt.js';
import type { Credential, Principal, StaffPrincipal } from './principal.js';
import { type SessionCookie, Sessions, sessionCookie, staffSessions } from './sessions.js';
import { StaffAccounts } from './staff.js';

export type { Principal } from './principal.js';

/** What identity needs of the configuration, checked at start (before the database is opened). */
export interface IdentitySettings {
  demo: boolean;
  signInUrl?: string;
  /** Whether the session cookie is `Secure`: the server's public URL (or else the sign-in page) is https. */
  secureCookie: boolean;
  origins: OriginPolicy;
  trustedProxies: readonly string[];
  portal?: PortalVerifier;
}

const originOf = (url: string) => (URL.canParse(url) ? new URL(url).origin : url);

/**
 * The settings from the server's configuration. Reads and checks the portal's key; a key that
 * cannot serve throws a ConfigError (one line, naming the variable).
 */
export function identitySettingsFrom(config: Pick<ServerConfig, 'demo' | 'publicUrl' | 'signInUrl' | 'corsOrigins' | 'trustedProxies' | 'portalJwt'>): IdentitySettings {
  const publicUrl = config.publicUrl ?? config.signInUrl;
  const allowed = new Set([...(publicUrl ? [publicUrl] : []), ...(config.signInUrl ? [config.signInUrl] : []), ...config.corsOrigins].map(originOf));
  return {
    demo: config.demo,
    ...(config.signInUrl ? { signInUrl: config.signInUrl } : {}),
    secureCookie: publicUrl?.startsWith('https:') ?? false,
    origins: { allowed, ownFromRequest: !publicUrl },
    trustedProxies: config.trustedProxies ?? [],
    ...(config.portalJwt ? { portal: portalVerifierFrom(config.portalJwt) } : {}),
  };
}

/** The start's log line about identity: which ways are on, and a warning for the demo's stand-in. */
export function logIdentity(logger: Logger, settings: IdentitySettings): void {
  const fields: LogFields = { emailLink: Boolean(settings.signInUrl), portalJwt: Boolean(settings.portal), demoStandIn: settings.demo };
  if (settings.demo) {
    logger.log('warn', 'identity', {
      ...fields,
      note: 'DEMO=1: a bearer client id or the demo-client cookie signs anyone in as that client, and anyone may reset the practice; never on a real practice.',
    });
  } else if (!settings.signInUrl && !settings.portal) {
    logger.log('warn', 'identity', { ...fields, note: 'No way to sign in is configured (SIGN_IN_URL or PORTAL_JWT_*): every client route answers 401.' });
  } else {
    logger.log('info', 'identity', fields);
  }
}

const unauthorized = () => new BookingError('unauthorized', 'Please sign in to book appointments.', { status: 401 });
const staffUnauthorized = () => new BookingError('unauthorized', 'Please sign in as a member of the practice’s staff.', { status: 401 });

type Authenticated = { principal: Principal; credential: Credential };

export class Identity {
  readonly sessions: Sessions;
  readonly cookie: SessionCookie;
  /** Sign-in by e-mail link; undefined when SIGN_IN_URL is not set. */
  readonly emailLink?: EmailLinkSignIn;
  /** The staff's sign-in with a password, and their sessions. */
  readonly staff: StaffAccounts;
  readonly staffCookie: SessionCookie;

  constructor(
    private readonly db: Database,
    readonly settings: IdentitySettings,
    private readonly logger: Logger,
    private readonly now: () => number = Date.now,
    /** Called once a sign-in e-mail is in the outbox (the mail worker's nudge). */
    onNoticesWritten?: () => void,
  ) {
    this.sessions = new Sessions(db, now);
    this.cookie = sessionCookie(settings.secureCookie);
    if (settings.signInUrl) this.emailLink = new EmailLinkSignIn(db, this.sessions, settings.signInUrl, now, onNoticesWritten);
    this.staff = new StaffAccounts(db, now);
    this.staffCookie = sessionCookie(settings.secureCookie, { name: 'ss-staff', sameSite: 'Strict', maxMs: staffSessions.maxMs });
  }

  /** The session id the request's cookie carries, if any. */
  sessionIdOf(c: Context): string | undefined {
    return getCookie(c, this.cookie.name) ?? undefined;
  }

  /** The staff session id the request's staff cookie carries, if any. */
  staffSessionIdOf(c: Context): string | undefined {
    return getCookie(c, this.staffCookie.name) ?? undefined;
  }

  /**
   * Whether an unsafe request may act: from an allowed origin, or, when it carries no cookie of
   * ours, from nowhere foreign. Throws the 403.
   */
  checkOrigin(c: Context, cookie: boolean): void {
    if (!fromAllowedOrigin(c, this.settings.origins, cookie)) throw crossSiteRefused();
  }

  /**
   * Who the request is from, with how it said so; undefined for nobody the server believes. A
   * browser may hold a client's and a staff cookie at once: the one the route is for (`want`) is
   * read first.
   */
  async authenticate(c: Context, want: Principal['kind'] = 'client'): Promise<Authenticated | undefined> {
    const bearer = /^Bearer (\S+)$/.exec(c.req.header('Authorization') ?? '')?.[1];
    if (bearer !== undefined) {
      const principal = await this.fromBearer(bearer);
      return principal && { principal, credential: 'bearer' };
    }
    const byCookie = want === 'staff' ? [this.staffByCookie, this.clientByCookie] : [this.clientByCookie, this.staffByCookie];
    for (const read of byCookie) {
      const found = await read.call(this, c);
      if (found) return found;
    }
    return undefined;
  }

  private async clientByCookie(c: Context): Promise<Authenticated | undefined> {
    const sessionId = this.sessionIdOf(c);
    if (sessionId !== undefined) {
      const clientId = await this.sessions.ownerOf(sessionId);
      return clientId === undefined ? undefined : { principal: { kind: 'client', clientId, via: 'session' }, credential: 'cookie' };
    }
    if (this.settings.demo) {
      const clientId = demoCookieClientId(c);
      if (clientId !== undefined && (await this.isClient(clientId))) return { principal: { kind: 'client', clientId, via: 'demo' }, credential: 'cookie' };
    }
    return undefined;
  }

  private async staffByCookie(c: Context): Promise<Authenticated | undefined> {
    const principal = await this.staff.fromSession(this.staffSessionIdOf(c));
    return principal && { principal, credential: 'cookie' };
  }

  /** The signed-in member of staff; 401 for nobody, 403 for a client or for a cross-site unsafe request by cookie. */
  async staffOf(c: Context): Promise<StaffPrincipal> {
    const found = await this.authenticate(c, 'staff');
    if (!found) throw staffUnauthorized();
    if (found.credential === 'cookie') this.checkOrigin(c, true);
    if (found.principal.kind !== 'staff') {
      throw new BookingError('forbidden', 'This is for the practice’s staff; clients sign in on the practice’s booking page.', { status: 403 });
    }
    return found.principal;
  }

  /** The signed-in client's id; 401 for nobody, 403 for staff or for a cross-site unsafe request by cookie. */
  async clientOf(c: Context): Promise<string> {
    const found = await this.authenticate(c);
    if (!found) throw unauthorized();
    if (found.credential === 'cookie') this.checkOrigin(c, true);
    if (found.principal.kind !== 'client') {
      throw new BookingError('forbidden', 'This is for the practice’s clients; staff sign in elsewhere.', { status: 403 });
    }
    return found.principal.clientId;
  }

  /** A client's id and name (what the sign-in routes answer). */
  async client(clientId: string): Promise<{ id: string; name: string }> {
    const [client] = await this.db.query<{ id: string; name: string }>('SELECT id, name FROM clients WHERE id = $1', [clientId]);
    if (!client) throw unauthorized();
    return client;
  }

  /** Revokes the session the cookie names, if it is one; the client it was. */
  signOut(sessionId: string | undefined): Promise<string | undefined> {
    return this.sessions.revoke(this.db, sessionId);
  }

  /** Revokes the staff session the staff cookie names, if it is one; the member of staff it was. */
  signOutStaff(sessionId: string | undefined): Promise<string | undefined> {
    return this.staff.sessions.revoke(this.db, sessionId);
  }

  private async fromBearer(token: string): Promise<Principal | undefined> {
    if (this.settings.portal && looksLikeJwt(token)) {
      const verdict = await this.settings.portal.verify(token, this.now());
      if ('refused' in verdict) {
        this.logger.log('info', 'sign-in-refused', { via: 'portal', reason: verdict.refused });
        return undefined;
      }
      const { sub, role, provider } = verdict.claims;
      if (role === 'staff') return { kind: 'staff', staffId: sub, ...(provider !== undefined ? { providerId: provider } : {}), via: 'portal' };
      if (await this.isClient(sub)) return { kind: 'client', clientId: sub, via: 'portal' };
      this.logger.log('info', 'sign-in-refused', { via: 'portal', reason: 'unknown-sub' });
      return undefined;
    }
    if (this.settings.demo && (await this.isClient(token))) return { kind: 'client', clientId: token, via: 'demo' };
    return undefined;
  }

  private async isClient(clientId: string): Promise<boolean> {
    // PostgreSQL text cannot hold U+0000: such an id names nobody.
    if (clientId.includes('\u0000')) return false;
    return (await this.db.query('SELECT 1 FROM clients WHERE id = $1', [clientId])).length > 0;
  }
}
