/**
 * Who a request is from, once the server believes it. Clients are the practice's patients: a
 * session cookie (sign-in by e-mail link), a portal's JWT, or (DEMO=1 only) the demo's stand-in
 * names one. Staff are reserved: a portal's JWT with `role: "staff"` says so, but no route takes
 * staff yet, and the client routes refuse them (403).
 */
export type Principal = ClientPrincipal | StaffPrincipal;

export interface ClientPrincipal {
  kind: 'client';
  /** A client of the seed file (checked against the database). */
  clientId: string;
  via: 'session' | 'portal' | 'demo';
}

export interface StaffPrincipal {
  kind: 'staff';
  /** The portal's id for the staff member (`sub`); not checked against anything yet. */
  staffId: string;
  via: 'portal';
}

/**
 * How the credential came: a browser sends a cookie by itself, even on a request another site
 * starts, so an unsafe request that a cookie authenticates is checked for where it came from
 * (csrf.ts). A bearer token is sent only by script that holds it.
 */
export type Credential = 'cookie' | 'bearer';
