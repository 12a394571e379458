/**
 * Inside a portal: the portal signs in its clients itself and vouches for one with a short-lived
 * JWT, sent as `Authorization: Bearer <jwt>`, which this server checks with `jose` against the
 * portal's public key (PORTAL_JWT_PUBLIC_KEY, SPKI PEM) or keys (PORTAL_JWT_JWKS_FILE):
 *
 * - the signature, with an algorithm from PORTAL_JWT_ALGORITHMS (public-key algorithms only, so
 *   never HS256 keyed with the public key, never `none`), narrowed to those the key can verify;
 * - `iss` and `aud` exactly as configured;
 * - `exp`, `iat` and `sub` present; not expired, not before `nbf`, not issued in the future (30
 *   seconds of clock difference allowed), and `exp − iat` at most one hour, so a token that leaks
 *   is worth little;
 * - `sub`, the client's id in the seed file (checked by the caller), and `role`: absent or
 *   `"client"` for a client, `"staff"` for the practice's staff (`sub` is then the portal's id for
 *   them); a staff token may carry `provider`, a provider id that limits it to that therapist's
 *   appointments and hours.
 *
 * The key is read and checked at start; a key that cannot serve stops the start with one line.
 */
import { type KeyObject, createPublicKey } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { type JSONWebKeySet, type JWTVerifyOptions, createLocalJWKSet, errors, jwtVerify } from 'jose';
import { ConfigError, type PortalJwtConfig } from '../config.js';

/** The longest a portal's token may be valid: `exp − iat` ≤ 1 hour. */
export const maxTokenLifetimeSeconds = 60 * 60;
/** Clock difference allowed between the portal and this server. */
export const clockToleranceSeconds = 30;

export interface PortalClaims {
  sub: string;
  role: 'client' | 'staff';
  /** For staff: the one therapist (provider id) the token is limited to; the whole practice without. */
  provider?: string;
}

/** The claims, or why the token was refused (an error code for the log, never the token or a claim's value). */
export type PortalVerdict = { claims: PortalClaims } | { refused: string };

export interface PortalVerifier {
  verify(token: string, now: number): Promise<PortalVerdict>;
}

/** Whether a bearer token is shaped as a JWS (three base64url parts); anything else is no JWT. */
export function looksLikeJwt(token: string): boolean {
  return /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*$/.test(token);
}

/** The algorithms a public key can verify. */
function algorithmsOf(key: KeyObject): string[] {
  switch (key.asymmetricKeyType) {
    case 'rsa':
      return ['RS256', 'RS384', 'RS512', 'PS256', 'PS384', 'PS512'];
    case 'rsa-pss':
      return ['PS256', 'PS384', 'PS512'];
    case 'ec':
      return { prime256v1: ['ES256'], secp384r1: ['ES384'], secp521r1: ['ES512'] }[key.asymmetricKeyDetails?.namedCurve ?? ''] ?? [];
    case 'ed25519':
      return ['EdDSA', 'Ed25519'];
    default:
      return [];
  }
}

function publicKeyFrom(pem: string, algorithms: readonly string[]): { key: KeyObject; algorithms: string[] } {
  const variable = 'PORTAL_JWT_PUBLIC_KEY';
  if (!/-----BEGIN PUBLIC KEY-----/.test(pem) || /PRIVATE KEY-----/.test(pem)) {
    throw new ConfigError(`${variable}: not a public key in SPKI PEM (-----BEGIN PUBLIC KEY----- … -----END PUBLIC KEY-----)`);
  }
  let key: KeyObject;
  try {
    key = createPublicKey({ key: pem, format: 'pem' });
  } catch {
    throw new ConfigError(`${variable}: the PEM cannot be read as a public key`);
  }
  const usable = algorithms.filter((algorithm) => algorithmsOf(key).includes(algorithm));
  if (!usable.length) {
    throw new ConfigError(`${variable}: an ${key.asymmetricKeyType ?? 'unknown'} key cannot verify ${algorithms.join(', ')} (PORTAL_JWT_ALGORITHMS)`);
  }
  return { key, algorithms: usable };
}

function keySetFrom(file: string): ReturnType<typeof createLocalJWKSet> {
  const variable = 'PORTAL_JWT_JWKS_FILE';
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new ConfigError(`${variable}: ${file}: cannot be read (${(error as NodeJS.ErrnoException).code ?? String(error)})`);
  }
  let set: JSONWebKeySet;
  try {
    set = JSON.parse(text);
  } catch {
    throw new ConfigError(`${variable}: ${file}: not JSON`);
  }
  if (!set || !Array.isArray(set.keys) || !set.keys.length) throw new ConfigError(`${variable}: ${file}: not a JSON Web Key Set ({ "keys": [ … ] })`);
  const secret = set.keys.findIndex((jwk) => !jwk || typeof jwk !== 'object' || 'd' in jwk || 'k' in jwk || jwk.kty === 'oct');
  if (secret >= 0) throw new ConfigError(`${variable}: ${file}: keys[${secret}] is a private or shared secret key; give the portal's public keys only`);
  try {
    return createLocalJWKSet(set);
  } catch {
    throw new ConfigError(`${variable}: ${file}: not a JSON Web Key Set ({ "keys": [ … ] })`);
  }
}

/** Why jose refused a token, as a code (and the claim, for a claim). */
function refusalOf(error: unknown): string {
  if (error instanceof errors.JWTClaimValidationFailed || error instanceof errors.JWTExpired) return `${error.code}:${error.claim}`;
  if (error instanceof errors.JOSEError) return error.code;
  return 'invalid';
}

/** The verifier for a portal's tokens; throws a ConfigError (one line) for a key that cannot serve. */
export function portalVerifierFrom(config: PortalJwtConfig): PortalVerifier {
  const fromPem = config.publicKey !== undefined ? publicKeyFrom(config.publicKey, config.algorithms) : undefined;
  const keySet = fromPem ? undefined : keySetFrom(config.jwksFile!);
  const algorithms = fromPem?.algorithms ?? config.algorithms;
  return {
    async verify(token, now) {
      const options: JWTVerifyOptions = {
        issuer: config.issuer,
        audience: config.audience,
        algorithms,
        currentDate: new Date(now),
        clockTolerance: clockToleranceSeconds,
        requiredClaims: ['exp', 'iat', 'sub'],
      };
      let payload;
      try {
        ({ payload } = fromPem ? await jwtVerify(token, fromPem.key, options) : await jwtVerify(token, keySet!, options));
      } catch (error) {
        return { refused: refusalOf(error) };
      }
      const { sub, iat, exp, role, provider } = payload as { sub?: unknown; iat?: unknown; exp?: unknown; role?: unknown; provider?: unknown };
      if (typeof iat !== 'number' || typeof exp !== 'number') return { refused: 'times' };
      if (iat > now / 1000 + clockToleranceSeconds) return { refused: 'issued-in-the-future' };
      if (exp - iat > maxTokenLifetimeSeconds) return { refused: 'lifetime-too-long' };
      // PostgreSQL text cannot hold U+0000: such an id could name no one, and would fail a statement.
      if (typeof sub !== 'string' || !sub || sub.length > 255 || sub.includes('\u0000')) return { refused: 'sub' };
      if (role !== undefined && role !== 'client' && role !== 'staff') return { refused: 'role' };
      // A malformed `provider` is refused, never read as "no limit" (which would be the whole practice).
      if (provider !== undefined && (role !== 'staff' || typeof provider !== 'string' || !provider || provider.length > 255 || provider.includes('\u0000'))) return { refused: 'provider' };
      return { claims: { sub, role: role ?? 'client', ...(provider !== undefined ? { provider } : {}) } };
    },
  };
}
