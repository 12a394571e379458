/** The server's settings, from environment variables, checked once at start with a clear message. */
import { isIP } from 'node:net';
import { fileURLToPath } from 'node:url';
import * as z from 'zod/mini';

export const demoSeedFile = fileURLToPath(new URL('../seed/demo-practice.json', import.meta.url));

const flag = z.pipe(z.optional(z.enum(['0', '1', 'true', 'false', ''])), z.transform((value) => value === '1' || value === 'true'));
/** A whole number from `min` to `max`, `fallback` when unset. */
const wholeNumber = (fallback: number, min: number, max: number) =>
  z.pipe(
    z.optional(z.string()),
    z.transform((value, context) => {
      const number = value === undefined || value === '' ? fallback : Number(value);
      if (!Number.isInteger(number) || number < min || number > max) {
        context.issues.push({ code: 'custom', message: `a whole number from ${min} to ${max}`, input: value });
      }
      return number;
    }),
  );

/** Unset when empty. */
const optionalText = z.pipe(z.optional(z.string()), z.transform((value) => (value ? value : undefined)));
/** An http(s) URL without a fragment, unset when empty. */
const httpUrl = z.pipe(
  optionalText,
  z.transform((value, context) => {
    if (value === undefined) return undefined;
    const url = URL.canParse(value) ? new URL(value) : undefined;
    if (!url || !/^https?:$/.test(url.protocol) || url.hash || value.includes('#')) {
      context.issues.push({ code: 'custom', message: 'an http:// or https:// URL without a #fragment', input: value });
    }
    return value;
  }),
);

/** The public-key algorithms a portal's JWT may be signed with: no shared secrets (HS*), never `none`. */
export const portalJwtAlgorithms = ['RS256', 'RS384', 'RS512', 'PS256', 'PS384', 'PS512', 'ES256', 'ES384', 'ES512', 'EdDSA', 'Ed25519'] as const;

/** The SMTP server as an smtp:// or smtps:// URL, unset when empty. Its text is never repeated in an error: it may hold a password. */
const smtpUrl = z.pipe(
  z.optional(z.string()),
  z.transform((value, context) => {
    if (!value) return undefined;
    if (!URL.canParse(value) || !/^smtps?:$/.test(new URL(value).protocol)) {
      context.issues.push({ code: 'custom', message: 'an smtp:// or smtps:// URL, e.g. smtp://user:password@smtp.example:587', input: '' });
    }
    return value;
  }),
);
/** A sender, `name@domain` or `Name <name@domain>`, unset when empty. */
const mailFrom = z.pipe(
  z.optional(z.string()),
  z.transform((value, context) => {
    if (!value) return undefined;
    if (!/^(?:[^<>]*<[^\s<>@]+@[^\s<>@]+>|[^\s<>@]+@[^\s<>@]+)$/.test(value.trim())) {
      context.issues.push({ code: 'custom', message: 'an address, e.g. "Riverside Counseling <no-reply@riverside.example>"', input: value });
    }
    return value.trim();
  }),
);

const environmentSchema = z.object({
  PORT: wholeNumber(8787, 0, 65535),
  HOST: z._default(z.string(), '127.0.0.1'),
  DATABASE_URL: z.optional(z.string().check(z.regex(/^postgres(ql)?:\/\//, 'a postgres:// URL'))),
  DATA_DIR: z._default(z.string(), './self-schedule-data'),
  SEED_FILE: z._default(z.string(), demoSeedFile),
  API_BASE_PATH: z._default(z.string().check(z.regex(/^\/[\w/-]*$/, 'a path starting with /')), '/api'),
  CORS_ORIGINS: z._default(z.string(), ''),
  MAX_BODY_BYTES: wholeNumber(16 * 1024, 1, 16 * 1024 * 1024),
  SHUTDOWN_TIMEOUT_MS: wholeNumber(10_000, 1, 10 * 60_000),
  DEMO: flag,
  // E-mail (server/src/mail/).
  SMTP_URL: smtpUrl,
  MAIL_FROM: mailFrom,
  // Client identity (server/src/identity/).
  PUBLIC_URL: httpUrl,
  SIGN_IN_URL: httpUrl,
  TRUSTED_PROXIES: z._default(z.string(), ''),
  PORTAL_JWT_ISSUER: optionalText,
  PORTAL_JWT_AUDIENCE: optionalText,
  PORTAL_JWT_ALGORITHMS: optionalText,
  PORTAL_JWT_PUBLIC_KEY: optionalText,
  PORTAL_JWT_JWKS_FILE: optionalText,
});

/** How the server checks a portal's signed statement of who its signed-in client is. */
export interface PortalJwtConfig {
  /** The `iss` every token must carry. */
  issuer: string;
  /** The `aud` every token must carry (this server). */
  audience: string;
  /** The algorithms taken, from `portalJwtAlgorithms`. */
  algorithms: string[];
  /** The portal's public key as SPKI PEM (`-----BEGIN PUBLIC KEY-----`); or `jwksFile`. */
  publicKey?: string;
  /** A JSON Web Key Set file with the portal's public keys (chosen by `kid`); or `publicKey`. */
  jwksFile?: string;
}

export interface ServerConfig {
  port: number;
  host: string;
  /** PostgreSQL when set; otherwise PGlite in `dataDir` (`:memory:` keeps it in memory). */
  databaseUrl?: string;
  dataDir: string;
  seedFile: string;
  basePath: string;
  corsOrigins: string[];
  maxBodyBytes: number;
  shutdownTimeoutMs: number;
  /**
   * The demo's stand-in identity (a bearer client id or the `demo-client` cookie) and its
   * unauthenticated `POST /practice/demo/reset`. Never on a real practice.
   */
  demo: boolean;
  /** The SMTP server the outbox's notices are sent through; unset, nothing is sent (the demo: the outbox is the mailbox). */
  smtpUrl?: string;
  /** The notices' sender; unset, the practice's name and address from the seed file. */
  mailFrom?: string;
  /**
   * The URL browsers reach the API at. Its origin is the server's own in the cross-site check of
   * cookie sessions, and https makes the session cookie `Secure`. Unset: SIGN_IN_URL's origin, or
   * else the request's own.
   */
  publicUrl?: string;
  /**
   * The practice's page with the elements, where a sign-in link leads (`#ss-sign-in=<token>`).
   * Sign-in by e-mail link is offered exactly when it is set.
   */
  signInUrl?: string;
  /** Reverse proxies (IP addresses) whose `X-Forwarded-For` is believed for the per-IP rate limit; none by default. */
  trustedProxies?: string[];
  /** Clients vouched for by a portal's JWT; off when unset. */
  portalJwt?: PortalJwtConfig;
}

export class ConfigError extends Error {
  override name = 'ConfigError';
}

export function configFromEnvironment(env: NodeJS.ProcessEnv = process.env): ServerConfig {
  const parsed = environmentSchema.safeParse(env);
  if (!parsed.success) {
    const [issue] = parsed.error.issues;
    throw new ConfigError(`${issue.path.join('.')}: ${issue.message}`);
  }
  const e = parsed.data;
  const trustedProxies = e.TRUSTED_PROXIES.split(',').map((address) => address.trim()).filter(Boolean);
  const notAnAddress = trustedProxies.find((address) => !isIP(address));
  if (notAnAddress !== undefined) throw new ConfigError(`TRUSTED_PROXIES: "${notAnAddress}" is not an IP address`);
  return {
    port: e.PORT,
    host: e.HOST,
    ...(e.DATABASE_URL ? { databaseUrl: e.DATABASE_URL } : {}),
    dataDir: e.DATA_DIR,
    seedFile: e.SEED_FILE,
    basePath: e.API_BASE_PATH,
    corsOrigins: e.CORS_ORIGINS.split(',').map((origin) => origin.trim()).filter(Boolean),
    maxBodyBytes: e.MAX_BODY_BYTES,
    shutdownTimeoutMs: e.SHUTDOWN_TIMEOUT_MS,
    demo: e.DEMO,
    ...(e.SMTP_URL ? { smtpUrl: e.SMTP_URL } : {}),
    ...(e.MAIL_FROM ? { mailFrom: e.MAIL_FROM } : {}),
    ...(e.PUBLIC_URL ? { publicUrl: e.PUBLIC_URL } : {}),
    ...(e.SIGN_IN_URL ? { signInUrl: e.SIGN_IN_URL } : {}),
    trustedProxies,
    ...portalJwtFrom(e),
  };
}

/** The portal JWT settings: all or nothing, one key source, public-key algorithms only. */
function portalJwtFrom(e: z.infer<typeof environmentSchema>): { portalJwt?: PortalJwtConfig } {
  const { PORTAL_JWT_ISSUER: issuer, PORTAL_JWT_AUDIENCE: audience, PORTAL_JWT_PUBLIC_KEY: publicKey, PORTAL_JWT_JWKS_FILE: jwksFile } = e;
  if (!issuer && !audience && !publicKey && !jwksFile && !e.PORTAL_JWT_ALGORITHMS) return {};
  if (!issuer) throw new ConfigError('PORTAL_JWT_ISSUER: required to accept a portal\'s JWT (the `iss` its tokens carry)');
  if (!audience) throw new ConfigError('PORTAL_JWT_AUDIENCE: required to accept a portal\'s JWT (the `aud` its tokens carry for this server)');
  if (!publicKey === !jwksFile) throw new ConfigError('PORTAL_JWT_PUBLIC_KEY: give the portal\'s public key either here (SPKI PEM) or as PORTAL_JWT_JWKS_FILE, exactly one');
  const algorithms = (e.PORTAL_JWT_ALGORITHMS ?? 'RS256,ES256').split(',').map((name) => name.trim()).filter(Boolean);
  const refused = algorithms.find((name) => !(portalJwtAlgorithms as readonly string[]).includes(name));
  if (refused !== undefined || !algorithms.length) {
    throw new ConfigError(`PORTAL_JWT_ALGORITHMS: ${refused === undefined ? 'empty' : `"${refused}" is not taken`}; only public-key algorithms: ${portalJwtAlgorithms.join(', ')}`);
  }
  return {
    portalJwt: {
      issuer,
      audience,
      algorithms,
      // A PEM in one environment line may have its line breaks written as \n.
      ...(publicKey ? { publicKey: publicKey.replace(/\\n/g, '\n') } : { jwksFile: jwksFile! }),
    },
  };
}
