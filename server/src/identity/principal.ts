/**
 * Who a request is from, once the server believes it. Clients are the practice's patients: a
 * session cookie (sign-in by e-mail link), a portal's JWT, or (DEMO=1 only) the demo's stand-in
 * names one. Staff use the practice API (`/practice/…`): a staff session cookie (sign-in with a
 * password) or a portal's JWT with `role: "staff"` names one; the client routes refuse them (403),
 * as the practice routes refuse clients.
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
  /** A row of `staff` (session), or the portal's id for the member of staff (`sub`, not checked further). */
  staffId: string;
  /** A therapist's own provider id: they see and change only their own. The front desk has none. */
  providerId?: string;
  via: 'session' | 'portal';
}

/**
 * How the credential came: a browser sends a cookie by itself, even on a request another site
 * starts, so an unsafe request that a cookie authenticates is checked for where it came from
 * (csrf.ts). A bearer token is sent only by script that holds it.
 */
export type Credential = 'cookie' | 'bearer';
